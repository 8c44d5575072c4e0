package ledger

import (
	"context"
	"encoding/binary"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

func TestHandler(t *testing.T) {
	const n = 1000 // three full tiles and a partial one of 232
	m := MustLog(t, n, n)
	cp, _, _ := m.latest()
	s := MustSigner(t)
	srv := httptest.NewServer(Handler(m, m.latest, s.VerifierKey()))
	defer srv.Close()

	full, _ := tlog.ReadTileData(tlog.Tile{H: 8, L: 0, N: 1, W: 256}, m)
	partial, _ := tlog.ReadTileData(tlog.Tile{H: 8, L: 0, N: 3, W: 232}, m)
	level1, _ := tlog.ReadTileData(tlog.Tile{H: 8, L: 1, N: 0, W: 3}, m)
	bundle3, _ := appendBundle(nil, m.leaves[768:1000])
	tests := []struct {
		method    string
		path      string
		status    int
		body      string
		cacheCtl  string
		bodyCheck func([]byte) bool
	}{
		{"GET", "/log/checkpoint", 200, string(cp), "no-store", nil},
		{"GET", "/log/key", 200, s.VerifierKey() + "\n", "", nil},
		{"GET", "/log/tile/0/001", 200, string(full), "public, max-age=31536000, immutable", nil},
		{"GET", "/log/tile/0/003.p/232", 200, string(partial), "public, max-age=60", nil},
		{"GET", "/log/tile/0/003.p/100", 200, string(partial[:100*32]), "public, max-age=60", nil},
		{"GET", "/log/tile/1/000.p/3", 200, string(level1), "public, max-age=60", nil},
		{"GET", "/log/tile/entries/003.p/232", 200, string(bundle3), "public, max-age=60", nil},
		{"GET", "/log/tile/entries/000", 200, "", "public, max-age=31536000, immutable", func(b []byte) bool {
			l := binary.BigEndian.Uint16(b)
			return string(b[2:2+l]) == string(m.leaves[0])
		}},
		{"GET", "/log/tile/0/003", 404, "", "", nil},       // not complete at size 1000
		{"GET", "/log/tile/0/003.p/233", 404, "", "", nil}, // beyond the checkpoint
		{"GET", "/log/tile/0/004.p/1", 404, "", "", nil},   // beyond the checkpoint
		{"GET", "/log/tile/1/000", 404, "", "", nil},       // level 1 has 3 hashes
		{"GET", "/log/tile/entries/003", 404, "", "", nil}, // not complete
		{"GET", "/log/tile/data/000", 404, "", "", nil},    // go.sum form is not served
		{"GET", "/log/tile/0/1", 404, "", "", nil},         // N not in 3-digit form
		{"GET", "/log/tile/0/x000/001", 404, "", "", nil},  // not canonical
		{"GET", "/log/tile/0/000.p/256", 404, "", "", nil}, // partial cannot be full width
		{"GET", "/log/tile/8/0/000", 404, "", "", nil},     // level 8 is not there
		{"GET", "/log/nothing", 404, "", "", nil},
		{"POST", "/log/checkpoint", 405, "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, srv.URL+tt.path, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if got, want := resp.StatusCode, tt.status; got != want {
				t.Fatalf("status = %d, want %d (%s)", got, want, body)
			}
			if tt.status != 200 {
				return
			}
			if tt.bodyCheck != nil {
				if !tt.bodyCheck(body) {
					t.Errorf("body check failed")
				}
			} else if string(body) != tt.body {
				t.Errorf("body = %d bytes, want %d bytes", len(body), len(tt.body))
			}
			if tt.cacheCtl != "" {
				if got := resp.Header.Get("Cache-Control"); got != tt.cacheCtl {
					t.Errorf("Cache-Control = %q, want %q", got, tt.cacheCtl)
				}
			}
		})
	}
}

func TestTilePath(t *testing.T) {
	tests := []struct {
		tile tlog.Tile
		want string
	}{
		{tlog.Tile{H: 8, L: 0, N: 0, W: 256}, "tile/0/000"},
		{tlog.Tile{H: 8, L: 2, N: 1234067, W: 256}, "tile/2/x001/x234/067"},
		{tlog.Tile{H: 8, L: 0, N: 3, W: 232}, "tile/0/003.p/232"},
		{tlog.Tile{H: 8, L: -1, N: 1234067, W: 8}, "tile/entries/x001/x234/067.p/8"},
	}
	for _, tt := range tests {
		if got := tilePath(tt.tile); got != tt.want {
			t.Errorf("tilePath(%+v) = %q, want %q", tt.tile, got, tt.want)
		}
		got, ok := parseTilePath(tt.want)
		if !ok || got != tt.tile {
			t.Errorf("parseTilePath(%q) = %+v, %v; want %+v", tt.want, got, ok, tt.tile)
		}
	}
}

// tamperedLeaves serves leaf i changed, everything else as stored.
type tamperedLeaves struct {
	*memLog
	i int64
}

func (s tamperedLeaves) ReadLeaves(start, end int64) ([][]byte, error) {
	leaves, err := s.memLog.ReadLeaves(start, end)
	if err == nil && start <= s.i && s.i < end {
		e := testEvent(int(s.i))
		e.Object = "case/forged"
		leaves[s.i-start], _ = e.Encode()
	}
	return leaves, err
}

