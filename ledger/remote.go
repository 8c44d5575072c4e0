package ledger

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	neturl "net/url"
	"strings"
	"syscall"

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
// If origin is "", the origin the checkpoint names is accepted (and recorded
// in Report.Origin); otherwise the checkpoint must name origin.
//
// It returns an error when the log cannot be fetched; findings are in the
// report, first problem first. Every message is Chinese.
func VerifyRemote(ctx context.Context, client *http.Client, baseURL string, verifierKey string, origin string) (*Report, error) {
	return VerifyRemoteSince(ctx, client, baseURL, verifierKey, origin, nil)
}

// VerifyRemoteSince is VerifyRemote that also proves the served log
// consistent with since, a signed checkpoint saved earlier (as served at
// baseURL/checkpoint, e.g. by a party or a court with curl), unless since is
// nil. The saved checkpoint must carry a valid signature by the same key and
// name the same origin as the served one; then:
//
//   - a served log smaller than the saved one was rolled back (ProblemRollback);
//   - one of the same size with another root, or a larger one that the
//     RFC 6962 consistency proof built from the served hash tiles (verified
//     against the served checkpoint's root) does not connect to the saved
//     root, was rewritten (ProblemFork).
//
// Report.Since holds the saved checkpoint once its signature verifies.
func VerifyRemoteSince(ctx context.Context, client *http.Client, baseURL string, verifierKey string, origin string, since []byte) (*Report, error) {
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
		return nil, fmt.Errorf("验证公钥 %q 格式错误:应为 note 验证公钥「名称+密钥哈希+base64 公钥」,即服务器 /log/key 返回的一行", verifierKey)
	}
	msg, err := fetch(ctx, client, base+"/checkpoint", 1<<20)
	if err != nil {
		return nil, err
	}
	rep.Checkpoints = 1
	cur, err := ParseCheckpoint(msg, v)
	if err == nil && origin != "" && cur.Origin != origin {
		err = fmt.Errorf("检查点的 origin 为 %q,应为 %q:这是另一本台账的检查点,或指定的 origin 有误", cur.Origin, origin)
	}
	if err != nil {
		rep.add(ProblemCheckpoint, 0, "服务器提供的最新检查点无效:%v", err)
		return rep, nil
	}
	rep.Origin = cur.Origin
	rep.Checkpoint = msg
	if origin == "" {
		rep.Notes = append(rep.Notes, fmt.Sprintf("未指定预期的 origin,采用检查点所列的 origin %q。", cur.Origin))
		if cur.Origin != v.Name() {
			rep.Notes = append(rep.Notes, fmt.Sprintf("检查点的 origin %q 与验证密钥的名称 %q 不同。", cur.Origin, v.Name()))
		}
	}
	size := cur.Size
	rep.Size = size

	var saved *Checkpoint
	if since != nil {
		cp, err := ParseCheckpoint(since, v)
		switch {
		case err != nil:
			rep.add(ProblemCheckpoint, 0, "保存的检查点无效:%v", err)
		case cp.Origin != cur.Origin:
			rep.add(ProblemCheckpoint, cp.Size, "保存的检查点属于 origin 为 %q 的台账,服务器提供的是 origin 为 %q 的台账", cp.Origin, cur.Origin)
		default:
			saved = &cp
			rep.Since = &cp
			rep.Checkpoints++
		}
	}

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

	served := servedTiles{}
	lastBadLeaf := int64(-1)
	for _, tile := range tlog.NewTiles(TileHeight, 0, size) {
		b, err := fetch(ctx, client, base+"/"+tilePath(tile), int64(tile.W)*tlog.HashSize)
		if err != nil {
			return nil, err
		}
		served[tile] = b
		want, err := tlog.ReadTileData(tile, t)
		if err != nil {
			return nil, fmt.Errorf("重算哈希瓦片 %s 失败:%w", tilePath(tile), err)
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
		return nil, fmt.Errorf("计算大小为 %d 的树根失败:%w", size, err)
	}
	if rep.Root != cur.Root {
		rep.add(ProblemCheckpoint, size, "大小为 %d 的已签名检查点的根哈希与由服务器提供的条目重新计算的根哈希不符", size)
	}
	if saved != nil {
		checkSince(rep, *saved, cur, served)
	}
	return rep, nil
}

