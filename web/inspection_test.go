package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/zhifa/zhifa/idcode"
	"github.com/zhifa/zhifa/inspection"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
	"golang.org/x/mod/sumdb/tlog"
)

// publicTiles reads the hash tiles of the public log (/log/, C2SP
// tlog-tiles) over HTTP: what anyone verifying a draw has.
type publicTiles struct {
	t    *testing.T
	base string
}

func (p publicTiles) Height() int { return 8 }

func (p publicTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, tile := range tiles {
		// tlog writes "tile/8/L/N…"; C2SP drops the height.
		path := "tile/" + strings.TrimPrefix(tile.Path(), "tile/8/")
		resp, err := http.Get(p.base + "/log/" + path)
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			return nil, fmt.Errorf("GET %s: %d %v", path, resp.StatusCode, err)
		}
		out[i] = b
	}
	return out, nil
}

func (publicTiles) SaveTiles([]tlog.Tile, [][]byte) {}

// publicRoot returns the root hash of the first n events of the public log,
// from its latest checkpoint and hash tiles only.
func publicRoot(t *testing.T, base string, n int64) []byte {
	t.Helper()
	resp, err := http.Get(base + "/log/checkpoint")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	lines := strings.Split(string(b), "\n")
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		t.Fatalf("checkpoint %q", b)
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		t.Fatal(err)
	}
	h, err := tlog.TreeHash(n, tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, publicTiles{t, base}))
	if err != nil {
		t.Fatalf("tree hash at %d of %d: %v", n, size, err)
	}
	return h[:]
}

func creditNo(n int) string {
	first := fmt.Sprintf("91610921MA71%05d", n)
	return first + string(idcode.CreditCheckChar(first))
}

