package workbench

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"net/http"
	"strconv"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/document"
	"github.com/zhifa/zhifa/web/ui"
)

// The documents (执法文书) of a case: the list of what its steps can issue
// and have issued, the preview of each from the record, issuing, and the
// download of an issued document's frozen PDF.

// DocumentsService lists, previews, issues and opens a case's documents
// (*document.Service).
type DocumentsService interface {
	Items(ctx context.Context, a zhifa.Actor, caseID int64) ([]document.Item, error)
	Preview(ctx context.Context, a zhifa.Actor, caseID int64, kind string, stepID int64) (*document.Rendered, error)
	Issue(ctx context.Context, a zhifa.Actor, caseID int64, kind string, stepID, replaces int64) (*document.Document, error)
	Open(ctx context.Context, a zhifa.Actor, caseID, id int64) (*document.Document, io.ReadCloser, error)
}

// CaseFileExporter writes a case's offline-verifiable package
// (service.Service.ExportCaseFile with the log's key and origin).
type CaseFileExporter func(ctx context.Context, a zhifa.Actor, caseID int64, digestsOnly bool, w io.Writer) error

// Documents serves a case's documents and its case file package.
type Documents struct {
	base
	flash
	svc    DocumentsService
	export CaseFileExporter
}

// NewDocuments returns the documents pages.
func NewDocuments(svc DocumentsService, export CaseFileExporter, u *ui.Responder, secure bool) *Documents {
	return &Documents{base: base{u}, flash: flash{secure}, svc: svc, export: export}
}

// HandleCaseFileExport serves GET /workbench/cases/{id}/casefile.zip: the
// package, built whole before the first byte is sent (an error is then a
// clean error page); ?digests=1 leaves the evidence files out.
func (s *Documents) HandleCaseFileExport(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.export(r.Context(), a, id, r.URL.Query().Get("digests") == "1", &buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="casefile-`+strconv.FormatInt(id, 10)+`.zip"`)
	_, err = w.Write(buf.Bytes())
	return err
}

// DocumentsPage lists a case's documents.
type DocumentsPage struct {
	ui.Page
	CaseID  int64
	Items   []document.Item
	Missing []string // the documents the case file still lacks for 归档
}

// DocumentPreviewPage shows a document rendered from the record.
type DocumentPreviewPage struct {
	ui.Page
	CaseID int64
	Doc    *document.Rendered
	Body   template.HTML
}

func documentsPath(id int64) string {
	return "/workbench/cases/" + strconv.FormatInt(id, 10) + "/documents"
}

// HandleDocuments serves GET /workbench/cases/{id}/documents.
func (s *Documents) HandleDocuments(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	p := DocumentsPage{Page: workbenchPage(a, "执法文书"), CaseID: id}
	p.Flash = s.takeFlash(w, r, documentsPath(id))
	if p.Items, err = s.svc.Items(r.Context(), a, id); err != nil {
		return err
	}
	p.Missing = document.Missing(p.Items)
	s.render(w, r, http.StatusOK, "case_documents", p)
	return nil
}

// HandleDocumentPreview serves GET
// /workbench/cases/{id}/documents/preview/{kind}/{step}.
func (s *Documents) HandleDocumentPreview(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	step, err := ui.PathIndex(r, "step")
	if err != nil {
		return err
	}
	d, err := s.svc.Preview(r.Context(), a, id, r.PathValue("kind"), step)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "document_preview", DocumentPreviewPage{Page: workbenchPage(a, d.Kind.Name+"(预览)"), CaseID: id, Doc: d,
		Body: document.HTML(d.Blocks)})
	return nil
}

// HandleDocumentIssue serves POST /workbench/cases/{id}/documents: kind,
// step and, for a correction, replaces.
func (s *Documents) HandleDocumentIssue(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	step, err1 := strconv.ParseInt(r.PostFormValue("step"), 10, 64)
	replaces, err2 := strconv.ParseInt("0"+r.PostFormValue("replaces"), 10, 64)
	if err1 != nil || err2 != nil {
		return zhifa.Invalid(map[string]string{"step": "请选择要出具文书的环节"})
	}
	d, err := s.svc.Issue(r.Context(), a, id, r.PostFormValue("kind"), step, replaces)
	switch zhifa.ErrorCode(err) {
	case "":
		s.setFlash(w, documentsPath(id), "已出具:"+d.KindName()+",文件摘要 "+d.PDFDigest+" 已记入执法台账。")
	case zhifa.ECONFLICT, zhifa.EINVALID, zhifa.ENOTFOUND:
		s.setFlash(w, documentsPath(id), "未出具:"+zhifa.ErrorMessage(err))
	default:
		return err
	}
	http.Redirect(w, r, documentsPath(id), http.StatusSeeOther)
	return nil
}

// HandleDocumentFile serves GET /workbench/cases/{id}/documents/files/{doc}:
// the issued PDF as stored, never rendered again.
func (s *Documents) HandleDocumentFile(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	docID, err := ui.PathIndex(r, "doc")
	if err != nil {
		return err
	}
	d, f, err := s.svc.Open(r.Context(), a, id, docID)
	if err != nil {
		return err
	}
	defer f.Close()
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="document-`+strconv.FormatInt(d.ID, 10)+`.pdf"`)
	w.Header().Set("Content-Length", strconv.FormatInt(d.Size, 10))
	w.Header().Set("X-Zhifa-Digest", d.PDFDigest)
	_, err = io.Copy(w, f)
	return err
}
