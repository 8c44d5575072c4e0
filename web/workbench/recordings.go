package workbench

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/blob"
	"github.com/zhifa/zhifa/recording"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

// Audio-video records (issue 13): the agency's list with the form that
// registers a record from a file (uploaded by tus with a progress bar
// where JavaScript runs, web/static/upload.js; by a plain multipart form
// otherwise), a record's page with its player, and the media route that
// serves the file with HTTP ranges, each request an opening in the ledger.

// RecordingsService is what the recordings pages use (*recording.Service).
type RecordingsService interface {
	Records(ctx context.Context, a zhifa.Actor, f recording.Filter) ([]*recording.Record, error)
	Get(ctx context.Context, a zhifa.Actor, id int64) (*recording.Record, error)
	Open(ctx context.Context, a zhifa.Actor, id int64, rng string) (*recording.Record, error)
	Create(ctx context.Context, a zhifa.Actor, r *recording.Record, src recording.Source) error
}

// RecordingsRegistry gives the devices and officers of the form.
type RecordingsRegistry interface {
	AgencyDevices(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*registry.Device, error)
	Officers(ctx context.Context, f registry.OfficerFilter) ([]*registry.Officer, error)
}

// Recordings serves the audio-video record pages.
type Recordings struct {
	base
	svc       RecordingsService
	reg       RecordingsRegistry
	blobs     func() *blob.Store
	maxUpload int64
}

// NewRecordings returns the recordings resource.
func NewRecordings(svc RecordingsService, reg RecordingsRegistry, blobs func() *blob.Store, maxUpload int64, u *ui.Responder) *Recordings {
	return &Recordings{base: base{u}, svc: svc, reg: reg, blobs: blobs, maxUpload: maxUpload}
}

// RecordingsPage is the list and the registration form.
type RecordingsPage struct {
	ui.Page
	Records  []*recording.Record
	Devices  []*registry.Device
	Officers []*registry.Officer
	Kinds    []recording.Kind
	Marks    []recording.Mark
	Form     recordingForm
}

// recordingForm is the form's values, kept on a refusal.
type recordingForm struct {
	Kind, Mark, Place, GPS, Start, End, IntFrom, IntTo, IntReason string
	DeviceID, CaseID, StepID                                      int64
	OfficerIDs                                                    map[int64]bool
	IntTechnical                                                  bool
}

// RecordingPage is one record with its player.
type RecordingPage struct {
	ui.Page
	R        *recording.Record
	MayOpen  bool
	Refusal  string
	Media    string // "video", "audio", "image" or "" (download only)
	Officers map[int64]string
}

func (s *Recordings) listPage(ctx context.Context, a zhifa.Actor) (*RecordingsPage, error) {
	p := &RecordingsPage{Page: ui.Page{Title: "音像记录", Section: "workbench", Actor: a}, Kinds: recording.Kinds, Marks: recording.Marks}
	var err error
	if p.Records, err = s.svc.Records(ctx, a, recording.Filter{}); err != nil {
		return nil, err
	}
	if p.Devices, err = s.reg.AgencyDevices(ctx, a, a.AgencyID); err != nil {
		return nil, err
	}
	ag := a.AgencyID
	if p.Officers, err = s.reg.Officers(ctx, registry.OfficerFilter{AgencyID: &ag}); err != nil {
		return nil, err
	}
	p.Form = recordingForm{Kind: string(recording.Video), OfficerIDs: map[int64]bool{a.OfficerID: true}}
	return p, nil
}

// HandleRecordings serves GET /workbench/recordings.
func (s *Recordings) HandleRecordings(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	p, err := s.listPage(r.Context(), a)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "recordings", p)
	return nil
}

// localTime parses a datetime-local value as China Standard Time.
func localTime(v string) time.Time {
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(v), ui.CST); err == nil {
			return t
		}
	}
	return time.Time{}
}

