package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa/inspection"
	"github.com/zhifa/zhifa/ledger"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// runDraw recomputes a published 双随机 draw from outside, with public data
// only: the draw's lists, rule and result, its announcement event (proved
// to be in the log the key signs), and the log's root hash at the
// announced size, computed from the public tiles under a signed checkpoint.
func runDraw(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "draw", "draw --url http://主机:端口/inspection-draws/编号 [--vkey 验证公钥] [--origin 名称]")
	page := fs.String("url", "", "双随机抽取公告页面的地址")
	vkey := fs.String("vkey", e.getenv("ZHIFA_VERIFIER_KEY"), "台账验证公钥(note 格式,即 /log/key 的内容);留空则取服务器 /log/key 的公钥(首次信任) (环境变量 ZHIFA_VERIFIER_KEY)")
	origin := fs.String("origin", "", "台账来源标识;留空则取存在证明中检查点的来源")
	if err := fs.Parse(args); err != nil {
		return err
	}
	u, err := url.Parse(strings.TrimSpace(*page))
	idText, ok := "", false
	if err == nil {
		idText, ok = strings.CutPrefix(strings.TrimSuffix(u.Path, "/"), "/inspection-draws/")
	}
	id, perr := strconv.ParseInt(idText, 10, 64)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || !ok || perr != nil || id <= 0 {
		return &exitError{code: 2, err: fmt.Errorf("--url 须为抽取公告页面的完整地址,如 http://主机:端口/inspection-draws/3,而不是“%s”", *page)}
	}
	base := u.Scheme + "://" + u.Host
	client := &http.Client{Timeout: 30 * time.Second}
	fails := 0
	check := func(ok bool, good, bad string, args ...any) {
		if ok {
			fmt.Fprintln(e.stdout, "  通过:"+good)
			return
		}
		fails++
		fmt.Fprintf(e.stdout, "  不通过:"+bad+"\n", args...)
	}

	body, err := getBody(ctx, client, base+"/api/v1/public/inspection-draws/"+idText)
	if err != nil {
		return err
	}
	var d inspection.PublicDraw
	if err := json.Unmarshal(body, &d); err != nil {
		return fmt.Errorf("抽取数据格式错误:%v", err)
	}
	key := strings.TrimSpace(*vkey)
	if key == "" {
		k, err := getBody(ctx, client, base+"/log/key")
		if err != nil {
			return err
		}
		key = strings.TrimSpace(string(k))
		fmt.Fprintln(e.stdout, "说明:未给出 --vkey,使用服务器 /log/key 提供的公钥(首次信任);请与机关公布的公钥比对。")
	}
	v, err := note.NewVerifier(key)
	if err != nil {
		return fmt.Errorf("验证公钥格式错误:%v", err)
	}
	fmt.Fprintf(e.stdout, "双随机抽取 %d 的公开验证(%s):\n", id, base)

	// 1. The announcement is in the signed log and fixes lists, rule and seed size.
	idx := strconv.FormatInt(d.AnnouncedAt, 10)
	evBody, err := getBody(ctx, client, base+"/api/v1/ledger/events/"+idx)
	if err != nil {
		return err
	}
	var ev struct {
		Leaf string `json:"leaf"`
	}
	if err := json.Unmarshal(evBody, &ev); err != nil {
		return fmt.Errorf("事件格式错误:%v", err)
	}
	proof, err := getBody(ctx, client, base+"/api/v1/ledger/proof/"+idx)
	if err != nil {
		return err
	}
	org := *origin
	if org == "" {
		org = proofOrigin(string(proof))
	}
	got, err := ledger.VerifyProof(proof, []byte(ev.Leaf), v, org)
	check(err == nil && got == d.AnnouncedAt, fmt.Sprintf("公告事件 %d 在公钥签名的台账(%s)中", d.AnnouncedAt, org), "公告事件的存在证明无效:%v", errText(err, got, d.AnnouncedAt))
	e2, err := ledger.DecodeEvent([]byte(ev.Leaf))
	if err != nil {
		return fmt.Errorf("公告事件格式错误:%v", err)
	}
	a := e2.Attrs
	check(e2.Type == "inspection_draw.announced" && e2.Object == "inspection_draw/"+idText && a["seed_size"] == strconv.FormatInt(d.SeedSize, 10) &&
		a["objects"] == strconv.Itoa(d.Rule.Objects) && a["officers_per_object"] == strconv.Itoa(d.Rule.OfficersPerObject) && a["algorithm"] == d.Algorithm,
		fmt.Sprintf("公告事件记载的规则、算法与种子台账规模(%d)与公布的一致", d.SeedSize),
		"公告事件(%s %s)记载的规则或种子台账规模与公布的不符", e2.Type, e2.Object)

	// 2. The seed: the root hash at the seed size, from the public tiles.
	cp, err := getBody(ctx, client, base+"/log/checkpoint")
	if err != nil {
		return err
	}
	size, root, err := ledger.OpenCheckpoint(cp, v, org)
	if err != nil {
		return fmt.Errorf("检查点无效:%v", err)
	}
	if size < d.SeedSize {
		return &exitError{code: 1, err: fmt.Errorf("台账目前只有 %d 条,尚未达到种子台账规模 %d:种子尚未产生", size, d.SeedSize)}
	}
	seed, err := tlog.TreeHash(d.SeedSize, tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, httpTiles{ctx, client, base}))
	if err != nil {
		return fmt.Errorf("计算种子(台账前 %d 条的根哈希):%v", d.SeedSize, err)
	}
	fmt.Fprintf(e.stdout, "  种子:台账前 %d 条的根哈希 %x(由签名检查点 %d 条下的公开哈希瓦片计算)\n", d.SeedSize, seed[:], size)

	// 3. The lists' digests, the seed and the result.
	err = inspection.Verify(d, a["objects_digest"], a["officers_digest"], seed[:])
	check(err == nil, "名录摘要与公告一致,种子正确,重新计算的抽取结果与公布的一致", "%v", err)
	if fails > 0 {
		return &exitError{code: 1, err: fmt.Errorf("双随机抽取 %d 的验证有 %d 项不通过", id, fails)}
	}
	fmt.Fprintf(e.stdout, "双随机抽取 %d 验证通过。\n", id)
	return nil
}

// httpTiles reads hash tiles from a server's public /log/ (C2SP
// tlog-tiles), for tlog.TileHashReader, which checks them against the
// signed tree.
type httpTiles struct {
	ctx    context.Context
	client *http.Client
	base   string
}

func (httpTiles) Height() int { return ledger.TileHeight }

func (h httpTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		// tlog names a tile "tile/H/L/N…"; tlog-tiles drops the height.
		p := "tile/" + strings.TrimPrefix(t.Path(), "tile/"+strconv.Itoa(ledger.TileHeight)+"/")
		b, err := getBody(h.ctx, h.client, h.base+"/log/"+p)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

func (httpTiles) SaveTiles([]tlog.Tile, [][]byte) {}
