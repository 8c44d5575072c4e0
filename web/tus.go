package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	tusd "github.com/tus/tusd/v2/pkg/handler"
	"github.com/tus/tusd/v2/pkg/memorylocker"
	expslog "golang.org/x/exp/slog"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/blob"
	"github.com/zhifa/zhifa/web/ui"
)

// Resumable uploads (issue 13): tus 1.0.0 with the creation and
// termination extensions at /api/v1/uploads/, served by an embedded tusd
// over blob.Uploads, which computes SHA-256 and SM3 while the bytes stream
// in. Every request passes the same login (session cookie or Bearer
// token), CSRF protection and upload guards (limits.go, uploads.go) as the
// rest of the API; an upload belongs to the user who created it, and only
// that user may see, continue or end it. Once complete,
// GET /api/v1/uploads/{id} answers its size and digests.

// tusBase is the path of the upload collection.
const tusBase = "/api/v1/uploads/"

// Metadata keys the server sets on each upload; a client's own values for
// them are discarded.
const (
	tusMetaUser   = "zhifa-user"
	tusMetaAgency = "zhifa-agency"
)

// tusUploads serves the tus routes.
type tusUploads struct {
	s  *Server
	up *blob.Uploads
	h  *tusd.UnroutedHandler
}

// newTus builds the tus handler over the service's upload area, or nil
// when the server has no file store.
func (s *Server) newTus() (*tusUploads, error) {
	if s.svc.Uploads == nil {
		return nil, nil
	}
	t := &tusUploads{s: s, up: s.svc.Uploads}
	c := tusd.NewStoreComposer()
	t.up.UseIn(c)
	memorylocker.New().UseIn(c)
	h, err := tusd.NewUnroutedHandler(tusd.Config{
		StoreComposer:           c,
		BasePath:                tusBase,
		MaxSize:                 s.limits.MaxUpload,
		DisableDownload:         true,
		DisableConcatenation:    true,
		Cors:                    &tusd.CorsConfig{Disable: true}, // same origin only
		NetworkTimeout:          s.limits.RateWindow,
		PreUploadCreateCallback: t.preCreate,
		Logger:                  expslog.New(expslog.NewTextHandler(io.Discard, nil)), // errors reach the client
	})
	if err != nil {
		return nil, err
	}
	t.h = h
	return t, nil
}

// preCreate marks a new upload with its owner.
func (t *tusUploads) preCreate(ev tusd.HookEvent) (tusd.HTTPResponse, tusd.FileInfoChanges, error) {
	a := ui.ActorFrom(ev.Context)
	meta := tusd.MetaData{}
	for k, v := range ev.Upload.MetaData {
		if !strings.HasPrefix(k, "zhifa-") {
			meta[k] = v
		}
	}
	meta[tusMetaUser] = strconv.FormatInt(a.UserID, 10)
	meta[tusMetaAgency] = strconv.FormatInt(a.AgencyID, 10)
	return tusd.HTTPResponse{}, tusd.FileInfoChanges{MetaData: meta}, nil
}

// authorize lets through a logged-in user who may record enforcement
// steps (上传音像记录 is part of 记录执法环节) in their own agency.
func (t *tusUploads) authorize(r *http.Request) (zhifa.Actor, error) {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return a, err
	}
	if t == nil {
		return a, zhifa.Errorf(zhifa.EUNAVAILABLE, "服务器未配置文件存储,不能上传")
	}
	return a, t.s.svc.Authorize(r.Context(), a, access.CaseStep, a.AgencyID, "upload")
}

// own returns the upload id of r's path if it belongs to a; another
// user's upload is reported as not found (its existence is not told).
func (t *tusUploads) own(r *http.Request, a zhifa.Actor) (blob.UploadInfo, error) {
	info, err := t.up.Info(r.Context(), r.PathValue("id"))
	if errors.Is(err, blob.ErrNoUpload) || err == nil && info.MetaData[tusMetaUser] != strconv.FormatInt(a.UserID, 10) {
		return info, zhifa.Errorf(zhifa.ENOTFOUND, "上传 %s 不存在或已终止", r.PathValue("id"))
	}
	return info, err
}

