package inspection_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/idcode"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/inspection"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
	"golang.org/x/mod/sumdb/tlog"
)

// world is one agency with two officers (o1, o2), a unit head who is also
// an officer, a penalty matter and its inspection service.
type world struct {
	t       *testing.T
	db      *store.DB
	svc     *service.Service
	ins     *inspection.Service
	now     time.Time
	agency  *registry.Agency
	matter  *registry.Matter
	o1, o2  zhifa.Actor
	head    zhifa.Actor
	reader  zhifa.Actor // a reviewer: may read, not manage
	off1    *registry.Officer
	off2    *registry.Officer
	offHead *registry.Officer
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{t: t, db: db, now: testdate.Now(t)}
	w.svc = service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return w.now })
	must(t, w.svc.OpenBlobs(t.TempDir()))
	w.ins = w.svc.Inspections
	w.agency = &registry.Agency{Name: "汉阴县市场监督管理局", ShortName: "汉阴市监", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921", ReviewDays: 5}
	must(t, w.svc.CreateAgency(ctx, zhifa.Console, w.agency))
	w.matter = &registry.Matter{AgencyID: w.agency.ID, Name: "经营超过保质期的食品", Category: registry.MatterPenalty,
		Basis: "《中华人民共和国食品安全法》第一百二十四条", PenaltyKinds: []string{"警告", "罚款"}}
	must(t, w.svc.CreateMatter(ctx, zhifa.Console, w.matter))
	today := testdate.Today(t)
	from, to := zhifa.DateFromTime(today.AddDate(-2, 0, 0)), zhifa.DateFromTime(today.AddDate(3, 0, 0))
	officer := func(name, cert string) *registry.Officer {
		o := &registry.Officer{AgencyID: w.agency.ID, Name: name, Gender: "男", Post: "科员", CertNo: cert, Category: "市场监管", ValidFrom: from, ValidTo: to}
		must(t, w.svc.CreateOfficer(ctx, zhifa.Console, o))
		return o
	}
	user := func(username string, o *registry.Officer, roles ...zhifa.Role) zhifa.Actor {
		in := identity.UserInput{Username: username, Name: username, AgencyID: w.agency.ID, Roles: roles, Password: "Zhifa-Test-2026"}
		if o != nil {
			in.OfficerID = o.ID
		}
		u, err := w.svc.CreateUser(ctx, zhifa.Console, in)
		must(t, err)
		return zhifa.Actor{UserID: u.ID, Username: u.Username, Name: u.Name, AgencyID: u.AgencyID, OfficerID: u.OfficerID, Roles: u.Roles}
	}
	w.off1, w.off2, w.offHead = officer("王志强", "61092100101"), officer("李晓燕", "61092100102"), officer("刘德华", "61092100104")
	w.o1 = user("o1", w.off1, zhifa.RoleOfficer)
	w.o2 = user("o2", w.off2, zhifa.RoleOfficer)
	w.head = user("head", w.offHead, zhifa.RoleUnitHead, zhifa.RoleOfficer)
	w.reader = user("reviewer", nil, zhifa.RoleReviewer)
	return w
}

func credit(n int) string {
	first := fmt.Sprintf("91610921MA70%05d", n)
	return first + string(idcode.CreditCheckChar(first))
}

func (w *world) item(code string) *inspection.Item {
	return &inspection.Item{Code: code, Name: "食品经营者监督检查", Basis: "《中华人民共和国食品安全法》第一百一十条", Subject: "汉阴县市场监督管理局",
		Object: "辖区食品经营者", Method: "双随机抽查", Frequency: "每年1次", Ratio: 10, Standard: "许可证照、进货查验记录、从业人员健康证明"}
}

