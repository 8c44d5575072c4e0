package document

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"io"
	"strings"
	"testing"

	"github.com/zhifa/zhifa/ledger"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type memHashes map[int64]tlog.Hash

func (m memHashes) ReadHashes(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	for i, x := range idx {
		out[i] = m[x]
	}
	return out, nil
}

const packOrigin = "zhifa.test/zhifa"

// testPack builds the package of case 7: two events (one attaching the
// evidence photo, one the 决定书) in a log with an unrelated event first.
func testPack(t *testing.T, digestsOnly bool) ([]byte, *ledger.Signer) {
	t.Helper()
	skey, _, err := note.GenerateKey(rand.Reader, packOrigin)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ledger.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	pdf, photo := []byte("%PDF-1.7 决定书"), []byte("JPEG photo bytes")
	events := []ledger.Event{
		{Type: "agency.created", Object: "agency/1", Actor: "system", Prev: -1},
		{Type: "case.inspection", Object: "case/7", Actor: "user/2", Prev: -1, Files: []string{sha(photo)}},
		{Type: "document.issued", Object: "case/7", Actor: "user/2", Prev: 1, Files: []string{sha(pdf)}},
	}
	hashes := memHashes{}
	var leaves [][]byte
	for i, e := range events {
		leaf, err := e.Encode()
		if err != nil {
			t.Fatal(err)
		}
		leaves = append(leaves, leaf)
		hs, err := tlog.StoredHashes(int64(i), leaf, hashes)
		if err != nil {
			t.Fatal(err)
		}
		for j, h := range hs {
			hashes[tlog.StoredHashIndex(0, int64(i))+int64(j)] = h
		}
	}
	n := int64(len(events))
	root, err := tlog.TreeHash(n, hashes)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := ledger.SignCheckpoint(signer, packOrigin, n, root)
	if err != nil {
		t.Fatal(err)
	}
	in := PackInput{CaseID: 7, CaseNumber: "汉阴市监案〔2026〕7号", Origin: packOrigin, VerifierKey: signer.VerifierKey(), Checkpoint: cp,
		Documents: []PackFile{{Name: "5-decision.pdf", Digest: sha(pdf), Data: pdf, Size: int64(len(pdf))}},
		Evidence:  []PackFile{{Name: "3-现场照片.jpg", Digest: sha(photo), Data: photo, Size: int64(len(photo))}}}
	if digestsOnly {
		in.Evidence[0].Data = nil
	}
	for _, i := range []int64{1, 2} {
		p, err := ledger.InclusionProof(hashes, i, n)
		if err != nil {
			t.Fatal(err)
		}
		in.Events = append(in.Events, PackEvent{Index: i, Leaf: leaves[i], Proof: ledger.FormatProof(i, p, cp)})
	}
	var buf bytes.Buffer
	if err := WritePack(&buf, in, signer); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), signer
}

// rewrite copies a package, changing it by fn (which may drop an entry by
// returning nil) and appending extra entries.
func rewrite(t *testing.T, pack []byte, fn func(name string, b []byte) []byte, extra map[string][]byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pack), int64(len(pack)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if b = fn(f.Name, b); b == nil {
			continue
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	for name, b := range extra {
		w, _ := zw.Create(name)
		w.Write(b)
	}
	zw.Close()
	return buf.Bytes()
}

func flip(target string) func(string, []byte) []byte {
	return func(name string, b []byte) []byte {
		if name == target {
			b = append([]byte{}, b...)
			b[len(b)/2] ^= 1
		}
		return b
	}
}

// TestCheckPack: an exported package verifies; one changed byte of the
// PDF, of an evidence file or of the manifest, a missing or an added file
// fails, naming the file.
func TestCheckPack(t *testing.T) {
	pack, signer := testPack(t, false)
	check := func(b []byte, vkey string) *PackReport {
		t.Helper()
		rep, err := CheckPack(bytes.NewReader(b), int64(len(b)), vkey)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	if rep := check(pack, signer.VerifierKey()); !rep.OK() || rep.Events != 2 || rep.Files != 8 {
		t.Fatalf("clean package: %+v", rep)
	}
	if rep := check(testPackDigestsOnly(t), ""); !rep.OK() || len(rep.Manifest.EvidenceDigests) != 1 {
		t.Fatalf("digests-only package: %+v", rep)
	}
	for _, tc := range []struct {
		name string
		pack []byte
		want string
	}{
		{"pdf byte", rewrite(t, pack, flip("documents/5-decision.pdf"), nil), "文件 documents/5-decision.pdf 被改动"},
		{"evidence byte", rewrite(t, pack, flip("evidence/3-现场照片.jpg"), nil), "文件 evidence/3-现场照片.jpg 被改动"},
		{"manifest byte", rewrite(t, pack, func(name string, b []byte) []byte {
			if name == "manifest.json" {
				return bytes.Replace(b, []byte("汉阴市监案"), []byte("汉阴市监罚"), 1)
			}
			return b
		}, nil), "文件 manifest.json 被改动"},
		{"added", rewrite(t, pack, func(_ string, b []byte) []byte { return b }, map[string][]byte{"documents/extra.pdf": []byte("x")}), "多出文件 documents/extra.pdf"},
		{"missing", rewrite(t, pack, func(name string, b []byte) []byte {
			if name == "evidence/3-现场照片.jpg" {
				return nil
			}
			return b
		}, nil), "缺少文件 evidence/3-现场照片.jpg"},
		{"event byte", rewrite(t, pack, flip("events/2.json"), nil), "文件 events/2.json 被改动"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := check(tc.pack, "")
			if rep.OK() || !strings.Contains(strings.Join(rep.Problems, "\n"), tc.want) {
				t.Errorf("problems %q, want one with %q", rep.Problems, tc.want)
			}
		})
	}
	// Another key than the expected one.
	other, _ := testPack(t, false)
	if rep := check(other, signer.VerifierKey()); rep.OK() {
		t.Error("a package signed by another key verified")
	}
}

func testPackDigestsOnly(t *testing.T) []byte {
	b, _ := testPack(t, true)
	return b
}
