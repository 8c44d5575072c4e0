package portal

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa/publicity"
)

// Caching headers and conditional requests for the published decisions:
// list, detail, feed, exports and the public API (issue 17). What they show
// changes only with a ledger event (every change of a publication records
// one), so the ledger's size names the version: the ETag is that size with
// this process's boot id (a new binary may render differently), and
// Last-Modified is the time of the latest event. A client that sends the
// ETag (If-None-Match) or the time (If-Modified-Since) back gets 304 Not
// Modified before any list is read.

// PublicVersioner is what the caching headers need: publicity.Service
// implements it. A PublicationReader without it serves without them.
type PublicVersioner interface {
	PublicVersion(ctx context.Context) (publicity.Version, error)
}

// bootID tells this process's responses from a previous binary's.
var bootID = func() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}()

// notModified sets the caching headers of a public read and reports
// whether the request is conditional and still fresh, having then written
// 304.
func (s *Publications) notModified(w http.ResponseWriter, r *http.Request) (bool, error) {
	pv, ok := s.publications.(PublicVersioner)
	if !ok {
		return false, nil
	}
	v, err := pv.PublicVersion(r.Context())
	if err != nil {
		return false, err
	}
	etag := `W/"` + strconv.FormatInt(v.Seq, 10) + "." + bootID + `"`
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, no-cache")
	if !v.At.IsZero() {
		h.Set("Last-Modified", v.At.UTC().Format(http.TimeFormat))
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		if etagMatch(inm, etag) {
			w.WriteHeader(http.StatusNotModified)
			return true, nil
		}
		return false, nil // If-None-Match takes precedence (RFC 9110 13.2.2)
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !v.At.IsZero() {
		if t, err := http.ParseTime(ims); err == nil && !v.At.Truncate(time.Second).After(t) {
			w.WriteHeader(http.StatusNotModified)
			return true, nil
		}
	}
	return false, nil
}

// etagMatch reports whether the If-None-Match header value inm names etag
// (weak comparison).
func etagMatch(inm, etag string) bool {
	if strings.TrimSpace(inm) == "*" {
		return true
	}
	weak := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(inm, ",") {
		if strings.TrimPrefix(strings.TrimSpace(t), "W/") == weak {
			return true
		}
	}
	return false
}