// publishedWorld has a published item and five objects imported from Excel.
func publishedWorld(t *testing.T, db *store.DB) (*world, *inspection.Item, []*inspection.Object) {
	w := newWorld(t, db)
	ctx := context.Background()
	it := w.item("JC-SP-01")
	must(t, w.ins.CreateItem(ctx, w.head, it))
	_, err := w.ins.PublishItem(ctx, w.head, it.ID, zhifa.Date{})
	must(t, err)
	var rows []*inspection.Object
	for i := 1; i <= 5; i++ {
		rows = append(rows, &inspection.Object{Kind: "企业", Name: fmt.Sprintf("汉阴县第%d食品店", i), CreditCode: credit(i), Address: "汉阴县城关镇", Industry: "餐饮"})
	}
	var buf bytes.Buffer
	must(t, inspection.ObjectsXLSX(&buf, rows))
	n, err := w.ins.ImportObjects(ctx, w.head, 0, &buf)
	must(t, err)
	if n != 5 {
		t.Fatalf("imported %d", n)
	}
	objs, err := w.ins.Objects(ctx, w.o1, 0)
	must(t, err)
	return w, it, objs
}

func wantCode(t *testing.T, err error, code, msg string) {
	t.Helper()
	if zhifa.ErrorCode(err) != code || !strings.Contains(zhifa.ErrorMessage(err), msg) {
		t.Fatalf("error = %v (%s), want %s with %q", err, zhifa.ErrorCode(err), code, msg)
	}
}

func TestItemsAndObjects(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		it := w.item("JC-01")
		wantCode(t, w.ins.CreateItem(ctx, w.o1, it), zhifa.EFORBIDDEN, "无权管理检查事项")
		must(t, w.ins.CreateItem(ctx, w.head, it))
		obj := &inspection.Object{Kind: "企业", Name: "汉阴县甲食品店", CreditCode: credit(1)}
		must(t, w.ins.CreateObject(ctx, w.head, obj))
		// An inspection of an unpublished item is refused.
		_, err := w.ins.Start(ctx, w.o1, inspection.StartInput{ItemID: it.ID, ObjectID: obj.ID, Reason: "日常检查"})
		wantCode(t, err, zhifa.ERULE, "(第 1 版)未公布,不得据以实施行政检查(国办发〔2024〕54号")
		wantCode(t, w.ins.CreatePlan(ctx, w.head, &inspection.Plan{ItemID: it.ID, Title: "2026年抽查", Year: 2026}), zhifa.ERULE, "未公布")
		// Publishing, then a second version supersedes the first.
		_, err = w.ins.PublishItem(ctx, w.head, it.ID, zhifa.Date{})
		must(t, err)
		v2 := w.item("JC-01")
		v2.Ratio = 20
		must(t, w.ins.CreateItem(ctx, w.head, v2))
		if v2.Version != 2 {
			t.Fatalf("version = %d", v2.Version)
		}
		wantCode(t, w.ins.CreateItem(ctx, w.head, w.item("JC-01")), zhifa.ECONFLICT, "已有未公布的第 2 版")
		later := zhifa.DateOf(w.now).Add(10)
		_, err = w.ins.PublishItem(ctx, w.head, v2.ID, later)
		must(t, err)
		pub, err := w.ins.PublishedItems(ctx, 0)
		must(t, err)
		if len(pub) != 2 || pub[0].Status != inspection.ItemSuperseded || pub[1].Status != inspection.ItemPublished || pub[1].EffectiveOn != later {
			t.Fatalf("published = %+v %+v", pub[0], pub[1])
		}
		// v1 is superseded; v2 not yet in effect.
		_, err = w.ins.Start(ctx, w.o1, inspection.StartInput{ItemID: it.ID, ObjectID: obj.ID, Reason: "日常检查"})
		wantCode(t, err, zhifa.ERULE, "已替代")
		_, err = w.ins.Start(ctx, w.o1, inspection.StartInput{ItemID: v2.ID, ObjectID: obj.ID, Reason: "日常检查"})
		wantCode(t, err, zhifa.ERULE, "起施行")
		w.now = w.now.AddDate(0, 0, 10)
		_, err = w.ins.Start(ctx, w.o1, inspection.StartInput{ItemID: v2.ID, ObjectID: obj.ID, Reason: "日常检查"})
		must(t, err)

		// Import: all or nothing, a credit code already listed is a row error.
		var buf bytes.Buffer
		must(t, inspection.ObjectsXLSX(&buf, []*inspection.Object{{Kind: "企业", Name: "乙", CreditCode: credit(2)}, {Kind: "企业", Name: "甲", CreditCode: credit(1)}}))
		_, err = w.ins.ImportObjects(ctx, w.head, 0, &buf)
		wantCode(t, err, zhifa.EINVALID, "导入失败,未导入任何对象:共 1 处错误。第 2 条(甲):统一社会信用代码 "+credit(1)+" 已在检查对象名录中")
		objs, err := w.ins.Objects(ctx, w.head, 0)
		must(t, err)
		if len(objs) != 1 {
			t.Fatalf("half imported: %d objects", len(objs))
		}
		rep, err := db.VerifyState(ctx)
		must(t, err)
		if len(rep.Findings) > 0 {
			t.Fatalf("verify: %+v", rep.Findings)
		}
	})
}

