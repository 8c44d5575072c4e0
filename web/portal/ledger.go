package portal

import (
	"context"
	"encoding/base64"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

// The pages that explain the log to a person (issue 16): an event with its
// inclusion proof, and the signed checkpoint. Machines keep the raw forms
// at the same addresses (/api/v1/ledger/events/{index} as JSON,
// /api/v1/ledger/proof/{index} as C2SP tlog-proof, /log/checkpoint as a
// signed note); web/routes.go gives these pages to a request that accepts
// text/html and has no ?raw (WantsPage).

// LedgerReader reads the log for the pages that explain it
// (service.Service).
type LedgerReader interface {
	Event(ctx context.Context, index int64) ([]byte, ledger.Event, error)
	Proof(ctx context.Context, signer *ledger.Signer, origin string, index int64) ([]byte, error)
	Checkpoint(ctx context.Context, signer *ledger.Signer, origin string) ([]byte, int64, error)
}

// ActorLabeler says who an event's actor is (*identity.Service).
type ActorLabeler interface {
	ActorLabel(ctx context.Context, viewer zhifa.Actor, ref string) string
}

// Ledger serves the human pages of the log.
type Ledger struct {
	ui       *ui.Responder
	log      LedgerReader
	actors   ActorLabeler
	agencies AgencyLister
	signer   *ledger.Signer
	origin   string
}

// NewLedger returns the human pages of the log.
func NewLedger(u *ui.Responder, log LedgerReader, actors ActorLabeler, agencies AgencyLister, signer *ledger.Signer, origin string) *Ledger {
	return &Ledger{ui: u, log: log, actors: actors, agencies: agencies, signer: signer, origin: origin}
}

// WantsPage reports whether a request for a log resource asks for the page
// that explains it: a browser (Accept names text/html) that did not ask for
// the raw form with ?raw. Clients of the raw forms (curl, Go, tlog
// clients) send no text/html and get what they always got.
func WantsPage(r *http.Request) bool {
	if r.URL.Query().Has("raw") {
		return false
	}
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(mt), "text/html") {
			return true
		}
	}
	return false
}

// chinaTime is the zone the pages show times in.
var chinaTime = time.FixedZone("CST", 8*3600)

// EventPage explains one event of the log.
type EventPage struct {
	ui.Page
	Index      int64
	Name       string // the event's meaning in Chinese
	Object     string // in Chinese, e.g. 案件 42
	ObjectURL  string // the object's page, "" if none
	Agency     string
	Actor      string
	Time       string // China time
	Digest     string
	Files      int
	Prev       int64 // previous event of the same object, -1 if none
	Attrs      []attr
	ProofOK    bool
	ProofError string
	TreeSize   int64  // of the checkpoint the proof is against
	Root       string // its root hash, base64
	RawEvent   string // the machine forms' addresses
	RawProof   string
}

type attr struct{ Key, Value string }

// HandleEventPage serves GET /api/v1/ledger/events/{index} and
// /api/v1/ledger/proof/{index} to a person: who did what to which object,
// when in China time, and whether its inclusion proof checks against the
// log's signed checkpoint with the log's key.
func (s *Ledger) HandleEventPage(w http.ResponseWriter, r *http.Request) error {
	idx, err := ui.PathIndex(r, "index")
	if err != nil {
		return err
	}
	ctx := r.Context()
	leaf, e, err := s.log.Event(ctx, idx)
	if err != nil {
		return err
	}
	n := strconv.FormatInt(idx, 10)
	p := EventPage{Page: portalPage(r, "台账事件第 "+n+" 号"), Index: idx, Name: ledger.EventName(e.Type), Object: ledger.ObjectName(e.Object),
		Actor: s.actors.ActorLabel(ctx, ui.ActorFrom(ctx), e.Actor), Time: e.Time.In(chinaTime).Format("2006年01月02日 15:04:05") + "(北京时间)",
		Digest: e.Digest, Files: len(e.Files), Prev: e.Prev, RawEvent: "/api/v1/ledger/events/" + n + "?raw", RawProof: "/api/v1/ledger/proof/" + n + "?raw"}
	if kind, id, ok := strings.Cut(e.Object, "/"); ok {
		switch kind {
		case "publication":
			p.ObjectURL = "/publications/" + id
		case "case":
			p.ObjectURL = "/workbench/cases/" + id
		case "agency":
			p.ObjectURL = "/agencies/" + id
		}
	}
	if e.Agency != "" {
		ags, err := s.agencies.Agencies(ctx)
		if err != nil {
			return err
		}
		p.Agency = "编号 " + e.Agency
		if i := slices.IndexFunc(ags, func(a *registry.Agency) bool { return strconv.FormatInt(a.ID, 10) == e.Agency }); i >= 0 {
			p.Agency = ags[i].Name
		}
	}
	for _, k := range sortedKeys(e.Attrs) {
		p.Attrs = append(p.Attrs, attr{k, e.Attrs[k]})
	}
	proof, err := s.log.Proof(ctx, s.signer, s.origin, idx)
	if err != nil {
		return err
	}
	p.ProofOK, p.ProofError = true, ""
	v, err := s.signer.Verifier()
	if err == nil {
		_, err = ledger.VerifyProof(proof, leaf, v, s.origin)
	}
	if err != nil {
		p.ProofOK, p.ProofError = false, err.Error()
	} else if _, _, cp, perr := ledger.ParseProof(proof); perr == nil {
		if c, cerr := ledger.ParseCheckpoint(cp, v); cerr == nil {
			p.TreeSize, p.Root = c.Size, base64.StdEncoding.EncodeToString(c.Root[:])
		}
	}
	s.ui.Render(w, r, http.StatusOK, "portal_ledger_event", p)
	return nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// CheckpointPage explains the log's latest signed checkpoint.
type CheckpointPage struct {
	ui.Page
	Origin      string
	Size        int64
	Root        string
	KeyName     string
	VerifierKey string
	Verified    bool
	Problem     string
}

// HandleCheckpointPage serves GET /log/checkpoint to a person: what the
// checkpoint says (how many events, the root hash), that its signature
// checks with the log's public key, and how anyone can check it.
func (s *Ledger) HandleCheckpointPage(w http.ResponseWriter, r *http.Request) error {
	note, _, err := s.log.Checkpoint(r.Context(), s.signer, s.origin)
	if err != nil {
		return err
	}
	p := CheckpointPage{Page: portalPage(r, "执法台账检查点"), KeyName: s.signer.Name(), VerifierKey: s.signer.VerifierKey()}
	v, err := s.signer.Verifier()
	var c ledger.Checkpoint
	if err == nil {
		c, err = ledger.ParseCheckpoint(note, v)
	}
	if err == nil && c.Origin != s.origin {
		err = zhifa.Errorf(zhifa.ERULE, "检查点的来源“%s”与本台账“%s”不符", c.Origin, s.origin)
	}
	if err != nil {
		p.Problem = err.Error()
	} else {
		p.Verified, p.Origin, p.Size, p.Root = true, c.Origin, c.Size, base64.StdEncoding.EncodeToString(c.Root[:])
	}
	s.ui.Render(w, r, http.StatusOK, "portal_checkpoint", p)
	return nil
}
