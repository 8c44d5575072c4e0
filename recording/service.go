package recording

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/blob"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
)

// Filter selects records; nil fields select all.
type Filter struct {
	ID       *int64
	AgencyID *int64
	CaseID   *int64
}

// Store is the storage of records; package store implements it
// (store.RecordingStore).
type Store interface {
	FindRecords(ctx context.Context, f Filter) ([]*Record, error)
	FindDevices(ctx context.Context, f registry.DeviceFilter) ([]*registry.Device, error)
	// CaseAgency returns the agency of case caseID, checking that stepID
	// (when not 0) is one of its steps; ENOTFOUND otherwise.
	CaseAgency(ctx context.Context, caseID, stepID int64) (int64, error)
	// Write runs fn in one transaction, which must record an event.
	Write(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction of records.
type Tx interface {
	// CreateRecord inserts r with its interruptions and sets r.ID and
	// r.Created.
	CreateRecord(r *Record) error
	Record(ledger.Event) (int64, error)
}

// Uploads tells what a resumable upload holds (blob.Uploads).
type Uploads interface {
	Info(ctx context.Context, id string) (blob.UploadInfo, error)
}

// Service keeps audio-video records: created from a completed upload (or a
// file stored by a plain form), opened only by those MayOpen allows, every
// creation and every opening a ledger event.
type Service struct {
	Store   Store
	Uploads func() Uploads // read at each use: the file store opens after New
	Guard   access.Guard
	Now     func() time.Time
	Log     *slog.Logger
}

// Source is where a new record's file comes from: a completed resumable
// upload of the actor (UploadID), or a file the caller has just stored in
// the content store (Stored, with its SM3).
type Source struct {
	UploadID string
	Stored   *blob.Info
}

// Create records r, made by a, from src. It fills the file's digests and
// size from the upload, and a default retention when none is given.
// Errors: EUNAUTHORIZED, EFORBIDDEN, EINVALID (by field).
func (s *Service) Create(ctx context.Context, a zhifa.Actor, r *Record, src Source) error {
	if err := s.Guard.Authorize(ctx, a, access.CaseStep, a.AgencyID, "recording"); err != nil {
		return err
	}
	r.AgencyID, r.CreatedBy = a.AgencyID, a.UserID
	p := map[string]string{}
	switch {
	case src.UploadID != "":
		var up blob.UploadInfo
		var err error
		if u := s.Uploads(); u == nil {
			err = blob.ErrNoUpload
		} else {
			up, err = u.Info(ctx, src.UploadID)
		}
		switch {
		case err == blob.ErrNoUpload || err == nil && up.MetaData["zhifa-user"] != strconv.FormatInt(a.UserID, 10):
			p["upload"] = "上传不存在或不属于您"
		case err != nil:
			return err
		case !up.Complete:
			p["upload"] = "文件尚未上传完毕(已收到 " + strconv.FormatInt(up.Offset, 10) + " / " + strconv.FormatInt(up.Size, 10) + " 字节),请续传后再登记"
		default:
			r.Size, r.Digest, r.SHA256, r.SM3 = up.Size, up.Digest, up.SHA256, up.SM3
			if r.Name == "" {
				r.Name = up.MetaData["filename"]
			}
			if r.ContentType == "" {
				r.ContentType = up.MetaData["filetype"]
			}
		}
	case src.Stored != nil:
		r.Size, r.Digest, r.SM3 = src.Stored.Size, src.Stored.Digest, src.Stored.SM3
		r.SHA256 = src.Stored.Digest[len("sha256:"):]
	}
	if r.RetainUntil.IsZero() && !r.End.IsZero() {
		r.RetainUntil = DefaultRetention(r)
	}
	for k, v := range Problems(r) {
		if p[k] == "" {
			p[k] = v
		}
	}
	if r.DeviceID != 0 {
		ds, err := s.Store.FindDevices(ctx, registry.DeviceFilter{ID: &r.DeviceID})
		if err != nil {
			return err
		}
		if len(ds) == 0 || ds[0].AgencyID != r.AgencyID {
			p["device_id"] = "所选设备不是本机关登记的设备"
		}
	}
	if r.CaseID != 0 {
		ag, err := s.Store.CaseAgency(ctx, r.CaseID, r.StepID)
		if zhifa.ErrorCode(err) == zhifa.ENOTFOUND || err == nil && ag != r.AgencyID {
			p["case_id"] = "关联的案件或环节不存在或不属于本机关"
		} else if err != nil {
			return err
		}
	}
	if len(p) > 0 {
		return zhifa.Invalid(p)
	}
	return s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.CreateRecord(r); err != nil {
			return err
		}
		attrs := map[string]string{"kind": string(r.Kind), "sha256": r.SHA256, "sm3": r.SM3, "size": strconv.FormatInt(r.Size, 10)}
		if r.CaseID != 0 {
			attrs["case"] = strconv.FormatInt(r.CaseID, 10)
		}
		if n := r.Irregular(); n > 0 {
			attrs["irregular_interruptions"] = strconv.Itoa(n)
		}
		_, err := tx.Record(ledger.Event{Type: "recording.created", Object: r.Object(), Actor: a.Ref(), Agency: itoa(r.AgencyID),
			Files: []string{r.Digest}, Attrs: attrs})
		return err
	})
}

// Records lists the records of an agency (their descriptions; opening a
// file is Open). Errors: EUNAUTHORIZED, EFORBIDDEN.
func (s *Service) Records(ctx context.Context, a zhifa.Actor, f Filter) ([]*Record, error) {
	ag := a.AgencyID
	if f.AgencyID != nil {
		ag = *f.AgencyID
	}
	if err := s.Guard.Authorize(ctx, a, access.CaseRead, ag, "recordings"); err != nil {
		return nil, err
	}
	f.AgencyID = &ag
	return s.Store.FindRecords(ctx, f)
}

// Get returns the description of record id. Errors: EUNAUTHORIZED,
// EFORBIDDEN, ENOTFOUND.
func (s *Service) Get(ctx context.Context, a zhifa.Actor, id int64) (*Record, error) {
	rs, err := s.Store.FindRecords(ctx, Filter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "音像记录不存在")
	}
	if err := s.Guard.Authorize(ctx, a, access.CaseRead, rs[0].AgencyID, rs[0].Object()); err != nil {
		return nil, err
	}
	return rs[0], nil
}

// Open lets a open record id (play, view or download part of it, rng being
// the request's Range) and records the opening ("recording.opened") before
// the caller serves the file; a refusal is recorded as a denial. Errors:
// EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND.
func (s *Service) Open(ctx context.Context, a zhifa.Actor, id int64, rng string) (*Record, error) {
	r, err := s.Get(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if err := MayOpen(a, r); err != nil {
		if s.Guard.Denials != nil {
			if werr := s.Guard.Denials.RecordDenial(ctx, a, access.CaseRead, r.AgencyID, r.Object()); werr != nil && s.Log != nil {
				s.Log.Error("record denial", "err", werr)
			}
		}
		return nil, err
	}
	attrs := map[string]string{}
	if rng != "" {
		if len(rng) > 100 {
			rng = rng[:100]
		}
		attrs["range"] = rng
	}
	err = s.Store.Write(ctx, func(tx Tx) error {
		_, err := tx.Record(ledger.Event{Type: "recording.opened", Object: r.Object(), Actor: a.Ref(), Agency: itoa(r.AgencyID),
			Files: []string{r.Digest}, Attrs: attrs})
		return err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

func itoa(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}