// TestInspectionAPIFlow runs 行政检查 through the JSON API as the right
// roles: the item list, the Excel import, a plan, a draw that anyone
// recomputes from the public API and log, an inspection from it with every
// step, its referral to a penalty case and its published result; an
// unpublished item and a sixth inspection over the cap of five are refused.
func TestInspectionAPIFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		tok := map[string]string{}
		for _, u := range []string{"o1", "head", "other", "supervisor"} {
			tok[u] = coreLogin(t, s.srv.URL, u)
		}
		want := func(what string, r reply, status int, contains ...string) {
			t.Helper()
			wantStatus(t, what, r, status, contains...)
		}
		item := map[string]any{"code": "JC-SP-01", "name": "食品经营者监督检查", "basis": "《中华人民共和国食品安全法》第一百一十条",
			"subject": "汉阴县市场监督管理局", "object": "辖区食品经营者", "method": "双随机抽查", "frequency": "每年1次", "ratio": 10,
			"standard": "许可证照、进货查验记录"}
		want("officer creates item", s.api(tok["o1"], "POST", "/api/v1/inspection-items", item), 403, "无权管理检查事项")
		r := s.api(tok["head"], "POST", "/api/v1/inspection-items", item)
		want("head creates item", r, 201, `"status": "draft"`)
		itemID := decode[struct{ ID int64 }](t, r).ID

		var rows []*inspection.Object
		for i := 1; i <= 4; i++ {
			rows = append(rows, &inspection.Object{Kind: "企业", Name: fmt.Sprintf("汉阴县第%d餐饮店", i), CreditCode: creditNo(i), Industry: "餐饮"})
		}
		var buf bytes.Buffer
		if err := inspection.ObjectsXLSX(&buf, rows); err != nil {
			t.Fatal(err)
		}
		bad := append(rows, &inspection.Object{Kind: "公司", Name: "坏行", CreditCode: "123"})
		var badBuf bytes.Buffer
		inspection.ObjectsXLSX(&badBuf, bad)
		want("bad import", s.api(tok["head"], "POST", "/api/v1/inspection-objects/import", map[string]any{"xlsx_base64": base64.StdEncoding.EncodeToString(badBuf.Bytes())}),
			400, "导入失败,未导入任何对象", "第 6 行:对象类型应为")
		want("import", s.api(tok["head"], "POST", "/api/v1/inspection-objects/import", map[string]any{"xlsx_base64": base64.StdEncoding.EncodeToString(buf.Bytes())}),
			201, `"imported": 4`)
		objs := decode[[]struct{ ID int64 }](t, s.api(tok["o1"], "GET", "/api/v1/inspection-objects", nil))
		if len(objs) != 4 {
			t.Fatalf("%d objects", len(objs))
		}

		start := map[string]any{"item_id": itemID, "object_id": objs[0].ID, "reason": "日常检查"}
		want("unpublished item", s.api(tok["o1"], "POST", "/api/v1/inspections", start), 422, "未公布,不得据以实施行政检查(国办发〔2024〕54号")
		want("publish", s.api(tok["head"], "POST", fmt.Sprintf("/api/v1/inspection-items/%d/publish", itemID), map[string]any{}), 200, `"status": "published"`)
		want("portal list", s.get(http.DefaultClient, "/inspection-items"), 200, "食品经营者监督检查", "抽查比例 10%")

		// Plan, approval and a draw announced before its seed exists.
		r = s.api(tok["head"], "POST", "/api/v1/inspection-plans", map[string]any{"item_id": itemID, "title": "2026年餐饮双随机抽查", "year": 2026})
		want("plan", r, 201, "2026年餐饮双随机抽查")
		planID := decode[struct{ ID int64 }](t, r).ID
		want("officer approves", s.api(tok["o1"], "POST", fmt.Sprintf("/api/v1/inspection-plans/%d/approve", planID), nil), 403, "无权")
		want("approve", s.api(tok["head"], "POST", fmt.Sprintf("/api/v1/inspection-plans/%d/approve", planID), nil), 200, `"status": "approved"`)
		r = s.api(tok["head"], "POST", fmt.Sprintf("/api/v1/inspection-plans/%d/draws", planID), map[string]any{"objects": 2, "officers_per_object": 2, "seed_gap": 2,
			"officer_ids": []int64{s.off1.ID, s.off2.ID, s.offHead.ID}})
		want("announce", r, 201, `"status": "announced"`)
		drawID := decode[struct{ ID int64 }](t, r).ID
		want("too early", s.api(tok["head"], "POST", fmt.Sprintf("/api/v1/inspection-draws/%d/draw", drawID), nil), 409, "随机种子尚未产生")
		want("another event", s.api(tok["head"], "POST", "/api/v1/inspection-objects", map[string]any{"kind": "企业", "name": "汉阴县后来商行", "credit_code": creditNo(9)}), 201, "汉阴县后来商行")
		want("draw", s.api(tok["head"], "POST", fmt.Sprintf("/api/v1/inspection-draws/%d/draw", drawID), nil), 200, `"status": "drawn"`)

		// Anyone recomputes it from public data alone: the published draw,
		// the announcement event and the log's tiles.
		r = s.api("", "GET", fmt.Sprintf("/api/v1/public/inspection-draws/%d", drawID), nil)
		want("public draw", r, 200, "zhifa-draw-v1")
		pub := decode[inspection.PublicDraw](t, r)
		ev := decode[struct {
			Event struct {
				Type  string            `json:"type"`
				Attrs map[string]string `json:"attrs"`
			} `json:"event"`
		}](t, s.api("", "GET", fmt.Sprintf("/api/v1/ledger/events/%d", pub.AnnouncedAt), nil))
		if ev.Event.Type != "inspection_draw.announced" || ev.Event.Attrs["seed_size"] != strconv.FormatInt(pub.SeedSize, 10) {
			t.Fatalf("announcement event %+v", ev.Event)
		}
		seed := publicRoot(t, s.srv.URL, pub.SeedSize)
		if err := inspection.Verify(pub, ev.Event.Attrs["objects_digest"], ev.Event.Attrs["officers_digest"], seed); err != nil {
			t.Fatalf("public recomputation: %v", err)
		}
		changed := pub
		changed.Objects = append(append([]inspection.Entry{}, pub.Objects[:3]...), inspection.Entry{ID: 999, Name: "汉阴县替换商行"})
		changed.ObjectsDigest = inspection.ListDigest(changed.Objects)
		if err := inspection.Verify(changed, ev.Event.Attrs["objects_digest"], ev.Event.Attrs["officers_digest"], seed); err == nil {
			t.Fatal("a list changed after the announcement verified")
		}
		want("portal draw", s.get(http.DefaultClient, fmt.Sprintf("/inspection-draws/%d", drawID)), 200, "如何验证", pub.ObjectsDigest, pub.Seed)

		// The inspection of the first drawn object, step by step.
		target, drawn := pub.Result[0].ObjectID, pub.Result[0].OfficerIDs
		who := map[int64]string{s.off1.ID: "o1", s.off2.ID: "o2", s.offHead.ID: "head"}
		tok["o2"] = coreLogin(t, s.srv.URL, "o2")
		rec := tok[who[drawn[0]]] // a drawn officer records the on-site step
		var outsider int64
		for id := range who {
			if id != drawn[0] && id != drawn[1] {
				outsider = id
			}
		}
		r = s.api(tok["o1"], "POST", "/api/v1/inspections", map[string]any{"item_id": itemID, "object_id": target, "draw_id": drawID, "reason": "双随机抽查"})
		want("start", r, 201, `"stage": "started"`)
		insID := decode[struct{ Inspection struct{ ID int64 } }](t, r).Inspection.ID
		stepPath := fmt.Sprintf("/api/v1/inspections/%d/steps", insID)
		want("other agency reads", s.api(tok["other"], "GET", fmt.Sprintf("/api/v1/inspections/%d", insID), nil), 403, "无权")
		want("notice", s.api(tok["o1"], "POST", stepPath, map[string]any{"action": "notify", "fields": map[string]string{"manner": "现场告知", "notified_on": testdate.Today(t).Format("2006-01-02")}}), 201, `"stage": "notified"`)
		site := map[string]string{"place": "汉阴县城关镇", "certs_shown": "是", "rights_told": "否", "content": "发现过期食品", "party_signed": "是"}
		want("rights not told", s.api(rec, "POST", stepPath, map[string]any{"action": "on_site", "officer_ids": drawn, "fields": site}), 422, "陈述、申辩、申请回避等权利")
		site["rights_told"] = "是"
		want("alone", s.api(rec, "POST", stepPath, map[string]any{"action": "on_site", "officer_ids": []int64{drawn[0]}, "fields": site}), 422, "抽中的执法人员")
		want("not the drawn officers", s.api(rec, "POST", stepPath, map[string]any{"action": "on_site", "officer_ids": []int64{drawn[0], outsider}, "fields": site}), 422, "抽中的执法人员")
		want("on site", s.api(rec, "POST", stepPath, map[string]any{"action": "on_site", "officer_ids": drawn, "fields": site}), 201, `"stage": "inspected"`)
		want("result", s.api(tok["o1"], "POST", stepPath, map[string]any{"action": "result", "fields": map[string]string{"outcome": inspection.OutcomeViolation,
			"findings": "经营超过保质期的食品 3 袋", "public_summary": "发现经营超过保质期的食品,已移送立案查处"}}), 201, `"publish_due"`)
		r = s.api(rec, "POST", stepPath, map[string]any{"action": "refer", "fields": map[string]string{"summary": "过期食品 3 袋", "matter": strconv.FormatInt(s.matter.ID, 10)}})
		want("refer", r, 201, `"stage": "referred"`)
		caseID := decode[struct {
			Inspection struct {
				PenaltyCaseID int64 `json:"penalty_case_id"`
			}
		}](t, r).Inspection.PenaltyCaseID
		want("the penalty case", s.api(rec, "GET", fmt.Sprintf("/api/v1/cases/%d", caseID), nil), 200, fmt.Sprintf("检查记录 %d", insID), `"source": "监督检查"`)
		want("officer publishes", s.api(tok["o1"], "POST", stepPath, map[string]any{"action": "publish"}), 403, "承办机构负责人")
		want("publish result", s.api(tok["head"], "POST", stepPath, map[string]any{"action": "publish"}), 201, `"stage": "published"`)
		want("portal results", s.get(http.DefaultClient, "/inspection-results"), 200, "发现经营超过保质期的食品,已移送立案查处", "发现违法行为")
		want("supervisor reads", s.api(tok["supervisor"], "GET", fmt.Sprintf("/api/v1/inspections/%d", insID), nil), 200, `"action": "refer"`)

		// The yearly cap: five inspections of one object, the sixth refused.
		other := objs[3].ID
		if other == target {
			other = objs[2].ID
		}
		for i := 1; i <= 5; i++ {
			r = s.api(tok["o1"], "POST", "/api/v1/inspections", map[string]any{"item_id": itemID, "object_id": other, "reason": "日常检查"})
			want(fmt.Sprintf("inspection %d", i), r, 201, `"stage": "started"`)
		}
		want("the warning", r, 201, "重复检查提示", "本次为第 5 次")
		want("sixth", s.api(tok["o1"], "POST", "/api/v1/inspections", map[string]any{"item_id": itemID, "object_id": other, "reason": "日常检查"}),
			422, "达到年度上限 5 次,不得再次检查")
	})
}

