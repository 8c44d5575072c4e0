package store_test

import (
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/blob"
	"github.com/zhifa/zhifa/document"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
	"golang.org/x/mod/sumdb/note"
)

// documentFixture is an issued document of case c's step st, as the
// verify fixture records one.
func documentFixture(c *zhifa.Case, st *zhifa.Step) *document.Document {
	return &document.Document{CaseID: c.ID, AgencyID: c.AgencyID, StepID: st.ID, Kind: "filing", Number: c.Number,
		ContentDigest: "sha256:" + strings.Repeat("cd", 32), PDFDigest: "sha256:" + strings.Repeat("ef", 32), PDFSM3: "sm3:" + strings.Repeat("01", 32),
		Size: 100, Signature: "sig", Status: document.StatusIssued, IssuedBy: c.RegisteredBy}
}

func mustSigner(t *testing.T) *ledger.Signer {
	t.Helper()
	skey, _, err := note.GenerateKey(rand.Reader, "zhifa.test/zhifa")
	if err != nil {
		t.Fatal(err)
	}
	s, err := ledger.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestIssueDocument issues the 决定书 of a decided case on both engines:
// the PDF is stored under its digest, the event carries its SHA-256 and
// SM3, the signature verifies, a second issue is refused, a correction
// names the old one, the public check answers by either digest and the
// state verifies.
func TestIssueDocument(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c, _, _ := stateFixture(t, db)
		dec := &zhifa.Step{CaseID: c.ID, Action: "decide", Stage: "decided", ActorUserID: c.RegisteredBy,
			Fields: map[string]string{"number": "汉阴市监罚〔2026〕1号", "facts": "销售过期食品。", "basis": "《中华人民共和国食品安全法》第一百二十四条",
				"penalty_kind": "罚款", "penalty": "罚款五千元。", "fine": "5000", "payment": "十五日内缴纳。", "remedy": "六十日内申请行政复议。"}}
		if err := regWrite(t, db, func(tx *store.Tx) error { return tx.AddStep(dec) }); err != nil {
			t.Fatal(err)
		}
		blobs, err := blob.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		signer := mustSigner(t)
		svc := &document.Service{Store: store.DocumentStore(db), Blobs: func() *blob.Store { return blobs }, Signer: signer,
			PublicURL: "https://zhifa.example", Guard: access.Guard{Denials: db}, Now: db.Now}
		officer := zhifa.Actor{UserID: c.RegisteredBy, AgencyID: c.AgencyID, Roles: []zhifa.Role{zhifa.RoleOfficer}}
		d, err := svc.Issue(ctx, officer, c.ID, "decision", dec.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if d.Number != "汉阴市监罚〔2026〕1号" || d.Status != document.StatusIssued || !strings.HasPrefix(d.PDFSM3, "sm3:") {
			t.Errorf("issued %+v", d)
		}
		f, err := blobs.Open(d.PDFDigest)
		if err != nil {
			t.Fatalf("the PDF is not in the file store: %v", err)
		}
		pdf, _ := os.ReadFile(f.Name())
		f.Close()
		if sha, sm3 := document.Digests(pdf); sha != d.PDFDigest || sm3 != d.PDFSM3 {
			t.Errorf("stored PDF digests %s %s, recorded %s %s", sha, sm3, d.PDFDigest, d.PDFSM3)
		}
		if err := document.VerifySignature(d, signer.VerifierKey()); err != nil {
			t.Error(err)
		}
		// The event.
		n, _ := db.LogSize()
		leaves, err := db.ReadLeaves(n-1, n)
		if err != nil {
			t.Fatal(err)
		}
		e, err := ledger.DecodeEvent(leaves[0])
		if err != nil {
			t.Fatal(err)
		}
		if e.Type != "document.issued" || e.Object != c.Object() || len(e.Files) != 1 || e.Files[0] != d.PDFDigest ||
			e.Attrs["sm3"] != d.PDFSM3 || e.Attrs["content"] != d.ContentDigest || e.Digest == "" {
			t.Errorf("event %+v", e)
		}
		// Issued means frozen: issuing the same again is refused.
		if _, err := svc.Issue(ctx, officer, c.ID, "decision", dec.ID, 0); zhifa.ErrorCode(err) != zhifa.ECONFLICT {
			t.Errorf("second issue: %v, want ECONFLICT", err)
		}
		// A reader cannot issue.
		reader := zhifa.Actor{UserID: 99, AgencyID: c.AgencyID, Roles: []zhifa.Role{zhifa.RoleReviewer}}
		if _, err := svc.Issue(ctx, reader, c.ID, "decision", dec.ID, 0); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Errorf("issue by a reviewer: %v, want EFORBIDDEN", err)
		}
		// A correction (here: the agency's wording changed) names the old,
		// which then stands corrected.
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "decision.tmpl"), []byte("# {{.Agency}}\n# 行政处罚决定书\n@ {{.Number}}\n更正后的文书。\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		fixed := *svc
		fixed.Templates = &document.Templates{Dir: dir}
		if _, err := fixed.Issue(ctx, officer, c.ID, "decision", dec.ID, 0); zhifa.ErrorCode(err) != zhifa.ECONFLICT {
			t.Errorf("correction without naming the old: %v, want ECONFLICT", err)
		}
		d2, err := fixed.Issue(ctx, officer, c.ID, "decision", dec.ID, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d2.Replaces != d.ID || d2.ContentDigest == d.ContentDigest {
			t.Errorf("correction %+v of %+v", d2, d)
		}
		checker := &document.Checker{Store: store.DocumentStore(db), VerifierKey: signer.VerifierKey}
		got, err := checker.Check(ctx, d.ContentDigest)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Found || got.ByFile || got.KindName != "行政处罚决定书" || got.AgencyName != "汉阴县市场监督管理局" || got.Status != document.StatusCorrected ||
			got.CorrectedOn.IsZero() || !got.SignatureOK {
			t.Errorf("Check(content) = %+v", got)
		}
		byFile, err := checker.CheckFile(ctx, strings.NewReader(string(pdf)))
		if err != nil || !byFile.Found || !byFile.ByFile || byFile.Status != document.StatusCorrected {
			t.Errorf("CheckFile = %+v, %v", byFile, err)
		}
		changed := append([]byte{}, pdf...)
		changed[len(changed)/2] ^= 1
		if miss, err := checker.CheckFile(ctx, strings.NewReader(string(changed))); err != nil || miss.Found {
			t.Errorf("CheckFile of a changed PDF = %+v, %v; want not found", miss, err)
		}
		if _, err := checker.Check(ctx, "sha256:XYZ"); zhifa.ErrorCode(err) != zhifa.EINVALID {
			t.Errorf("Check(bad digest) = %v, want EINVALID", err)
		}
		rep, err := db.VerifyState(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rep.Findings {
			t.Errorf("finding: %+v", f)
		}
		if rep.Records["documents"] < 2 {
			t.Errorf("documents verified: %d, want 2", rep.Records["documents"])
		}
	})
}
