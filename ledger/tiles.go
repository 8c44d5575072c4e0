package ledger

import (
	"encoding/binary"
	"fmt"
	"net/http"
	"strings"

	"golang.org/x/mod/sumdb/tlog"
)

// TileHeight is the tlog-tiles tile height: 256 hashes or entries per tile.
const TileHeight = 8

const tileWidth = 1 << TileHeight

// TileSource is read access to the stored hashes and leaves, for serving.
type TileSource interface {
	tlog.HashReader
	ReadLeaves(start, end int64) ([][]byte, error)
}

// Handler serves the log read-only per C2SP tlog-tiles, mounted at "/log/"
// (it also accepts paths with that prefix stripped):
//
//	GET /log/checkpoint                 the latest signed checkpoint, never cached
//	GET /log/key                        verifierKey and a newline
//	GET /log/tile/<L>/<N>[.p/<W>]       hash tiles
//	GET /log/tile/entries/<N>[.p/<W>]   entry bundles (uint16 big-endian length, then the leaf)
//
// latestCheckpoint returns the latest signed checkpoint and its size; only
// tiles within that size are served (404 otherwise), so every tile served is
// covered by a signed checkpoint. Full tiles never change and are cached for
// a year; partial tiles for a minute.
func Handler(src TileSource, latestCheckpoint func() ([]byte, int64, error), verifierKey string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/log"), "/")
		switch {
		case p == "checkpoint":
			msg, _, err := latestCheckpoint()
			if err != nil {
				http.Error(w, "internal error", http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.Write(msg)
		case p == "key":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Cache-Control", "public, max-age=3600")
			fmt.Fprintf(w, "%s\n", verifierKey)
		case strings.HasPrefix(p, "tile/"):
			serveTile(w, src, latestCheckpoint, p)
		default:
			http.NotFound(w, r)
		}
	})
}

func serveTile(w http.ResponseWriter, src TileSource, latestCheckpoint func() ([]byte, int64, error), p string) {
	t, ok := parseTilePath(p)
	if !ok {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	_, size, err := latestCheckpoint()
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	level := max(t.L, 0) // entries are leaves: level 0
	if t.N<<TileHeight+int64(t.W) > size>>(uint(level)*TileHeight) {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	var data []byte
	if t.L == -1 {
		start := t.N << TileHeight
		leaves, err := src.ReadLeaves(start, start+int64(t.W))
		if err != nil || len(leaves) != t.W {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		data, err = appendBundle(nil, leaves)
		if err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
	} else {
		data, err = tlog.ReadTileData(t, src)
		if err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	if t.W == tileWidth {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=60")
	}
	w.Write(data)
}

// parseTilePath parses a tlog-tiles path ("tile/<L>/<N>[.p/<W>]" or
// "tile/entries/<N>[.p/<W>]") with tlog.ParseTilePath, which knows the
// go.sum database form "tile/<H>/<L>/..." with "data" for the entries level.
func parseTilePath(p string) (tlog.Tile, bool) {
	rest, ok := strings.CutPrefix(p, "tile/")
	if !ok || strings.HasPrefix(rest, "data/") {
		return tlog.Tile{}, false
	}
	if e, ok := strings.CutPrefix(rest, "entries/"); ok {
		rest = "data/" + e
	}
	t, err := tlog.ParseTilePath(fmt.Sprintf("tile/%d/%s", TileHeight, rest))
	if err != nil || t.L > 63 {
		return tlog.Tile{}, false
	}
	return t, true
}

// tilePath returns the tlog-tiles path of t, "tile/<L>/<N>[.p/<W>]", or
// "tile/entries/<N>[.p/<W>]" for L == -1.
func tilePath(t tlog.Tile) string {
	rest := strings.TrimPrefix(t.Path(), fmt.Sprintf("tile/%d/", TileHeight))
	if e, ok := strings.CutPrefix(rest, "data/"); ok {
		rest = "entries/" + e
	}
	return "tile/" + rest
}

// appendBundle appends the tlog-tiles entry bundle of leaves to b.
func appendBundle(b []byte, leaves [][]byte) ([]byte, error) {
	for _, l := range leaves {
		if len(l) > MaxEventSize {
			return nil, fmt.Errorf("事件有 %d 字节,超过条目包允许的 %d 字节", len(l), MaxEventSize)
		}
		b = binary.BigEndian.AppendUint16(b, uint16(len(l)))
		b = append(b, l...)
	}
	return b, nil
}

// parseBundle splits an entry bundle into its entries.
func parseBundle(b []byte) ([][]byte, error) {
	var out [][]byte
	for len(b) > 0 {
		if len(b) < 2 {
			return nil, fmt.Errorf("末尾的条目长度不完整")
		}
		n := int(binary.BigEndian.Uint16(b))
		b = b[2:]
		if len(b) < n {
			return nil, fmt.Errorf("条目不完整:应有 %d 字节,只有 %d 字节", n, len(b))
		}
		out = append(out, b[:n:n])
		b = b[n:]
	}
	return out, nil
}