// TestInspectionWorkbench runs 行政检查 through the workbench pages, without
// JavaScript: forms, redirects with their message, the error page.
func TestInspectionWorkbench(t *testing.T) {
	s := newCaseSite(t, storetest.MustOpenSQLite(t))
	head, o1 := s.browser("head"), s.browser("o1")
	wantStatus(t, "page", s.get(head, "/workbench/inspections"), 200, "检查事项清单", "从 Excel 导入", "拟定抽查计划")
	wantRedirect(t, "item", s.postForm(head, "/workbench/inspections/items", url.Values{"code": {"JC-01"}, "name": {"餐饮服务监督检查"},
		"basis": {"《中华人民共和国食品安全法》第一百一十条"}, "subject": {"汉阴县市场监督管理局"}, "object": {"餐饮服务提供者"}, "method": {"双随机抽查"},
		"frequency": {"每年1次"}, "ratio": {"5"}, "standard": {"许可证照、健康证明"}}), "/workbench/inspections")
	wantStatus(t, "flash", s.get(head, "/workbench/inspections"), 200, "已登记检查事项“餐饮服务监督检查”第 1 版(未公布)")
	wantStatus(t, "bad item", s.postForm(head, "/workbench/inspections/items", url.Values{"code": {"JC-02"}}), 400, "请填写检查事项名称")

	var buf bytes.Buffer
	inspection.ObjectsXLSX(&buf, []*inspection.Object{{Kind: "企业", Name: "汉阴县第一餐馆", CreditCode: creditNo(1)}})
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="objects.xlsx"`)
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	part, _ := mw.CreatePart(h)
	part.Write(buf.Bytes())
	mw.Close()
	req, _ := http.NewRequest("POST", s.srv.URL+"/workbench/inspections/objects/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	wantRedirect(t, "import", s.do(head, req), "/workbench/inspections")
	objs, err := s.svc.Inspections.Objects(context.Background(), s.actors["head"], 0)
	if err != nil || len(objs) != 1 {
		t.Fatalf("objects %v %v", objs, err)
	}
	items, _ := s.svc.Inspections.Items(context.Background(), s.actors["head"], 0)
	start := url.Values{"item_id": {strconv.FormatInt(items[0].ID, 10)}, "object_id": {strconv.FormatInt(objs[0].ID, 10)}, "reason": {"日常检查"}}
	wantStatus(t, "unpublished", s.postForm(o1, "/workbench/inspections", start), 422, "未公布,不得据以实施行政检查")
	wantRedirect(t, "publish", s.postForm(head, fmt.Sprintf("/workbench/inspections/items/%d/publish", items[0].ID), url.Values{}), "/workbench/inspections")
	r := s.postForm(o1, "/workbench/inspections", start)
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/workbench/inspections/") {
		t.Fatalf("start: %d %s\n%.2000s", r.status, r.header.Get("Location"), pageError(r.body))
	}
	page := r.header.Get("Location")
	wantStatus(t, "inspection page", s.get(o1, page), 200, "已启动检查", "记录检查通知", "通知方式")
	wantRedirect(t, "notice", s.postForm(o1, page+"/steps", url.Values{"action": {"notify"}, "manner": {"书面通知"}, "notified_on": {testdate.Today(t).Format("2006-01-02")}}), page)
	wantStatus(t, "on-site form", s.get(o1, page), 200, "已记录“检查通知”", "<dt>通知方式</dt>", "到场执法人员", "当事人拒绝签名的情况")
	wantStatus(t, "portal items", s.get(http.DefaultClient, "/inspection-items"), 200, "餐饮服务监督检查")
	wantStatus(t, "portal draws", s.get(http.DefaultClient, "/inspection-draws"), 200, "尚无抽取公告")
}
