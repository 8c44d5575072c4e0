package ledger

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// VerifyRemote verifies a log from what it serves alone (C2SP tlog-tiles at
// baseURL, e.g. "https://example.org/log"): it checks the latest checkpoint's
// signature with verifierKey, fetches every entry bundle and recomputes the
// tree from the entries, compares every served hash tile with the
// recomputation (which locates a changed entry: its leaf hash no longer
// matches the served tile) and the recomputed root with the checkpoint's.
//
// If verifierKey is "", the key is taken from baseURL/key and the report
// says so (KeyFromServer, and a note): trust on first use proves only that
// the log agrees with itself, not that it is the log its operator published.
//
// It returns an error when the log cannot be fetched; findings are in the
// report, first problem first.
func VerifyRemote(ctx context.Context, client *http.Client, baseURL string, verifierKey string, origin string) (*Report, error) {
	if client == nil {
		client = http.DefaultClient
	}
	base := strings.TrimSuffix(baseURL, "/")
	rep := &Report{}
	if verifierKey == "" {
		b, err := fetch(ctx, client, base+"/key", 4<<10)
		if err != nil {
			return nil, err
		}
		verifierKey = strings.TrimSpace(string(b))
		rep.KeyFromServer = true
		rep.Notes = append(rep.Notes, "验证密钥取自被验证的服务器本身(信任首次使用):只能证明日志自身一致,请与公开渠道公布的验证密钥核对。")
	}
	v, err := note.NewVerifier(verifierKey)
	if err != nil {
		return nil, fmt.Errorf("ledger: verifier key %q: %w", verifierKey, err)
	}
	msg, err := fetch(ctx, client, base+"/checkpoint", 1<<20)
	if err != nil {
		return nil, err
	}
	rep.Checkpoints = 1
	size, root, err := OpenCheckpoint(msg, v, origin)
	if err != nil {
		rep.add(ProblemCheckpoint, 0, "服务器提供的最新检查点无效:%v", err)
		return rep, nil
	}
	rep.Size = size

	t := newMemTree(size)
	for n := int64(0); n<<TileHeight < size; n++ {
		w := int(min(tileWidth, size-n<<TileHeight))
		tile := tlog.Tile{H: TileHeight, L: -1, N: n, W: w}
		b, err := fetch(ctx, client, base+"/"+tilePath(tile), int64(w)*(2+MaxEventSize))
		if err != nil {
			return nil, err
		}
		entries, err := parseBundle(b)
		if err == nil && len(entries) != w {
			err = fmt.Errorf("有 %d 条,应为 %d 条", len(entries), w)
		}
		if err != nil {
			first := n << TileHeight
			rep.add(ProblemLeaf, first, "服务器提供的条目包 %s(第 %d 条起)格式错误:%v", tilePath(tile), first, err)
			return rep, nil
		}
		for _, e := range entries {
			if err := t.append(tlog.RecordHash(e)); err != nil {
				return nil, err
			}
		}
	}

	lastBadLeaf := int64(-1)
	for _, tile := range tlog.NewTiles(TileHeight, 0, size) {
		b, err := fetch(ctx, client, base+"/"+tilePath(tile), int64(tile.W)*tlog.HashSize)
		if err != nil {
			return nil, err
		}
		want, err := tlog.ReadTileData(tile, t)
		if err != nil {
			return nil, fmt.Errorf("ledger: recompute tile %s: %w", tilePath(tile), err)
		}
		if len(b) != len(want) {
			rep.add(ProblemHash, tlog.StoredHashIndex(tile.L*TileHeight, tile.N<<TileHeight),
				"服务器提供的哈希瓦片 %s 长度为 %d 字节,应为 %d 字节", tilePath(tile), len(b), len(want))
			continue
		}
		for j := 0; j < tile.W; j++ {
			got := b[j*tlog.HashSize : (j+1)*tlog.HashSize]
			if bytes.Equal(got, want[j*tlog.HashSize:(j+1)*tlog.HashSize]) {
				continue
			}
			x := tlog.StoredHashIndex(tile.L*TileHeight, tile.N<<TileHeight+int64(j))
			lastBadLeaf = compareProblem(rep, "服务器提供的", x, lastBadLeaf)
		}
	}

	rep.Root, err = tlog.TreeHash(size, t)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	if rep.Root != root {
		rep.add(ProblemCheckpoint, size, "大小为 %d 的已签名检查点的根哈希与由服务器提供的条目重新计算的根哈希不符", size)
	}
	return rep, nil
}

// fetch GETs url and returns its body, at most limit bytes.
func fetch(ctx context.Context, client *http.Client, url string, limit int64) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("ledger: GET %s: %s", url, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("ledger: GET %s: %w", url, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("ledger: GET %s: response larger than %d bytes", url, limit)
	}
	return b, nil
}