// tus returns the handler of one tus operation: login and authorization,
// for an existing upload its owner, then tusd with the path made relative
// to the collection (tusd reads the id from the path).
func (t *tusUploads) tus(w http.ResponseWriter, r *http.Request, op func(*tusd.UnroutedHandler, http.ResponseWriter, *http.Request), existing bool) error {
	a, err := t.authorize(r)
	if err != nil {
		return err
	}
	switch {
	case existing:
		if _, err := t.own(r, a); err != nil {
			return err
		}
	case r.URL.Path != tusBase:
		return zhifa.Errorf(zhifa.ENOTFOUND, "接口 %s 不存在", r.URL.Path)
	case r.Method == http.MethodPost:
		if err := t.checkCreate(r, a); err != nil {
			return err
		}
	}
	h := http.StripPrefix(strings.TrimSuffix(tusBase, "/"), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { op(t.h, w, r) }))
	t.h.Middleware(h).ServeHTTP(w, r)
	return nil
}

// checkCreate refuses, before it exists, an upload whose declared length
// the disk reserve or the user's and agency's daily quotas cannot take.
func (t *tusUploads) checkCreate(r *http.Request, a zhifa.Actor) error {
	n, err := strconv.ParseInt(r.Header.Get("Upload-Length"), 10, 64)
	if err != nil || n < 0 {
		return zhifa.Errorf(zhifa.EINVALID, "须在 Upload-Length 中声明文件长度(字节数)")
	}
	if n > t.s.limits.MaxUpload {
		return zhifa.Errorf(zhifa.ETOOLARGE, "上传超过单次上限 %s", ui.LimitText(t.s.limits.MaxUpload))
	}
	g := &guardBody{s: t.s, ctx: r.Context(), user: a.UserID, agency: a.AgencyID, day: t.s.today().String()}
	return g.check(n)
}

// apiUpload is the JSON answer of GET /api/v1/uploads/{id}.
type apiUpload struct {
	ID       string `json:"id"`
	Size     int64  `json:"size"`
	Offset   int64  `json:"offset"`
	Complete bool   `json:"complete"`
	SHA256   string `json:"sha256,omitempty"`
	SM3      string `json:"sm3,omitempty"`
	Digest   string `json:"digest,omitempty"`
	Filename string `json:"filename,omitempty"`
	Filetype string `json:"filetype,omitempty"`
}

// HandleAPIUploadGet serves GET /api/v1/uploads/{id}: the upload's size,
// offset and, once complete, its digests (hex).
func (t *tusUploads) HandleAPIUploadGet(w http.ResponseWriter, r *http.Request) error {
	a, err := t.authorize(r)
	if err != nil {
		return err
	}
	info, err := t.own(r, a)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, apiUpload{ID: info.ID, Size: info.Size, Offset: info.Offset, Complete: info.Complete,
		SHA256: info.SHA256, SM3: info.SM3, Digest: info.Digest, Filename: info.MetaData["filename"], Filetype: info.MetaData["filetype"]})
	return nil
}

// The tus operations, as API handlers (routes.go).

// HandleAPIUploadOptions serves OPTIONS /api/v1/uploads/: the server's tus
// version, extensions and maximum size.
func (t *tusUploads) HandleAPIUploadOptions(w http.ResponseWriter, r *http.Request) error {
	return t.tus(w, r, (*tusd.UnroutedHandler).PostFile, false)
}

// HandleAPIUploadCreate serves POST /api/v1/uploads/ (creation).
func (t *tusUploads) HandleAPIUploadCreate(w http.ResponseWriter, r *http.Request) error {
	return t.tus(w, r, (*tusd.UnroutedHandler).PostFile, false)
}

// HandleAPIUploadOffset serves HEAD /api/v1/uploads/{id}: Upload-Offset.
func (t *tusUploads) HandleAPIUploadOffset(w http.ResponseWriter, r *http.Request) error {
	return t.tus(w, r, (*tusd.UnroutedHandler).HeadFile, true)
}

// HandleAPIUploadPatch serves PATCH /api/v1/uploads/{id}: bytes at the offset.
func (t *tusUploads) HandleAPIUploadPatch(w http.ResponseWriter, r *http.Request) error {
	return t.tus(w, r, (*tusd.UnroutedHandler).PatchFile, true)
}

// HandleAPIUploadDelete serves DELETE /api/v1/uploads/{id} (termination).
func (t *tusUploads) HandleAPIUploadDelete(w http.ResponseWriter, r *http.Request) error {
	return t.tus(w, r, (*tusd.UnroutedHandler).DelFile, true)
}
