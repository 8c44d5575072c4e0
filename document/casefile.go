package document

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa/ledger"
	"golang.org/x/mod/sumdb/note"
)

// The offline case file (案卷包): a zip a court or a party verifies with no
// server and no database (`zhifa verify FILE.zip`). It holds
//
//	manifest.json      what is in the package, each file with its SHA-256
//	manifest.sig       the agency's signed note over the manifest's SHA-256
//	key.txt            the note verifier key (the log's, also at /log/key)
//	checkpoint.txt     one signed checkpoint of the log
//	events/N.json      every ledger event of the case, as stored (leaf N)
//	proofs/N.txt       its inclusion proof against that checkpoint
//	documents/…pdf     the issued documents
//	evidence/…         the evidence files, or only their digests in the
//	                   manifest (EvidenceDigests) when exported so
//
// Every document and evidence file's digest must be among the Files of a
// proven event of the case, so a file cannot be swapped even together with
// the manifest.

// PackFormat is the manifest's format line.
const PackFormat = "zhifa-casefile/1"

// Manifest is manifest.json.
type Manifest struct {
	Format          string         `json:"format"`
	CaseID          int64          `json:"case_id"`
	CaseNumber      string         `json:"case_number"`
	Origin          string         `json:"origin"`
	Files           []ManifestFile `json:"files"`
	EvidenceDigests []ManifestFile `json:"evidence_digests,omitempty"` // files not included, by digest
	Events          []int64        `json:"events"`
}

// ManifestFile is a file of the package (or, in EvidenceDigests, one left
// out): its path or name, SHA-256 and size, and what it is (document,
// evidence, event, proof, key, checkpoint).
type ManifestFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	Kind   string `json:"kind"`
}

// PackEvent is one event of the case with its proof.
type PackEvent struct {
	Index int64
	Leaf  []byte
	Proof []byte
}

// PackInput is what a package is made of.
type PackInput struct {
	CaseID      int64
	CaseNumber  string
	Origin      string
	VerifierKey string
	Checkpoint  []byte
	Events      []PackEvent
	Documents   []PackFile
	Evidence    []PackFile // Data nil: digest only
}

// PackFile is a document or evidence file.
type PackFile struct {
	Name   string
	Digest string // "sha256:<hex>"
	Data   []byte // nil for a digest only
	Size   int64
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(s[:])
}

func manifestSigText(manifest []byte) string {
	return "zhifa casefile v1\n" + sha(manifest) + "\n"
}

// safeName keeps a file name usable as a zip entry: no directories, no
// leading dots.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r < 0x20 {
			return '_'
		}
		return r
	}, s)
	return strings.TrimLeft(s, ".")
}