// checkSince records whether the log of the signed checkpoint cur extends
// the one of the saved checkpoint, with a consistency proof built from the
// served hash tiles. tlog.TileHashReader authenticates every tile it reads
// against cur's root, so a proof that then fails CheckTree is a genuine
// disagreement between the two signed roots, not a bad download.
func checkSince(rep *Report, saved, cur Checkpoint, tiles servedTiles) {
	switch {
	case saved.Size > cur.Size:
		rep.add(ProblemRollback, saved.Size,
			"日志被回滚:保存的检查点有 %d 条事件,服务器现在的已签名检查点只有 %d 条——第 %d 至第 %d 条事件已被删除",
			saved.Size, cur.Size, cur.Size, saved.Size-1)
	case saved.Size == cur.Size:
		if saved.Root != cur.Root {
			rep.add(ProblemFork, saved.Size,
				"日志被改写(分叉):保存的检查点与服务器现在的检查点同为 %d 条事件,根哈希却不同(保存的 %s,现在的 %s)——第 0 至第 %d 条事件中至少有一条被改动、删除或替换",
				saved.Size, saved.Root, cur.Root, saved.Size-1)
		}
	case saved.Size == 0:
		if saved.Root != emptyRoot {
			rep.add(ProblemFork, 0, "保存的检查点有 0 条事件,其根哈希却不是空树的根哈希 %s", emptyRoot)
		}
	default:
		hr := tlog.TileHashReader(tlog.Tree{N: cur.Size, Hash: cur.Root}, tiles)
		p, err := tlog.ProveTree(cur.Size, saved.Size, hr)
		if err != nil {
			rep.add(ProblemConsistency, saved.Size,
				"无法证明与保存的检查点(%d 条事件)一致:服务器提供的哈希瓦片与其已签名的根哈希不符,无法构造到 %d 条事件的一致性证明",
				saved.Size, cur.Size)
			return
		}
		if err := tlog.CheckTree(p, cur.Size, cur.Root, saved.Size, saved.Root); err != nil {
			rep.add(ProblemFork, saved.Size,
				"日志被改写(分叉):服务器现在的 %d 条事件不是保存的检查点(%d 条事件)的延续,一致性证明不成立——第 0 至第 %d 条事件中至少有一条与保存检查点时不同(被改动、删除或替换)",
				cur.Size, saved.Size, saved.Size-1)
		}
	}
}

// servedTiles is a tlog.TileReader over the hash tiles already fetched.
type servedTiles map[tlog.Tile][]byte

func (servedTiles) Height() int { return TileHeight }

func (s servedTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		b, ok := s[t]
		if !ok {
			return nil, fmt.Errorf("服务器未提供哈希瓦片 %s", tilePath(t))
		}
		out[i] = b
	}
	return out, nil
}

func (servedTiles) SaveTiles([]tlog.Tile, [][]byte) {}

// fetch GETs url and returns its body, at most limit bytes. Its errors are
// Chinese and name the URL.
func fetch(ctx context.Context, client *http.Client, url string, limit int64) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("地址 %s 无效:应为 http:// 或 https:// 开头的服务地址", url)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("无法读取 %s:%s", url, netReason(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("无法读取 %s:服务器返回 HTTP %d(地址是否为 zhifa 服务的根地址,如 http://主机:8080?)", url, resp.StatusCode)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("读取 %s 的内容时中断:%s", url, netReason(err))
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s 的内容超过 %d 字节,不是台账接口应有的大小", url, limit)
	}
	return b, nil
}

// netReason says in Chinese why a request failed.
func netReason(err error) string {
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return "已取消"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "连接超时"
	case errors.As(err, &dns):
		return fmt.Sprintf("找不到主机 %s", dns.Name)
	case errors.Is(err, syscall.ECONNREFUSED):
		return "连接被拒绝(服务未运行,或主机、端口有误)"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF):
		return "连接被对方中断"
	default:
		var ue *neturl.Error
		if errors.As(err, &ue) && ue.Err != nil {
			return fmt.Sprintf("网络错误(%v)", ue.Err)
		}
		return fmt.Sprintf("网络错误(%v)", err)
	}
}
