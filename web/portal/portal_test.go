package portal_test

import (
	"context"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/portal"
	"github.com/zhifa/zhifa/web/ui"
)

// The portal runs over its read interfaces alone: these fakes stand for
// the registry and publicity, with no database and no case anywhere.

type fakeRegistry struct{ agencies []*registry.Agency }

func (f fakeRegistry) Agencies(context.Context) ([]*registry.Agency, error) { return f.agencies, nil }

type fakePublicity struct{ pubs []*publicity.Publication }

func (f fakePublicity) PublicPublications(_ context.Context, pf publicity.PublicationFilter) ([]*publicity.Publication, int, error) {
	out := f.pubs
	if pf.Limit > 0 && len(out) > pf.Limit {
		out = out[:pf.Limit]
	}
	return out, len(f.pubs), nil
}

func (f fakePublicity) PublicPublication(_ context.Context, id int64) (*publicity.Publication, error) {
	for _, p := range f.pubs {
		if p.ID == id {
			return p, nil
		}
	}
	return nil, zhifa.Errorf(zhifa.ENOTFOUND, "no publication %d", id)
}

type fakeLog int64

func (n fakeLog) LogSize() (int64, error) { return int64(n), nil }

func responder(t *testing.T) *ui.Responder {
	t.Helper()
	funcs := template.FuncMap{"diskWarning": func(zhifa.Actor) string { return "" }, "certClass": portal.CertClass}
	u, err := ui.New(slog.New(slog.NewTextHandler(io.Discard, nil)), funcs, portal.Templates())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func fixtures(t *testing.T) (fakeRegistry, fakePublicity) {
	now := testdate.Now(t)
	reg := fakeRegistry{agencies: []*registry.Agency{{ID: 1, Name: "汉阴县市场监督管理局"}, {ID: 2, Name: "汉阴县司法局", Supervisor: true}}}
	pub := fakePublicity{pubs: []*publicity.Publication{{ID: 7, AgencyID: 1, AgencyName: "汉阴县市场监督管理局", Category: "行政处罚",
		Number: "汉阴市监罚〔2026〕7号", PartyKind: zhifa.PartyOrganization, PartyName: "=某公司", PartyIDNo: "91610921MA70000000",
		LegalRep: "张某", Facts: "销售过期食品", Basis: "《食品安全法》第一百二十四条", PenaltyKind: "罚款", Penalty: "罚款一万二千三百元",
		Fine: 12300, DecidedOn: now, Status: publicity.StatusPublished, PublishedAt: now}}}
	return reg, pub
}

func get(t *testing.T, h http.HandlerFunc, target string) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	h(w, httptest.NewRequest(http.MethodGet, target, nil))
	return w
}

func TestHomeOverReadInterfaces(t *testing.T) {
	u := responder(t)
	reg, pub := fixtures(t)
	w := get(t, u.Page(portal.NewHome(u, reg, pub, fakeLog(42)).HandleHome), "/")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	for _, want := range []string{"汉阴县市场监督管理局", "汉阴市监罚〔2026〕7号"} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("front page lacks %q", want)
		}
	}
}

func TestPublicationsCSVOverReadInterfaces(t *testing.T) {
	u := responder(t)
	reg, pub := fixtures(t)
	ps := portal.NewPublications(u, reg, pub, testdate.Clock(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
	w := get(t, u.Page(ps.HandlePublicationCSV), "/publications.csv")
	if w.Code != http.StatusOK || w.Header().Get("X-Total-Count") != "1" {
		t.Fatalf("status %d, X-Total-Count %q: %s", w.Code, w.Header().Get("X-Total-Count"), w.Body)
	}
	body := w.Body.String()
	// The fine in 万元 with six decimals; a cell a spreadsheet would
	// evaluate is defused.
	for _, want := range []string{"1.230000", "'=某公司", "法人及非法人组织"} {
		if !strings.Contains(body, want) {
			t.Errorf("CSV lacks %q:\n%s", want, body)
		}
	}
	m := http.NewServeMux()
	m.HandleFunc("GET /api/v1/publications/{id}", u.API(ps.HandleAPIPublicationGet))
	for target, want := range map[string]int{"/api/v1/publications/7": http.StatusOK, "/api/v1/publications/8": http.StatusNotFound, "/api/v1/publications/x": http.StatusBadRequest} {
		if w := get(t, m.ServeHTTP, target); w.Code != want {
			t.Errorf("%s: status %d, want %d: %s", target, w.Code, want, w.Body)
		}
	}
}

func TestCertClass(t *testing.T) {
	for st, want := range map[registry.CertState]string{registry.CertValid: "status-ok", registry.CertNotYetValid: "status-warn", registry.CertExpired: "status-bad"} {
		if got := portal.CertClass(st); got != want {
			t.Errorf("CertClass(%s) = %q, want %q", st, got, want)
		}
	}
}