// HandleRecordingCreate serves POST /workbench/recordings: the form's
// fields, then either upload_id (a completed tus upload) or the file part
// itself, streamed into the file store with its digests. The file input
// comes last in the form, so the fields are known before the file.
func (s *Recordings) HandleRecordingCreate(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return zhifa.Errorf(zhifa.EINVALID, "表单须以 multipart/form-data 提交")
	}
	f := recordingForm{OfficerIDs: map[int64]bool{}}
	var uploadID string
	var stored *blob.Info
	var name, ctype string
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return ui.ReadFormError(err, "音像记录")
		}
		if part.FileName() != "" {
			if stored != nil || uploadID != "" {
				continue
			}
			bs := s.blobs()
			if bs == nil {
				return zhifa.Errorf(zhifa.EUNAVAILABLE, "服务器未配置文件存储,不能上传")
			}
			info, err := bs.Put(part, s.maxUpload)
			if errors.Is(err, blob.ErrTooLarge) {
				return zhifa.Errorf(zhifa.ETOOLARGE, "上传超过单次上限 %s", ui.LimitText(s.maxUpload))
			}
			if err != nil {
				return ui.ReadFormError(err, "音像文件")
			}
			if info.Size > 0 {
				stored, name, ctype = &info, part.FileName(), part.Header.Get("Content-Type")
			}
			continue
		}
		b, err := io.ReadAll(io.LimitReader(part, 4096))
		if err != nil {
			return ui.ReadFormError(err, "音像记录")
		}
		v := string(b)
		id, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		switch part.FormName() {
		case "upload_id":
			uploadID = strings.TrimSpace(v)
		case "kind":
			f.Kind = v
		case "mark":
			f.Mark = v
		case "place":
			f.Place = v
		case "gps":
			f.GPS = v
		case "start":
			f.Start = v
		case "end":
			f.End = v
		case "device_id":
			f.DeviceID = id
		case "case_id":
			f.CaseID = id
		case "step_id":
			f.StepID = id
		case "officer_ids":
			f.OfficerIDs[id] = true
		case "int_from":
			f.IntFrom = v
		case "int_to":
			f.IntTo = v
		case "int_reason":
			f.IntReason = v
		case "int_technical":
			f.IntTechnical = v != ""
		}
	}
	rec := &recording.Record{Kind: recording.Kind(f.Kind), Mark: recording.Mark(f.Mark), Place: f.Place, GPS: strings.TrimSpace(f.GPS),
		Start: localTime(f.Start), End: localTime(f.End), DeviceID: f.DeviceID, CaseID: f.CaseID, StepID: f.StepID, Name: name, ContentType: ctype}
	for id := range f.OfficerIDs {
		if id != 0 {
			rec.OfficerIDs = append(rec.OfficerIDs, id)
		}
	}
	if f.IntFrom != "" || f.IntTo != "" || strings.TrimSpace(f.IntReason) != "" {
		rec.Interruptions = []recording.Interruption{{From: localTime(f.IntFrom), To: localTime(f.IntTo), Reason: strings.TrimSpace(f.IntReason), Technical: f.IntTechnical}}
	}
	err = s.svc.Create(r.Context(), a, rec, recording.Source{UploadID: uploadID, Stored: stored})
	var ze *zhifa.Error
	if errors.As(err, &ze) && ze.Code == zhifa.EINVALID {
		p, lerr := s.listPage(r.Context(), a)
		if lerr != nil {
			return lerr
		}
		p.Form, p.Error, p.Problems = f, ze.Message, ze.Problems
		s.render(w, r, http.StatusBadRequest, "recordings", p)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/workbench/recordings/"+strconv.FormatInt(rec.ID, 10), http.StatusSeeOther)
	return nil
}

// mediaOf is how a page shows a file of content type ct.
func mediaOf(ct string) string {
	mt, _, _ := mime.ParseMediaType(ct)
	switch {
	case strings.HasPrefix(mt, "video/"):
		return "video"
	case strings.HasPrefix(mt, "audio/"):
		return "audio"
	case strings.HasPrefix(mt, "image/"):
		return "image"
	}
	return ""
}

// HandleRecording serves GET /workbench/recordings/{id}: the record and,
// for those allowed to open it, its player.
func (s *Recordings) HandleRecording(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	rec, err := s.svc.Get(r.Context(), a, id)
	if err != nil {
		return err
	}
	p := RecordingPage{Page: ui.Page{Title: "音像记录 " + strconv.FormatInt(rec.ID, 10), Section: "workbench", Actor: a}, R: rec, Media: mediaOf(rec.ContentType), Officers: map[int64]string{}}
	if err := recording.MayOpen(a, rec); err != nil {
		p.Refusal = zhifa.ErrorMessage(err)
	} else {
		p.MayOpen = true
	}
	ag := rec.AgencyID
	if ofs, err := s.reg.Officers(r.Context(), registry.OfficerFilter{AgencyID: &ag}); err == nil {
		for _, o := range ofs {
			p.Officers[o.ID] = o.Name
		}
	}
	s.render(w, r, http.StatusOK, "recording", p)
	return nil
}

// HandleRecordingMedia serves GET /workbench/recordings/{id}/media: the file
// with HTTP range requests (http.ServeContent); each request is an opening,
// recorded in the ledger before a byte is sent.
func (s *Recordings) HandleRecordingMedia(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	rec, err := s.svc.Open(r.Context(), a, id, r.Header.Get("Range"))
	if err != nil {
		return err
	}
	bs := s.blobs()
	if bs == nil {
		return zhifa.Errorf(zhifa.EUNAVAILABLE, "服务器未配置文件存储")
	}
	f, err := bs.Open(rec.Digest)
	if err != nil {
		return zhifa.Errorf(zhifa.EINTERNAL, "音像文件 %s 在文件库中缺失: %v", rec.Digest, err)
	}
	defer f.Close()
	if rec.ContentType != "" {
		w.Header().Set("Content-Type", rec.ContentType)
	}
	w.Header().Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": rec.Name}))
	w.Header().Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, rec.Name, rec.Created, f)
	return nil
}