// publicSeed is the root hash of the log's first n leaves as anyone reads
// it from the public log (here its stored hashes, which the tiles serve).
func publicSeed(t *testing.T, db *store.DB, n int64) []byte {
	h, err := tlog.TreeHash(n, db)
	must(t, err)
	return h[:]
}

func TestDrawIsVerifiableFromPublicData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w, it, _ := publishedWorld(t, db)
		plan := &inspection.Plan{ItemID: it.ID, Title: "2026年食品经营者双随机抽查", Year: 2026}
		must(t, w.ins.CreatePlan(ctx, w.head, plan))
		_, err := w.ins.AnnounceDraw(ctx, w.head, plan.ID, inspection.DrawInput{Objects: 2, OfficersPerObject: 2})
		wantCode(t, err, zhifa.ERULE, "尚未批准")
		_, err = w.ins.ApprovePlan(ctx, w.o1, plan.ID)
		wantCode(t, err, zhifa.EFORBIDDEN, "")
		_, err = w.ins.ApprovePlan(ctx, w.head, plan.ID)
		must(t, err)
		d, err := w.ins.AnnounceDraw(ctx, w.head, plan.ID, inspection.DrawInput{Objects: 2, OfficersPerObject: 2, SeedGap: 3})
		must(t, err)
		if d.SeedSize != d.AnnounceIndex+3 || len(d.Officers) != 3 || len(d.Objects) != 5 {
			t.Fatalf("draw = %+v", d)
		}
		_, err = w.ins.PerformDraw(ctx, w.head, d.ID)
		wantCode(t, err, zhifa.ECONFLICT, "随机种子尚未产生")
		// The log grows (any events).
		for i := 0; i < 3; i++ {
			must(t, w.ins.CreateObject(ctx, w.head, &inspection.Object{Kind: "企业", Name: fmt.Sprintf("后加%d", i), CreditCode: credit(100 + i)}))
		}
		d, err = w.ins.PerformDraw(ctx, w.head, d.ID)
		must(t, err)
		if len(d.Result) != 2 {
			t.Fatalf("result %+v", d.Result)
		}
		_, err = w.ins.PerformDraw(ctx, w.head, d.ID)
		wantCode(t, err, zhifa.ECONFLICT, "结果不得重抽")

		// Public data alone: the published draw, the announcement event,
		// the log's root at the seed size.
		pub, err := w.ins.Draw(ctx, d.ID)
		must(t, err)
		_, ev, err := w.svc.Event(ctx, pub.AnnounceIndex)
		must(t, err)
		if ev.Type != "inspection_draw.announced" || ev.Object != fmt.Sprintf("inspection_draw/%d", d.ID) {
			t.Fatalf("announcement = %+v", ev)
		}
		seedSize, err := strconv.ParseInt(ev.Attrs["seed_size"], 10, 64)
		must(t, err)
		seed := publicSeed(t, db, seedSize)
		if err := inspection.Verify(pub.Public(), ev.Attrs["objects_digest"], ev.Attrs["officers_digest"], seed); err != nil {
			t.Fatalf("verify from public data: %v", err)
		}
		if hex.EncodeToString(seed) != pub.Seed {
			t.Fatalf("seed %x, published %s", seed, pub.Seed)
		}
		// The list changed after the announcement: the recomputation fails.
		changed := pub.Public()
		changed.Objects = changed.Objects[1:]
		changed.ObjectsDigest = inspection.ListDigest(changed.Objects)
		if err := inspection.Verify(changed, ev.Attrs["objects_digest"], ev.Attrs["officers_digest"], seed); err == nil || !strings.Contains(err.Error(), "名录在公告后被改动") {
			t.Fatalf("changed list: %v", err)
		}
		// Another size's root is not the seed.
		if err := inspection.Verify(pub.Public(), ev.Attrs["objects_digest"], ev.Attrs["officers_digest"], publicSeed(t, db, pub.SeedSize+1)); err == nil {
			t.Fatal("verified against another root")
		}
		// An inspection from the draw.
		res, err := w.ins.Start(ctx, w.o1, inspection.StartInput{ItemID: it.ID, ObjectID: d.Result[0].ObjectID, DrawID: d.ID, Reason: "双随机抽查"})
		must(t, err)
		if res.Inspection.DrawID != d.ID {
			t.Fatalf("draw id %d", res.Inspection.DrawID)
		}
		rep, err := db.VerifyState(ctx)
		must(t, err)
		if len(rep.Findings) > 0 {
			t.Fatalf("verify: %+v", rep.Findings)
		}
	})
}

