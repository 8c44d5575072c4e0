package portal_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/web/portal"
)

// versioned is fakePublicity with the version of its data.
type versioned struct {
	fakePublicity
	v *publicity.Version
}

func (f versioned) PublicVersion(context.Context) (publicity.Version, error) { return *f.v, nil }

// TestPublicationsConditionalRequests: list, detail, feed, exports and the
// API carry an ETag and Last-Modified, answer a fresh conditional request
// with 304 and no body, and a stale one in full.
func TestPublicationsConditionalRequests(t *testing.T) {
	u := responder(t)
	reg, pub := fixtures(t)
	v := &publicity.Version{Seq: 41, At: testdate.Now(t).Add(-time.Hour)}
	ps := portal.NewPublications(u, reg, versioned{pub, v}, testdate.Clock(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
	m := http.NewServeMux()
	m.HandleFunc("GET /publications", u.Page(ps.HandlePublicationList))
	m.HandleFunc("GET /publications.csv", u.Page(ps.HandlePublicationCSV))
	m.HandleFunc("GET /publications.json", u.Page(ps.HandlePublicationJSON))
	m.HandleFunc("GET /publications.atom", u.Page(ps.HandlePublicationAtom))
	m.HandleFunc("GET /publications/{id}", u.Page(ps.HandlePublicationView))
	m.HandleFunc("GET /api/v1/publications", u.API(ps.HandleAPIPublications))
	do := func(target string, hdr map[string]string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, target, nil)
		for k, val := range hdr {
			r.Header.Set(k, val)
		}
		w := httptest.NewRecorder()
		m.ServeHTTP(w, r)
		return w
	}
	for _, target := range []string{"/publications", "/publications.csv", "/publications.json", "/publications.atom", "/publications/7", "/api/v1/publications"} {
		v.Seq = 41
		first := do(target, nil)
		etag, lm := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
		if first.Code != http.StatusOK || etag == "" || lm != v.At.UTC().Format(http.TimeFormat) {
			t.Fatalf("%s: status %d, ETag %q, Last-Modified %q", target, first.Code, etag, lm)
		}
		for name, hdr := range map[string]map[string]string{"If-None-Match": {"If-None-Match": etag}, "If-Modified-Since": {"If-Modified-Since": lm}} {
			if w := do(target, hdr); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
				t.Errorf("%s with %s: status %d, %d bytes; want 304 and no body", target, name, w.Code, w.Body.Len())
			}
		}
		v.Seq = 42 // a ledger event: whatever changed, the copy is stale
		if w := do(target, map[string]string{"If-None-Match": etag}); w.Code != http.StatusOK || w.Header().Get("ETag") == etag {
			t.Errorf("%s after a change: status %d, ETag %q (was %q)", target, w.Code, w.Header().Get("ETag"), etag)
		}
	}
	// The JSON export is one array of the API's objects.
	var items []map[string]any
	if err := json.Unmarshal(do("/publications.json", nil).Body.Bytes(), &items); err != nil || len(items) != 1 || items[0]["number"] != "汉阴市监罚〔2026〕7号" {
		t.Errorf("JSON export: %v, %v", items, err)
	}
}
