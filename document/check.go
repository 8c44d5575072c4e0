package document

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"time"

	"github.com/zhifa/zhifa"
)

// Check is what the public learns of a digest (/verify/document/{digest}):
// whether a document with it was issued, which kind, by which agency,
// when, whether it still stands and whether the agency's signature holds —
// never its content or its party.
type Check struct {
	Digest      string
	Found       bool
	KindName    string
	AgencyName  string
	Issued      time.Time
	Status      string
	CorrectedOn time.Time // when a correction replaced it, if it did
	SignatureOK bool
	// ByFile is true when the digest is the PDF file's (an upload), false
	// when it is the content digest the QR code carries.
	ByFile bool
}

// Checker is the public read model of issued documents, which the portal
// reads: it answers by digest only.
type Checker struct {
	Store interface {
		FindDocuments(ctx context.Context, f Filter) ([]*Document, error)
	}
	// VerifierKey returns the key the agencies' signatures verify under.
	VerifierKey func() string
}

// Check answers for digest, a document's content digest (its QR code) or
// its PDF's SHA-256. An unknown digest is a Check with Found false;
// a malformed one is EINVALID.
func (c *Checker) Check(ctx context.Context, digest string) (*Check, error) {
	if !ValidDigest(digest) {
		return nil, zhifa.Invalid(map[string]string{"digest": "摘要格式应为 sha256: 加 64 位小写十六进制数"})
	}
	out := &Check{Digest: digest}
	ds, err := c.Store.FindDocuments(ctx, Filter{ContentDigest: digest})
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		if ds, err = c.Store.FindDocuments(ctx, Filter{PDFDigest: digest}); err != nil {
			return nil, err
		}
		out.ByFile = true
	}
	if len(ds) == 0 {
		return out, nil
	}
	d := ds[len(ds)-1]
	out.Found, out.KindName, out.AgencyName, out.Issued, out.Status = true, d.KindName(), d.AgencyName, d.Created, d.Status
	if d.Status == StatusCorrected {
		out.CorrectedOn = d.Updated
	}
	if c.VerifierKey != nil {
		out.SignatureOK = VerifySignature(d, c.VerifierKey()) == nil
	}
	return out, nil
}

// MaxCheckUpload is the largest PDF the public check accepts.
const MaxCheckUpload = 32 << 20

// CheckFile answers for a PDF someone holds: its SHA-256 is looked up.
func (c *Checker) CheckFile(ctx context.Context, r io.Reader) (*Check, error) {
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(r, MaxCheckUpload+1))
	if err != nil {
		return nil, err
	}
	if n > MaxCheckUpload {
		return nil, zhifa.Invalid(map[string]string{"file": "文件超过 32 MiB,不是本系统出具的文书"})
	}
	if n == 0 {
		return nil, zhifa.Invalid(map[string]string{"file": "请选择要核验的 PDF 文件"})
	}
	return c.Check(ctx, "sha256:"+hex.EncodeToString(h.Sum(nil)))
}