func TestYearlyCapAndJointInspections(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w, it, objs := publishedWorld(t, db)
		start := func(obj int64, joint string) (*inspection.StepResult, error) {
			return w.ins.Start(ctx, w.o1, inspection.StartInput{ItemID: it.ID, ObjectID: obj, Reason: "日常检查", Joint: joint})
		}
		a, b := objs[0].ID, objs[1].ID
		r, err := start(a, "")
		must(t, err)
		if r.Notice != "" {
			t.Fatalf("first notice %q", r.Notice)
		}
		r, err = start(a, "")
		must(t, err)
		if !strings.Contains(r.Notice, "重复检查提示") || r.Inspection.Warning != r.Notice {
			t.Fatalf("second: notice %q, stored %q", r.Notice, r.Inspection.Warning)
		}
		for i := 0; i < 2; i++ {
			_, err = start(a, "ZH-2026-01") // a joint inspection, twice: counts once
			must(t, err)
		}
		for i := 0; i < 2; i++ {
			_, err = start(a, "")
			must(t, err) // the fourth and fifth
		}
		_, err = start(a, "")
		wantCode(t, err, zhifa.ERULE, "已对该检查对象检查 5 次,达到年度上限 5 次,不得再次检查")
		r, err = start(a, "ZH-2026-01")
		must(t, err) // joins a counted joint inspection
		if !strings.Contains(r.Notice, "合并计数") {
			t.Fatalf("joint notice %q", r.Notice)
		}
		_, err = start(b, "")
		must(t, err) // another object
		w.ins.YearlyCap = 6
		_, err = start(a, "")
		must(t, err)
		is, err := w.ins.Inspections(ctx, w.reader, 0)
		must(t, err)
		if len(is) != 9 {
			t.Fatalf("%d inspections", len(is))
		}
	})
}

