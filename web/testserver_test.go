package web_test

import (
	"crypto/rand"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/web"
	"golang.org/x/mod/sumdb/note"
)

// The one test server of the web tests: every test that serves requests
// builds its server here, over the service it prepared.

// testOrigin is the checkpoint origin of the test servers.
const testOrigin = "test.example/zhifa"

// serverOpts changes a test server from its defaults.
type serverOpts struct {
	Origin    string            // the signer's origin; testOrigin when empty
	Log       io.Writer         // the server's log; discarded when nil
	Limits    web.Limits        // zero: the defaults
	Configure func(*web.Config) // any further change, applied last
}

// newTestHandler builds the real handler over svc with a fresh signing key.
func newTestHandler(tb testing.TB, svc *service.Service, o serverOpts) *web.Server {
	tb.Helper()
	if o.Origin == "" {
		o.Origin = testOrigin
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	cfg := web.Config{Service: svc, Log: slog.New(slog.NewTextHandler(o.Log, nil)), Signer: signerFor(tb, o.Origin), Origin: o.Origin, Limits: o.Limits}
	if o.Configure != nil {
		o.Configure(&cfg)
	}
	h, err := web.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

// newTestServer starts newTestHandler's handler; it closes when the test ends.
func newTestServer(tb testing.TB, svc *service.Service, o serverOpts) *httptest.Server {
	tb.Helper()
	srv := httptest.NewServer(newTestHandler(tb, svc, o))
	tb.Cleanup(srv.Close)
	return srv
}

// mustSigner is a fresh checkpoint signer for testOrigin.
func mustSigner(tb testing.TB) *ledger.Signer {
	tb.Helper()
	return signerFor(tb, testOrigin)
}

// signerFor is a fresh checkpoint signer for origin.
func signerFor(tb testing.TB, origin string) *ledger.Signer {
	tb.Helper()
	skey, _, err := note.GenerateKey(rand.Reader, origin)
	if err != nil {
		tb.Fatal(err)
	}
	signer, err := ledger.NewSigner(skey)
	if err != nil {
		tb.Fatal(err)
	}
	return signer
}

// send does one request of a scenario table against base, with a bearer
// token and a content type when given, without following redirects, and
// returns the answer with its body read.
func send(t *testing.T, base, method, path, token, ctype, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, b
}