// WritePack writes the package of in to w, signing its manifest with
// signer.
func WritePack(w io.Writer, in PackInput, signer Signer) error {
	m := Manifest{Format: PackFormat, CaseID: in.CaseID, CaseNumber: in.CaseNumber, Origin: in.Origin}
	type entry struct {
		path string
		data []byte
	}
	var entries []entry
	add := func(path, kind string, data []byte) {
		entries = append(entries, entry{path, data})
		m.Files = append(m.Files, ManifestFile{Path: path, SHA256: sha(data), Size: int64(len(data)), Kind: kind})
	}
	add("key.txt", "key", []byte(in.VerifierKey+"\n"))
	add("checkpoint.txt", "checkpoint", in.Checkpoint)
	for _, e := range in.Events {
		n := strconv.FormatInt(e.Index, 10)
		add("events/"+n+".json", "event", e.Leaf)
		add("proofs/"+n+".txt", "proof", e.Proof)
		m.Events = append(m.Events, e.Index)
	}
	for _, f := range in.Documents {
		add("documents/"+safeName(f.Name), "document", f.Data)
	}
	for _, f := range in.Evidence {
		if f.Data == nil {
			m.EvidenceDigests = append(m.EvidenceDigests, ManifestFile{Path: safeName(f.Name), SHA256: f.Digest, Size: f.Size, Kind: "evidence"})
			continue
		}
		add("evidence/"+safeName(f.Name), "evidence", f.Data)
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	sig, err := signer.SignNote(manifestSigText(manifest))
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, e := range append([]entry{{"manifest.json", manifest}, {"manifest.sig", sig}}, entries...) {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: e.path, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if _, err := fw.Write(e.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// PackReport is the result of CheckPack: the problems found, each naming
// its file, and what was checked.
type PackReport struct {
	Manifest    *Manifest
	VerifierKey string
	Files       int
	Events      int
	Problems    []string
}

// OK reports whether the package verified.
func (r *PackReport) OK() bool { return len(r.Problems) == 0 }

func (r *PackReport) addf(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// maxPackEntry bounds one entry read from a package.
const maxPackEntry = 1 << 30

// CheckPack verifies a case file package with no server and no database:
// the manifest's signature, every file against the manifest (naming each
// changed, missing or added file), every event's inclusion proof against
// the one signed checkpoint, and that every document and evidence file is
// attached to a proven event of the case. vkey, if not "", is the verifier
// key the package must use (else key.txt's, which the report shows).
func CheckPack(r io.ReaderAt, size int64, vkey string) (*PackReport, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("不是 zip 文件:%w", err)
	}
	rep := &PackReport{}
	content := map[string][]byte{}
	for _, f := range zr.File {
		if _, dup := content[f.Name]; dup {
			rep.addf("文件 %s 在包中出现了两次", f.Name)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			rep.addf("文件 %s 无法读取:%v", f.Name, err)
			continue
		}
		b, err := io.ReadAll(io.LimitReader(rc, maxPackEntry))
		rc.Close()
		if err != nil {
			rep.addf("文件 %s 无法读取:%v", f.Name, err)
			continue
		}
		content[f.Name] = b
	}
	manifest, ok := content["manifest.json"]
	if !ok {
		rep.addf("缺少文件 manifest.json")
		return rep, nil
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(manifest))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil || m.Format != PackFormat {
		rep.addf("文件 manifest.json 格式错误(应为 %s)", PackFormat)
		return rep, nil
	}
	rep.Manifest = &m
	key := strings.TrimSpace(string(content["key.txt"]))
	if vkey != "" && key != vkey {
		rep.addf("文件 key.txt 的验证公钥与指定的公钥不同")
		key = vkey
	}
	rep.VerifierKey = key
	v, err := note.NewVerifier(key)
	if err != nil {
		rep.addf("文件 key.txt 不是有效的验证公钥")
		return rep, nil
	}
	// The manifest's signature.
	sig, ok := content["manifest.sig"]
	if !ok {
		rep.addf("缺少文件 manifest.sig")
	} else if n, err := note.Open(sig, note.VerifierList(v)); err != nil {
		rep.addf("文件 manifest.sig 的签名无效")
	} else if n.Text != manifestSigText(manifest) {
		rep.addf("文件 manifest.json 被改动:与 manifest.sig 所签的摘要不符")
	}
	// Every file against the manifest.
	listed := map[string]ManifestFile{}
	for _, f := range m.Files {
		listed[f.Path] = f
		b, ok := content[f.Path]
		switch {
		case !ok:
			rep.addf("缺少文件 %s", f.Path)
		case sha(b) != f.SHA256 || int64(len(b)) != f.Size:
			rep.addf("文件 %s 被改动:SHA-256 与清单不符", f.Path)
		default:
			rep.Files++
		}
	}
	var names []string
	for name := range content {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if _, ok := listed[name]; !ok && name != "manifest.json" && name != "manifest.sig" {
			rep.addf("多出文件 %s:清单中没有它", name)
		}
	}
	// The events, each proven against the one checkpoint.
	cp := content["checkpoint.txt"]
	if _, _, err := ledger.OpenCheckpoint(cp, v, m.Origin); err != nil {
		rep.addf("文件 checkpoint.txt:%v", err)
		return rep, nil
	}
	attached := map[string]bool{}
	object := "case/" + strconv.FormatInt(m.CaseID, 10)
	for _, idx := range m.Events {
		n := strconv.FormatInt(idx, 10)
		leaf, proof := content["events/"+n+".json"], content["proofs/"+n+".txt"]
		if leaf == nil || proof == nil {
			continue // named above as missing
		}
		got, err := ledger.VerifyProof(proof, leaf, v, m.Origin)
		if err != nil || got != idx {
			rep.addf("文件 proofs/%s.txt:事件 %s 的包含性证明不成立", n, n)
			continue
		}
		if _, _, pcp, _ := ledger.ParseProof(proof); !bytes.Equal(pcp, cp) {
			rep.addf("文件 proofs/%s.txt:证明所附的检查点不是 checkpoint.txt", n)
		}
		e, err := ledger.DecodeEvent(leaf)
		if err != nil || e.Object != object {
			rep.addf("文件 events/%s.json 不是本案(%s)的事件", n, object)
			continue
		}
		for _, f := range e.Files {
			attached[f] = true
		}
		rep.Events++
	}
	for _, f := range m.Files {
		if (f.Kind == "document" || f.Kind == "evidence") && !attached[f.SHA256] {
			rep.addf("文件 %s 的摘要不在本案已证明的台账事件中", f.Path)
		}
	}
	for _, f := range m.EvidenceDigests {
		if !attached[f.SHA256] {
			rep.addf("证据 %s 的摘要不在本案已证明的台账事件中", f.Path)
		}
	}
	return rep, nil
}