func TestVerifyRemote(t *testing.T) {
	const n = 1000
	m := MustLog(t, n, 500, n)
	key := MustSigner(t).VerifierKey()
	tests := []struct {
		name      string
		src       TileSource
		key       string
		wantKind  string
		wantIndex int64
		wantTOFU  bool
	}{
		{name: "clean", src: m, key: key},
		{name: "clean, key from server", src: m, key: "", wantTOFU: true},
		{name: "entry 617 changed", src: tamperedLeaves{m, 617}, key: key, wantKind: ProblemLeaf, wantIndex: 617},
		{name: "entry 0 changed", src: tamperedLeaves{m, 0}, key: key, wantKind: ProblemLeaf, wantIndex: 0},
		{name: "entry 999 changed", src: tamperedLeaves{m, 999}, key: key, wantKind: ProblemLeaf, wantIndex: 999},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(Handler(tt.src, m.latest, key))
			defer srv.Close()
			rep, err := VerifyRemote(context.Background(), srv.Client(), srv.URL+"/log/", tt.key, testOrigin)
			if err != nil {
				t.Fatal(err)
			}
			if rep.KeyFromServer != tt.wantTOFU {
				t.Errorf("KeyFromServer = %v, want %v", rep.KeyFromServer, tt.wantTOFU)
			}
			if tt.wantTOFU && !strings.Contains(strings.Join(rep.Notes, ""), "信任首次使用") {
				t.Errorf("Notes = %q, want a trust-on-first-use note", rep.Notes)
			}
			if rep.Size != n {
				t.Errorf("Size = %d, want %d", rep.Size, n)
			}
			if tt.wantKind == "" {
				if !rep.OK() {
					t.Fatalf("problems: %+v", rep.Problems)
				}
				return
			}
			if rep.OK() {
				t.Fatal("no problem found")
			}
			if got := rep.Problems[0]; got.Kind != tt.wantKind || got.Index != tt.wantIndex {
				t.Errorf("first problem = %+v, want kind %q index %d", got, tt.wantKind, tt.wantIndex)
			}
			t.Logf("%d problems, first: %+v", len(rep.Problems), rep.Problems[0])
		})
	}

	t.Run("wrong key", func(t *testing.T) {
		srv := httptest.NewServer(Handler(m, m.latest, key))
		defer srv.Close()
		other, _ := NewSigner(mustSkey(t))
		rep, err := VerifyRemote(context.Background(), nil, srv.URL+"/log", other.VerifierKey(), testOrigin)
		if err != nil {
			t.Fatal(err)
		}
		if rep.OK() || rep.Problems[0].Kind != ProblemCheckpoint {
			t.Errorf("problems = %+v, want a checkpoint problem", rep.Problems)
		}
	})
	t.Run("server down", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		srv.Close()
		if _, err := VerifyRemote(context.Background(), nil, srv.URL+"/log", key, testOrigin); err == nil {
			t.Error("VerifyRemote of a closed server succeeded")
		}
	})
}

func mustSkey(t *testing.T) string {
	t.Helper()
	skey, err := newSignerFromSeed(testOrigin, make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	return skey
}

// httpTileReader is a tlog.TileReader over a tlog-tiles server, written as
// a third party would, with nothing from this package but the URL layout.
type httpTileReader struct {
	t    *testing.T
	base string
}

func (r httpTileReader) Height() int { return 8 }

func (r httpTileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, tile := range tiles {
		// tlog paths are "tile/8/<L>/<N>"; tlog-tiles drops the height.
		p := strings.Replace(tile.Path(), "tile/8/", "tile/", 1)
		resp, err := http.Get(r.base + "/" + p)
		if err != nil {
			return nil, err
		}
		out[i], err = io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != 200 {
			r.t.Fatalf("GET %s: %s", p, resp.Status)
		}
	}
	return out, nil
}

func (httpTileReader) SaveTiles([]tlog.Tile, [][]byte) {}

func TestThirdPartyInclusion(t *testing.T) {
	const n = 70_000 // three tile levels
	m := MustLog(t, n, n)
	key := MustSigner(t).VerifierKey()
	srv := httptest.NewServer(Handler(m, m.latest, key))
	defer srv.Close()

	msg, _, _ := m.latest()
	size, root, err := OpenCheckpoint(msg, MustVerifier(t), testOrigin)
	if err != nil {
		t.Fatal(err)
	}
	hr := tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, httpTileReader{t, srv.URL + "/log"})
	for _, i := range []int64{0, 255, 256, 65535, 65536, 69_999} {
		p, err := tlog.ProveRecord(size, i, hr)
		if err != nil {
			t.Fatalf("ProveRecord(%d): %v", i, err)
		}
		if err := tlog.CheckRecord(p, size, root, i, tlog.RecordHash(m.leaves[i])); err != nil {
			t.Errorf("CheckRecord(%d): %v", i, err)
		}
		forged := append([]byte(nil), m.leaves[i]...)
		forged[len(forged)-2] ^= 1
		if err := tlog.CheckRecord(p, size, root, i, tlog.RecordHash(forged)); err == nil {
			t.Errorf("CheckRecord(%d) of a forged leaf succeeded", i)
		}
	}
}
