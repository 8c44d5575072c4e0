package portal

import (
	"context"
	"embed"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

//go:embed templates
var templateFS embed.FS

// Templates are the portal's pages, for ui.New.
func Templates() fs.FS {
	t, _ := fs.Sub(templateFS, "templates")
	return t
}

// The read methods each resource needs, satisfied by *registry.Service and
// *publicity.Service (and the log's size by service.Service): only published
// data, never a case.

// AgencyLister lists the agencies (*registry.Service).
type AgencyLister interface {
	Agencies(ctx context.Context) ([]*registry.Agency, error)
}

// AgencyReader reads the registry's public pages: agencies, their officers
// and matters, and the day on which a certificate's state is asked
// (*registry.Service).
type AgencyReader interface {
	AgencyLister
	Agency(ctx context.Context, id int64) (*registry.Agency, error)
	Officers(ctx context.Context, f registry.OfficerFilter) ([]*registry.Officer, error)
	Matters(ctx context.Context, f registry.MatterFilter) ([]*registry.Matter, error)
	Today() zhifa.Date
}

// MatterReader lists matters and the agencies to filter them by
// (*registry.Service).
type MatterReader interface {
	AgencyLister
	Matters(ctx context.Context, f registry.MatterFilter) ([]*registry.Matter, error)
}

// OfficerReader finds an officer by certificate number
// (*registry.Service).
type OfficerReader interface {
	OfficerByCert(ctx context.Context, certNo string) (*registry.Officer, error)
	Today() zhifa.Date
}

// PublicationReader reads published and withdrawn decisions as the public
// may see them, already masked (*publicity.Service).
type PublicationReader interface {
	PublicPublications(ctx context.Context, f publicity.PublicationFilter) ([]*publicity.Publication, int, error)
	PublicPublication(ctx context.Context, id int64) (*publicity.Publication, error)
}

// ProofReader gives a published decision's signed record
// (*publicity.Service).
type ProofReader interface {
	PublicationProof(ctx context.Context, signer *ledger.Signer, origin string, id int64) (*publicity.PublicationProof, error)
}

// LogSizer tells the size of the log (service.Service).
type LogSizer interface {
	LogSize() (int64, error)
}

// The resources of the portal, each built by its New function from exactly
// the read methods its handlers use and the responder.

// Home serves the front page (home.go).
type Home struct {
	ui           *ui.Responder
	agencies     AgencyLister
	publications PublicationReader
	log          LogSizer
}

// NewHome returns the front page.
func NewHome(u *ui.Responder, agencies AgencyLister, publications PublicationReader, log LogSizer) *Home {
	return &Home{ui: u, agencies: agencies, publications: publications, log: log}
}

// Agencies serves the agencies and an agency's page (agencies.go).
type Agencies struct {
	ui       *ui.Responder
	registry AgencyReader
}

// NewAgencies returns the agencies' pages.
func NewAgencies(u *ui.Responder, registry AgencyReader) *Agencies {
	return &Agencies{ui: u, registry: registry}
}

// Matters serves the list of matters (matters.go).
type Matters struct {
	ui       *ui.Responder
	registry MatterReader
}

// NewMatters returns the matters' page.
func NewMatters(u *ui.Responder, registry MatterReader) *Matters {
	return &Matters{ui: u, registry: registry}
}

// Verify serves the verification of a 执法证号, page and API (verify.go).
type Verify struct {
	ui       *ui.Responder
	officers OfficerReader
}

// NewVerify returns the officer verification.
func NewVerify(u *ui.Responder, officers OfficerReader) *Verify {
	return &Verify{ui: u, officers: officers}
}

// Publications serves the published decisions: list, detail, CSV, Atom and
// the public API (publications.go).
type Publications struct {
	ui           *ui.Responder
	agencies     AgencyLister
	publications PublicationReader
	now          func() time.Time // the feed's date when it has no entry
	log          *slog.Logger
}

// NewPublications returns the published decisions' pages and API; log
// takes a CSV export's write error.
func NewPublications(u *ui.Responder, agencies AgencyLister, publications PublicationReader, now func() time.Time, log *slog.Logger) *Publications {
	return &Publications{ui: u, agencies: agencies, publications: publications, now: now, log: log}
}

// Record serves a published decision's signed record (record.go).
type Record struct {
	proof  ProofReader
	signer *ledger.Signer
	origin string
}

// NewRecord returns the signed records, with the log's signer and origin.
func NewRecord(proof ProofReader, signer *ledger.Signer, origin string) *Record {
	return &Record{proof: proof, signer: signer, origin: origin}
}

func portalPage(r *http.Request, title string) ui.Page {
	return ui.Page{Title: title, Section: "portal", Actor: ui.ActorFrom(r.Context())}
}