func TestInspectionSteps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w, it, objs := publishedWorld(t, db)
		r, err := w.ins.Start(ctx, w.o1, inspection.StartInput{ItemID: it.ID, ObjectID: objs[0].ID, Reason: "投诉核查"})
		must(t, err)
		id := r.Inspection.ID
		step := func(a zhifa.Actor, act inspection.Action, offs []int64, f map[string]string) (*inspection.StepResult, error) {
			return w.ins.RecordStep(ctx, a, id, inspection.StepInput{Action: act, OfficerIDs: offs, Fields: f})
		}
		_, err = step(w.o1, inspection.OnSite, nil, nil)
		wantCode(t, err, zhifa.ECONFLICT, "不能进行“现场检查笔录”")
		_, err = step(w.o1, inspection.Notify, nil, map[string]string{"manner": "书面通知", "notice_no": "汉阴市监检通〔2026〕3号", "notified_on": zhifa.DateOf(w.now).String()})
		must(t, err)
		site := map[string]string{"place": "汉阴县城关镇", "certs_shown": "是", "rights_told": "是", "content": "查验进货记录,发现过期食品 3 袋", "party_signed": "否"}
		_, err = step(w.o1, inspection.OnSite, []int64{w.off1.ID}, site)
		wantCode(t, err, zhifa.ERULE, "两名以上持有效执法证的执法人员")
		_, err = step(w.o1, inspection.OnSite, []int64{w.off1.ID, w.off2.ID}, site)
		wantCode(t, err, zhifa.EINVALID, "须记录其拒绝签名的情况")
		site["refusal"] = "当事人拒绝签名,已现场注明"
		_, err = step(w.o1, inspection.OnSite, []int64{w.off1.ID, w.off2.ID}, site)
		must(t, err)
		_, err = step(w.o1, inspection.Result, nil, map[string]string{"outcome": inspection.OutcomeViolation, "findings": "经营超过保质期的食品",
			"public_summary": "负责人张建华,电话13891534567"})
		wantCode(t, err, zhifa.EINVALID, "不得含有个人身份证号、电话、住址等个人隐私")
		r, err = step(w.o1, inspection.Result, nil, map[string]string{"outcome": inspection.OutcomeViolation, "findings": "经营超过保质期的食品",
			"public_summary": "发现经营超过保质期的食品,已移送立案查处"})
		must(t, err)
		if r.Inspection.PublishDue.IsZero() || !r.Inspection.PublishDue.After(zhifa.DateOf(w.now).Add(20)) {
			t.Fatalf("publish due %s", r.Inspection.PublishDue)
		}
		r, err = step(w.o1, inspection.Refer, nil, map[string]string{"summary": "现场发现过期食品 3 袋", "matter": fmt.Sprint(w.matter.ID)})
		must(t, err)
		cd, err := w.svc.Case(ctx, w.o1, r.Inspection.PenaltyCaseID)
		must(t, err)
		c := cd.Case
		if c.Source != "监督检查" || c.Party.Name != objs[0].Name || !strings.Contains(c.Summary, fmt.Sprintf("检查记录 %d", id)) {
			t.Fatalf("case = %+v", c)
		}
		_, err = step(w.o1, inspection.Publish, nil, nil)
		wantCode(t, err, zhifa.EFORBIDDEN, "承办机构负责人")
		w.now = w.now.AddDate(0, 2, 0) // late
		r, err = step(w.head, inspection.Publish, nil, nil)
		must(t, err)
		if !strings.Contains(r.Notice, "已逾期公示") || r.Inspection.Stage != inspection.Published {
			t.Fatalf("publish: %+v %q", r.Inspection.Stage, r.Notice)
		}
		pub, err := w.ins.PublishedResults(ctx, 0)
		must(t, err)
		if len(pub) != 1 || pub[0].ObjectName != objs[0].Name || pub[0].Summary != "发现经营超过保质期的食品,已移送立案查处" {
			t.Fatalf("published %+v", pub)
		}
		_, steps, err := w.ins.Inspection(ctx, w.o2, id)
		must(t, err)
		if len(steps) != 6 || steps[2].Fields["refusal"] != "当事人拒绝签名,已现场注明" || steps[4].Fields["case_id"] != fmt.Sprint(c.ID) {
			t.Fatalf("steps %+v", steps)
		}
		rep, err := db.VerifyState(ctx)
		must(t, err)
		if len(rep.Findings) > 0 {
			t.Fatalf("verify: %+v", rep.Findings)
		}
	})
}
