package portal

import (
	"context"
	"io"
	"net/http"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/document"
	"github.com/zhifa/zhifa/web/ui"
)

// The public check of an issued 执法文书 (/verify/document/{digest}, the
// address its QR code encodes): whether it was issued, by whom, when and
// whether it still stands — never its content. It reads package
// document's public read model, never a case.

// DocumentChecker answers by digest or by file (*document.Checker).
type DocumentChecker interface {
	Check(ctx context.Context, digest string) (*document.Check, error)
	CheckFile(ctx context.Context, r io.Reader) (*document.Check, error)
}

// DocumentVerify serves the public document check.
type DocumentVerify struct {
	ui      *ui.Responder
	checker DocumentChecker
}

// NewDocumentVerify returns the public document check.
func NewDocumentVerify(u *ui.Responder, c DocumentChecker) *DocumentVerify {
	return &DocumentVerify{ui: u, checker: c}
}

// DocumentVerifyPage is the form and the answer.
type DocumentVerifyPage struct {
	ui.Page
	Digest string
	Result *document.Check // nil before a query
	Error  string
}

func (s *DocumentVerify) answer(w http.ResponseWriter, r *http.Request, p DocumentVerifyPage, c *document.Check, err error) error {
	switch {
	case zhifa.ErrorCode(err) == zhifa.EINVALID:
		p.Error = zhifa.ErrorMessage(err)
		s.ui.Render(w, r, http.StatusBadRequest, "portal_document", p)
		return nil
	case err != nil:
		return err
	}
	p.Result, p.Digest = c, c.Digest
	status := http.StatusOK
	if !c.Found {
		status = http.StatusNotFound
	}
	s.ui.Render(w, r, status, "portal_document", p)
	return nil
}

// HandleDocumentVerifyForm serves GET /verify/document: the form; a
// digest typed in goes to the answer's own address.
func (s *DocumentVerify) HandleDocumentVerifyForm(w http.ResponseWriter, r *http.Request) error {
	if d := strings.TrimSpace(r.URL.Query().Get("digest")); d != "" {
		http.Redirect(w, r, "/verify/document/"+d, http.StatusSeeOther)
		return nil
	}
	s.ui.Render(w, r, http.StatusOK, "portal_document", DocumentVerifyPage{Page: portalPage(r, "执法文书核验")})
	return nil
}

// HandleDocumentVerify serves GET /verify/document/{digest}.
func (s *DocumentVerify) HandleDocumentVerify(w http.ResponseWriter, r *http.Request) error {
	p := DocumentVerifyPage{Page: portalPage(r, "执法文书核验"), Digest: r.PathValue("digest")}
	c, err := s.checker.Check(r.Context(), p.Digest)
	return s.answer(w, r, p, c, err)
}

// HandleDocumentVerifyFile serves POST /verify/document: a PDF someone
// holds (field file), checked by its SHA-256; the file is not kept.
func (s *DocumentVerify) HandleDocumentVerifyFile(w http.ResponseWriter, r *http.Request) error {
	p := DocumentVerifyPage{Page: portalPage(r, "执法文书核验")}
	r.Body = http.MaxBytesReader(w, r.Body, document.MaxCheckUpload+1<<20)
	f, _, err := r.FormFile("file")
	if err != nil {
		return s.answer(w, r, p, nil, zhifa.Invalid(map[string]string{"file": "请选择要核验的 PDF 文件(不超过 32 MiB)"}))
	}
	defer f.Close()
	c, err := s.checker.CheckFile(r.Context(), f)
	return s.answer(w, r, p, c, err)
}
