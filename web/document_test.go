package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/zhifa/zhifa/document"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestDocumentIssueAndPublicCheck issues the 决定书 of a decided case from
// the workbench, downloads its frozen PDF, and checks it on the public
// page by its QR digest and by upload; a changed byte is not found, and
// the public page shows no content. The 决定书's fields equal the
// publication's, apart from masking and the recorded corrections.
func TestDocumentIssueAndPublicCheck(t *testing.T) {
	s := newPubSite(t, storetest.MustOpenSQLite(t))
	ctx := context.Background()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(s.srv.URL+"/login", url.Values{"username": {"o1"}, "password": {"Zhifa-Test-2026"}, "next": {"/workbench"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	get := func(path string) (int, string, []byte) {
		t.Helper()
		resp, err := c.Get(s.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), b
	}
	caseID := s.org.CaseID
	base := "/workbench/cases/" + strconv.FormatInt(caseID, 10)
	if st, _, body := get(base); st != 200 || !strings.Contains(string(body), base+"/documents") {
		t.Fatalf("case page %d lacks the 文书 section", st)
	}
	st, _, body := get(base + "/documents")
	if st != 200 || !strings.Contains(string(body), "行政处罚决定书") || !strings.Contains(string(body), "尚未出具") ||
		!strings.Contains(string(body), "<li>行政处罚决定书(第 ") {
		t.Fatalf("documents page %d:\n%s", st, body)
	}
	items, err := s.svc.Documents.Items(ctx, s.o1, caseID)
	if err != nil {
		t.Fatal(err)
	}
	var decisionStep int64
	for _, it := range items {
		if it.Kind.Code == "decision" {
			decisionStep = it.Step.ID
		}
	}
	st, _, body = get(base + "/documents/preview/decision/" + strconv.FormatInt(decisionStep, 10))
	if st != 200 || !strings.Contains(string(body), `<h2 class="doc-title">行政处罚决定书</h2>`) || !strings.Contains(string(body), pubOrg.Name) {
		t.Fatalf("preview %d:\n%s", st, body)
	}
	resp, err = c.PostForm(s.srv.URL+base+"/documents", url.Values{"kind": {"decision"}, "step": {strconv.FormatInt(decisionStep, 10)}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("issue: %d", resp.StatusCode)
	}
	_, _, body = get(base + "/documents")
	if !strings.Contains(string(body), "已出具:行政处罚决定书") {
		t.Errorf("no flash after issuing:\n%s", body)
	}
	link := regexp.MustCompile(`/documents/files/(\d+)`).FindString(string(body))
	st, ctype, pdf := get("/workbench/cases/" + strconv.FormatInt(caseID, 10) + link)
	if st != 200 || ctype != "application/pdf" || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("download %s: %d %s", link, st, ctype)
	}
	items, _ = s.svc.Documents.Items(ctx, s.o1, caseID)
	var d *document.Document
	for _, it := range items {
		if it.Kind.Code == "decision" {
			d = it.Standing()
		}
	}
	if sha, _ := document.Digests(pdf); d == nil || sha != d.PDFDigest {
		t.Fatalf("downloaded PDF is not the issued one: %v", d)
	}

	// The public check, as anyone.
	pub := func(method, path string, file []byte) (int, string) {
		t.Helper()
		var resp *http.Response
		var err error
		if method == "GET" {
			resp, err = http.Get(s.srv.URL + path)
		} else {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			fw, _ := mw.CreateFormFile("file", "决定书.pdf")
			fw.Write(file)
			mw.Close()
			req, _ := http.NewRequest("POST", s.srv.URL+path, &buf)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			resp, err = http.DefaultClient.Do(req)
		}
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	st, page := pub("GET", "/verify/document/"+d.ContentDigest, nil)
	for _, want := range []string{"已出具,现行有效", "行政处罚决定书", s.agency.Name, "签名有效"} {
		if st != 200 || !strings.Contains(page, want) {
			t.Errorf("public check by QR digest (%d) lacks %q", st, want)
		}
	}
	for _, secret := range []string{pubOrg.Name, "未经检验的食用油", pubOrg.Phone} {
		if strings.Contains(page, secret) {
			t.Errorf("the public check shows content %q", secret)
		}
	}
	if st, page = pub("POST", "/verify/document", pdf); st != 200 || !strings.Contains(page, "逐字节一致") {
		t.Errorf("upload of the issued PDF: %d", st)
	}
	changed := append([]byte{}, pdf...)
	changed[len(changed)/2] ^= 0x20
	if st, page = pub("POST", "/verify/document", changed); st != 404 || !strings.Contains(page, "未查到该文书") {
		t.Errorf("upload of a changed PDF: %d", st)
	}
	if st, _ = pub("GET", "/verify/document/sha256:123", nil); st != 400 {
		t.Errorf("malformed digest: %d, want 400", st)
	}

	// The case file package verifies offline and holds the issued PDF.
	st, ctype, zipped := get(base + "/casefile.zip")
	if st != 200 || ctype != "application/zip" {
		t.Fatalf("casefile.zip: %d %s", st, ctype)
	}
	_, key := pub("GET", "/log/key", nil)
	rep, err := document.CheckPack(bytes.NewReader(zipped), int64(len(zipped)), strings.TrimSpace(key))
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Events < 10 || rep.Manifest.CaseID != caseID {
		t.Errorf("package: %+v", rep)
	}
	hasPDF := false
	for _, f := range rep.Manifest.Files {
		hasPDF = hasPDF || (f.Kind == "document" && f.SHA256 == d.PDFDigest)
	}
	if !hasPDF {
		t.Error("the package lacks the issued 决定书")
	}

	// The 决定书 says what the publication says, field by field: the
	// organisation's fields are not masked; a corrected field is compared
	// with the value it had before the correction.
	steps, err := s.svc.Documents.Store.FindSteps(ctx, caseID)
	if err != nil {
		t.Fatal(err)
	}
	dec, _ := document.DecisionOf(steps)
	p := s.org
	before := map[string]string{}
	for _, corr := range p.Corrections {
		if _, seen := before[corr.Field]; !seen {
			before[corr.Field] = corr.Old
		}
	}
	field := func(code, now string) string {
		if old, ok := before[code]; ok {
			return old
		}
		return now
	}
	for _, f := range []struct{ name, doc, pub string }{
		{"文号", dec.Number, p.Number}, {"违法事实", dec.Facts, field("facts", p.Facts)}, {"处罚依据", dec.Basis, field("basis", p.Basis)},
		{"处罚种类", dec.PenaltyKind, p.PenaltyKind}, {"处罚内容", dec.Penalty, field("penalty", p.Penalty)},
		{"罚款", strconv.FormatInt(dec.Fine, 10), strconv.FormatInt(p.Fine, 10)}, {"履行方式和期限", dec.Payment, field("payment", p.Payment)},
		{"救济途径", dec.Remedy, field("remedy", p.Remedy)},
	} {
		if f.doc != f.pub {
			t.Errorf("%s: 决定书 %q, 公示 %q", f.name, f.doc, f.pub)
		}
	}
}
