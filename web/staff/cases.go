package staff

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"mime"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/web/ui"
)

// StageName is the Chinese name of a case stage, the code itself if unknown.
func StageName(s string) string {
	if n := penalty.StageName(penalty.Stage(s)); n != "" {
		return n
	}
	return s
}

// CaseStageFilter reads the "stage" query parameter(s).
func CaseStageFilter(r *http.Request) ([]string, error) {
	var out []string
	for _, v := range r.URL.Query()["stage"] {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		if !penalty.ValidStage(penalty.Stage(v)) || penalty.Stage(v) == penalty.Unregistered {
			return nil, zhifa.Invalid(map[string]string{"stage": "案件阶段“" + v + "”无法识别"})
		}
		out = append(out, v)
	}
	return out, nil
}

// UploadName is the base name of a client's file name (some browsers send
// a Windows path).
func UploadName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return strings.TrimSpace(name)
}

// UploadType normalizes a client's Content-Type; anything unparsable is
// application/octet-stream.
func UploadType(ct string) string {
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || ct == "" {
		return "application/octet-stream"
	}
	return mime.FormatMediaType(mt, params)
}

// contentDisposition is an attachment header naming the file: an ASCII
// fallback and the UTF-8 name per RFC 5987/6266.
func contentDisposition(name string, id int64) string {
	fallback := "evidence-" + strconv.FormatInt(id, 10)
	if i := strings.LastIndexByte(name, '.'); i >= 0 && isASCIIToken(name[i:]) {
		fallback += name[i:]
	}
	if isASCIIToken(name) {
		fallback = name
	}
	var b strings.Builder
	for _, c := range []byte(name) {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
		}
	}
	return `attachment; filename="` + fallback + `"; filename*=UTF-8''` + b.String()
}

func isASCIIToken(s string) bool {
	if s == "" || len(s) > 100 {
		return false
	}
	for _, c := range []byte(s) {
		if c < 0x21 || c > 0x7e || c == '"' || c == '\\' || c == '%' || c == ';' {
			return false
		}
	}
	return true
}

// EvidenceOpener opens a case's evidence file and records the download
// (*penalty.Service).
type EvidenceOpener interface {
	OpenEvidence(ctx context.Context, a zhifa.Actor, caseID int64, evidenceID int64) (*zhifa.Evidence, *os.File, error)
}

// ServeEvidence streams an evidence file after the service recorded the
// download; its error is written the caller's way (page or JSON).
func ServeEvidence(svc EvidenceOpener, w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	eid, err := ui.PathIndex(r, "eid")
	if err != nil {
		return err
	}
	e, f, err := svc.OpenEvidence(r.Context(), ui.ActorFrom(r.Context()), id, eid)
	if err != nil {
		return err
	}
	defer f.Close()
	h := w.Header()
	ct := e.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", contentDisposition(e.Name, e.ID))
	h.Set("X-Content-Type-Options", "nosniff")
	// Whatever the file is, it never runs as a page of this origin.
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	if hexd, ok := strings.CutPrefix(e.Digest, "sha256:"); ok {
		if sum, err := hex.DecodeString(hexd); err == nil {
			h.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum)+":")
		}
	}
	http.ServeContent(w, r, "", e.Created, f)
	return nil
}

// DeadlineRow is a time limit of the case with its state today.
type DeadlineRow struct {
	ID, Name, Source   string
	Start, Due, MetAt  string
	Status, StatusCode string // StatusCode: deadline.Standing.Code
	Overdue            bool   // open and past its due day
}

// Transition is the procedure's row of act.
func Transition(act penalty.Action) (penalty.Transition, bool) {
	for _, t := range penalty.Actions() {
		if t.Action == act {
			return t, true
		}
	}
	return penalty.Transition{}, false
}

// DeadlineRows are the case's time limits with the standing the domain
// gave them (penalty.CaseDeadline.Standing), as the case page and the API
// show them.
func DeadlineRows(ds []penalty.CaseDeadline) []DeadlineRow {
	var out []DeadlineRow
	for _, d := range ds {
		row := DeadlineRow{ID: d.Rule.ID, Name: d.Rule.Name, Source: d.Rule.Source, Start: d.Start, Due: d.Due, MetAt: d.MetAt,
			Status: d.Standing.Name(), StatusCode: d.Standing.Code(), Overdue: d.Standing == deadline.Late}
		if d.Standing.Met() {
			row.Status += "(" + d.MetAt + ")"
		}
		if row.Name == "" {
			row.Name = d.Rule.ID
		}
		out = append(out, row)
	}
	return out
}
