package inspection

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/procedure"
	"github.com/zhifa/zhifa/registry"
)

func wantErr(t *testing.T, err error, code, msg string) {
	t.Helper()
	if code == "" {
		if err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	if zhifa.ErrorCode(err) != code || !strings.Contains(zhifa.ErrorMessage(err), msg) {
		t.Fatalf("error = %v (%s), want %s containing %q", err, zhifa.ErrorCode(err), code, msg)
	}
}

func TestStartable(t *testing.T) {
	today := zhifa.DateOf(testdate.Today(t))
	pub := Item{Name: "食品经营许可事项检查", Version: 2, Status: ItemPublished, EffectiveOn: today}
	tests := []struct {
		name string
		edit func(*Item)
		code string
		msg  string
	}{
		{"published and in effect", nil, "", ""},
		{"draft", func(it *Item) { it.Status = ItemDraft }, zhifa.ERULE, "检查事项“食品经营许可事项检查”(第 2 版)未公布,不得据以实施行政检查(国办发〔2024〕54号"},
		{"superseded", func(it *Item) { it.Status = ItemSuperseded }, zhifa.ERULE, "已替代"},
		{"not yet in effect", func(it *Item) { it.EffectiveOn = today.Add(1) }, zhifa.ERULE, "起施行,此前不得据以实施行政检查"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := pub
			if tt.edit != nil {
				tt.edit(&it)
			}
			wantErr(t, Startable(&it, today), tt.code, tt.msg)
		})
	}
	wantErr(t, Startable(nil, today), zhifa.ERULE, "行政检查须依据已公布的检查事项实施")
}

func TestValidItem(t *testing.T) {
	good := Item{AgencyID: 1, Code: "JC-01", Name: "食品经营检查", Basis: "《食品安全法》第一百一十条", Subject: "市场监管局",
		Object: "食品经营者", Method: "双随机抽查", Frequency: "每年1次", Ratio: 5, Standard: "检查许可证、进货查验记录"}
	if p := ValidItem(&good); len(p) != 0 {
		t.Fatalf("good item: %v", p)
	}
	bad := good
	bad.Method, bad.Ratio, bad.Basis = "随便查", 0, "  "
	p := ValidItem(&bad)
	if p["method"] == "" || p["ratio"] != "抽查比例应为 1 至 100 之间的整数(百分比)" || p["basis"] != "请填写检查依据" || len(p) != 3 {
		t.Fatalf("problems = %v", p)
	}
	today := zhifa.Date{Y: 2026, M: time.March, D: 2}
	wantErr(t, Publishable(&Item{Status: ItemPublished, Name: "x", Version: 1}, today, zhifa.Date{}), zhifa.ECONFLICT, "只能公布草稿")
	wantErr(t, Publishable(&Item{Status: ItemDraft}, today, today.Add(-1)), zhifa.EINVALID, "施行日期不得早于公布之日")
	wantErr(t, Publishable(&Item{Status: ItemDraft}, today, today), "", "")
}

func TestCheckCap(t *testing.T) {
	past := func(n int, joint ...string) []Past {
		var out []Past
		for i := 0; i < n; i++ {
			p := Past{ID: int64(i + 1), AgencyID: 1, ObjectID: 7, Year: 2026}
			if i < len(joint) {
				p.Joint = joint[i]
			}
			out = append(out, p)
		}
		return out
	}
	next := Past{AgencyID: 1, ObjectID: 7, Year: 2026}
	tests := []struct {
		name    string
		past    []Past
		next    Past
		cap     int
		code    string
		msg     string
		warning string
	}{
		{"first", nil, next, 5, "", "", ""},
		{"second warns", past(1), next, 5, "", "", "重复检查提示:本机关 2026 年已对该检查对象检查 1 次,本次为第 2 次(年度上限 5 次)"},
		{"fifth allowed", past(4), next, 5, "", "", "本次为第 5 次"},
		{"sixth over a cap of five refused", past(5), next, 5, zhifa.ERULE, "本机关 2026 年已对该检查对象检查 5 次,达到年度上限 5 次,不得再次检查;确需检查的,应纳入综合查一次(国办发〔2024〕54号", ""},
		{"default cap is five", past(5), next, 0, zhifa.ERULE, "年度上限 5 次", ""},
		{"cap of three", past(3), next, 3, zhifa.ERULE, "年度上限 3 次", ""},
		{"joint inspections count once", past(6, "Z1", "Z1", "Z1"), next, 5, "", "", "本次为第 5 次"},
		{"joint partner at the cap adds nothing", past(5, "Z1"), Past{AgencyID: 1, ObjectID: 7, Year: 2026, Joint: "Z1"}, 5, "", "", "与同一综合查一次的检查合并计数,本年度计 5 次"},
		{"new joint key at the cap refused", past(5, "Z1"), Past{AgencyID: 1, ObjectID: 7, Year: 2026, Joint: "Z2"}, 5, zhifa.ERULE, "达到年度上限", ""},
		{"another year", past(5), Past{AgencyID: 1, ObjectID: 7, Year: 2027}, 5, "", "", ""},
		{"another agency", past(5), Past{AgencyID: 2, ObjectID: 7, Year: 2026}, 5, "", "", ""},
		{"another object", past(5), Past{AgencyID: 1, ObjectID: 8, Year: 2026}, 5, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := CheckCap(tt.past, tt.next, tt.cap)
			wantErr(t, err, tt.code, tt.msg)
			if !strings.Contains(w, tt.warning) || (tt.warning == "" && w != "") {
				t.Fatalf("warning = %q, want %q", w, tt.warning)
			}
		})
	}
}

var (
	objects  = []Entry{{5, "汉阴县甲食品店"}, {2, "汉阴县乙餐饮有限公司"}, {9, "汉阴县丙超市"}, {1, "汉阴县丁药房"}, {7, "汉阴县戊商行"}}
	officers = []Entry{{11, "张三 61092100001"}, {12, "李四 61092100002"}, {13, "王五 61092100003"}}
	seed, _  = hex.DecodeString("5b1c4c0e7a4e2d4f8e8f0b9b3c6a2d1e0f9e8d7c6b5a49382716051423324150")
)

func TestDrawIsAFunctionOfItsInputs(t *testing.T) {
	rule := DrawRule{Objects: 3, OfficersPerObject: 2}
	a, err := Draw(objects, officers, rule, seed)
	if err != nil {
		t.Fatal(err)
	}
	// The order lists are given in does not matter.
	b, _ := Draw(SortedEntries(objects), []Entry{officers[2], officers[0], officers[1]}, rule, seed)
	if !sameResult(a, b) || len(a) != 3 {
		t.Fatalf("draw depends on list order: %v vs %v", a, b)
	}
	seen := map[int64]bool{}
	for _, x := range a {
		if seen[x.ObjectID] || len(x.OfficerIDs) != 2 || x.OfficerIDs[0] == x.OfficerIDs[1] {
			t.Fatalf("bad assignment %v in %v", x, a)
		}
		seen[x.ObjectID] = true
	}
	// Another seed gives another draw (for this seed pair, fixed here).
	other := append([]byte{}, seed...)
	other[0] ^= 1
	c, _ := Draw(objects, officers, rule, other)
	if sameResult(a, c) {
		t.Fatalf("two seeds, one draw: %v", a)
	}
	// Every object can be drawn: over 200 seeds each is drawn at least once.
	count := map[int64]int{}
	for i := 0; i < 200; i++ {
		s := append([]byte{byte(i)}, seed[1:]...)
		r, _ := Draw(objects, officers, DrawRule{Objects: 1, OfficersPerObject: 2}, s)
		count[r[0].ObjectID]++
	}
	for _, o := range objects {
		if count[o.ID] < 20 { // expectation 40
			t.Fatalf("object %d drawn %d times in 200: %v", o.ID, count[o.ID], count)
		}
	}
}

func TestDrawRefusals(t *testing.T) {
	_, err := Draw(objects, officers, DrawRule{Objects: 6, OfficersPerObject: 2}, seed)
	wantErr(t, err, zhifa.EINVALID, "抽取对象数应为 1 至 5")
	_, err = Draw(objects, officers, DrawRule{Objects: 1, OfficersPerObject: 1}, seed)
	wantErr(t, err, zhifa.EINVALID, "每个对象须抽取两名以上执法检查人员")
	_, err = Draw(append(objects, Entry{5, "重复"}), officers, DrawRule{Objects: 1, OfficersPerObject: 2}, seed)
	wantErr(t, err, zhifa.EINVALID, "抽查对象名录中有重复的对象")
	_, err = Draw(objects, officers, DrawRule{Objects: 1, OfficersPerObject: 2}, nil)
	wantErr(t, err, zhifa.ECONFLICT, "随机种子尚未产生")
	wantErr(t, CheckAnnouncement(100, 101), zhifa.EINVALID, "种子台账规模须大于公告后的台账规模 101")
	wantErr(t, CheckAnnouncement(100, 102), "", "")
}

func TestVerifyPublishedDraw(t *testing.T) {
	rule := DrawRule{Objects: 2, OfficersPerObject: 2}
	res, err := Draw(objects, officers, rule, seed)
	if err != nil {
		t.Fatal(err)
	}
	pub := PublicDraw{Algorithm: DrawAlgorithm, Objects: objects, ObjectsDigest: ListDigest(objects), Officers: officers,
		OfficersDigest: ListDigest(officers), Rule: rule, AnnouncedAt: 40, SeedSize: 50, Seed: hex.EncodeToString(seed), Result: res}
	ao, af := pub.ObjectsDigest, pub.OfficersDigest
	if err := Verify(pub, ao, af, seed); err != nil {
		t.Fatalf("verify: %v", err)
	}
	changed := pub
	changed.Objects = append([]Entry{{3, "汉阴县后加商行"}}, objects...)
	changed.ObjectsDigest = ListDigest(changed.Objects)
	if err := Verify(changed, ao, af, seed); err == nil || !strings.Contains(err.Error(), "名录在公告后被改动") {
		t.Fatalf("list changed after the announcement: %v", err)
	}
	renamed := pub
	renamed.Officers = []Entry{{11, "张三 61092100001"}, {12, "李四 61092100002"}, {14, "赵六 61092100004"}}
	if err := Verify(renamed, ao, af, seed); err == nil {
		t.Fatal("officer list changed, verify passed")
	}
	wrongSeed := append([]byte{}, seed...)
	wrongSeed[31] ^= 0xff
	if err := Verify(pub, ao, af, wrongSeed); err == nil || !strings.Contains(err.Error(), "不是台账规模 50 时的根哈希") {
		t.Fatalf("wrong seed: %v", err)
	}
	forged := pub
	forged.Result = []Assignment{{ObjectID: 1, OfficerIDs: []int64{11, 12}}, {ObjectID: 2, OfficerIDs: []int64{11, 12}}}
	if sameResult(forged.Result, res) {
		t.Skip("forged result happens to be the draw")
	}
	if err := Verify(forged, ao, af, seed); err == nil || !strings.Contains(err.Error(), "抽取结果与公布的结果不符") {
		t.Fatalf("forged result: %v", err)
	}
	early := pub
	early.SeedSize = 41
	if err := Verify(early, ao, af, seed); err == nil {
		t.Fatal("seed known at the announcement, verify passed")
	}
}

func TestListDigest(t *testing.T) {
	// The published definition: SHA-256 of the sorted JSON array.
	got := ListDigest([]Entry{{2, "乙<公司>"}, {1, "甲"}})
	want := "sha256:" + sha256hex(`[{"id":1,"name":"甲"},{"id":2,"name":"乙<公司>"}]`)
	if got != want {
		t.Fatalf("ListDigest = %s, want %s", got, want)
	}
}

const goodCredit = "91610921MA70000007"

func TestParseObjectRows(t *testing.T) {
	head := ImportColumns
	objs, err := ParseObjectRows(3, [][]string{head, {"企业", " 汉阴县甲食品店 ", strings.ToLower(creditFor(1)), "城关镇", "餐饮"}, {}, {"个体工商户", "汉阴县乙商行", creditFor(2)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(objs) != 2 || objs[0].Name != "汉阴县甲食品店" || objs[0].CreditCode != creditFor(1) || objs[1].AgencyID != 3 {
		t.Fatalf("objects = %+v %+v", objs[0], objs[1])
	}
	_, err = ParseObjectRows(3, [][]string{head, {"企业", "甲", creditFor(1)}, {"公司", "", "123"}, {"企业", "丙", creditFor(1)}})
	wantErr(t, err, zhifa.EINVALID, "导入失败,未导入任何对象:共 4 处错误。第 3 行:对象类型应为企业、个体工商户、农民专业合作社、其他组织之一;第 3 行:请填写对象名称;第 3 行:统一社会信用代码“123”不符合 GB 32100 的编码规则(18 位,含校验位);第 4 行:统一社会信用代码 "+creditFor(1)+" 与第 2 行重复")
	_, err = ParseObjectRows(3, [][]string{{"名称"}})
	wantErr(t, err, zhifa.EINVALID, "第 1 行第 1 列应为表头“对象类型”,实为“名称”")
	_, err = ParseObjectRows(3, [][]string{head})
	wantErr(t, err, zhifa.EINVALID, "表格中没有数据行")
}

func TestObjectsXLSXRoundTrip(t *testing.T) {
	in := []*Object{{Kind: "企业", Name: "汉阴县甲食品店", CreditCode: creditFor(1), Address: "城关镇", Industry: "餐饮"}}
	var buf bytes.Buffer
	if err := ObjectsXLSX(&buf, in); err != nil {
		t.Fatal(err)
	}
	out, err := ReadObjectsXLSX(4, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || *out[0] != (Object{AgencyID: 4, Kind: "企业", Name: "汉阴县甲食品店", CreditCode: creditFor(1), Address: "城关镇", Industry: "餐饮"}) {
		t.Fatalf("read back %+v", out[0])
	}
	_, err = ReadObjectsXLSX(4, strings.NewReader("not a workbook"))
	wantErr(t, err, zhifa.EINVALID, "请上传 Excel 工作簿(.xlsx)")
}

// The procedure table.

var (
	today = time.Date(2026, 11, 26, 0, 0, 0, 0, testdate.China)
	cert  = registry.Certificate{Number: "61092100001", Status: registry.OfficerValid, ValidFrom: zhifa.Date{Y: 2024, M: 1, D: 1}, ValidTo: zhifa.Date{Y: 2028, M: 1, D: 1}}
	offA  = procedure.Officer{ID: 1, Name: "张三", Cert: cert}
	offB  = procedure.Officer{ID: 2, Name: "李四", Cert: cert}
)

func TestTable(t *testing.T) {
	officer := []zhifa.Role{zhifa.RoleOfficer}
	site := map[string]string{"place": "汉阴县城关镇", "certs_shown": "是", "rights_told": "是", "content": "检查进货查验记录", "party_signed": "是"}
	with := func(m map[string]string, k, v string) map[string]string {
		out := map[string]string{}
		for a, b := range m {
			out[a] = b
		}
		if v == "" {
			delete(out, k)
		} else {
			out[k] = v
		}
		return out
	}
	tests := []struct {
		name   string
		stage  Stage
		c      Case
		action Action
		roles  []zhifa.Role
		offs   []procedure.Officer
		fields map[string]string
		code   string
		msg    string
		next   Stage
	}{
		{"start", Unstarted, Case{}, Start, officer, nil, map[string]string{"reason": "双随机抽查"}, "", "", Started},
		{"start on an unpublished item", Unstarted, Case{ItemRefusal: Startable(&Item{Name: "甲", Version: 1, Status: ItemDraft}, zhifa.DateOf(today))}, Start, officer, nil,
			map[string]string{"reason": "x"}, zhifa.ERULE, "未公布,不得据以实施行政检查", ""},
		{"start over the cap", Unstarted, Case{CapRefusal: zhifa.Errorf(zhifa.ERULE, "达到年度上限")}, Start, officer, nil, map[string]string{"reason": "x"}, zhifa.ERULE, "达到年度上限", ""},
		{"notice", Started, Case{}, Notify, officer, nil, map[string]string{"manner": "书面通知", "notice_no": "汉市监检通〔2026〕1号", "notified_on": "2026-11-20"}, "", "", Notified},
		{"notice before start", Unstarted, Case{}, Notify, officer, nil, map[string]string{"manner": "书面通知", "notified_on": "2026-11-20"}, zhifa.ECONFLICT, "不能进行“检查通知”", ""},
		{"on site", Notified, Case{}, OnSite, officer, []procedure.Officer{offA, offB}, site, "", "", Inspected},
		{"on site alone", Notified, Case{}, OnSite, officer, []procedure.Officer{offA}, site, zhifa.ERULE, "两名以上持有效执法证的执法人员", ""},
		{"certificates not shown", Notified, Case{}, OnSite, officer, []procedure.Officer{offA, offB}, with(site, "certs_shown", "否"), zhifa.ERULE, "须主动向当事人出示执法证件(《行政处罚法》第五十五条第一款)", ""},
		{"rights not told", Notified, Case{}, OnSite, officer, []procedure.Officer{offA, offB}, with(site, "rights_told", "否"), zhifa.ERULE, "陈述、申辩、申请回避等权利", ""},
		{"unsigned without the refusal", Notified, Case{}, OnSite, officer, []procedure.Officer{offA, offB}, with(site, "party_signed", "否"), zhifa.EINVALID, "须记录其拒绝签名的情况", ""},
		{"refusal recorded", Notified, Case{}, OnSite, officer, []procedure.Officer{offA, offB}, with(with(site, "party_signed", "否"), "refusal", "当事人拒绝签名,见证人在场"), "", "", Inspected},
		{"result", Inspected, Case{}, Result, officer, nil, map[string]string{"outcome": OutcomeViolation, "findings": "未查验进货", "public_summary": "发现问题"}, "", "", Concluded},
		{"refer a clean result", Concluded, Case{Outcome: OutcomeClean}, Refer, officer, nil, map[string]string{"summary": "x", "matter": "1"}, zhifa.ERULE, "只有发现违法行为的检查才能移送立案查处", ""},
		{"refer a violation", Concluded, Case{Outcome: OutcomeViolation}, Refer, officer, nil, map[string]string{"summary": "x", "matter": "1"}, "", "", Referred},
		{"publish by an officer", Concluded, Case{}, Publish, officer, nil, nil, zhifa.EFORBIDDEN, "须由承办机构负责人进行", ""},
		{"publish", Referred, Case{}, Publish, []zhifa.Role{zhifa.RoleUnitHead}, nil, nil, "", "", Published},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			c.Stage = tt.stage
			actor := offA
			r := procedure.Request{Action: tt.action, ActorRoles: tt.roles, ActorUserID: 9, ActorOfficer: &actor, Officers: tt.offs, Today: today, Fields: tt.fields}
			res, err := procedure.Apply(Table, c, r)
			wantErr(t, err, tt.code, tt.msg)
			if err == nil && res.Next != tt.next {
				t.Fatalf("next = %q, want %q", res.Next, tt.next)
			}
		})
	}
	if got := procedure.Next(Table, Case{State: procedure.State{Stage: Concluded}, Outcome: OutcomeClean}, []zhifa.Role{zhifa.RoleOfficer}); len(got) != 0 {
		t.Fatalf("a clean result offers %v", got)
	}
}

func TestCheckDrawnOfficers(t *testing.T) {
	res := []Assignment{{ObjectID: 5, OfficerIDs: []int64{11, 13}}, {ObjectID: 2, OfficerIDs: []int64{12, 11}}}
	wantErr(t, CheckDrawnOfficers(res, 5, []int64{13, 11}), "", "")
	wantErr(t, CheckDrawnOfficers(res, 5, []int64{13, 11, 12}), "", "")
	wantErr(t, CheckDrawnOfficers(res, 5, []int64{11, 12}), zhifa.ERULE, "现场检查须由抽中的执法人员(编号 11、13)实施(国办发〔2024〕54号)")
	wantErr(t, CheckDrawnOfficers(res, 9, []int64{11, 12}), zhifa.ERULE, "该对象不在所依据的双随机抽取结果中")
}

func TestCheckRatio(t *testing.T) {
	tests := []struct {
		ratio, list, objects int
		msg                  string
	}{
		{5, 5000, 250, ""},
		{5, 5000, 249, "抽查比例为 5%,名录中 5000 个对象至少应抽取 250 个,本次只抽取 249 个(国办发〔2024〕54号)"},
		{10, 4, 1, ""}, // ⌈0.4⌉ = 1
		{10, 4, 0, "至少应抽取 1 个"},
		{100, 3, 3, ""},
		{100, 3, 2, "至少应抽取 3 个"},
	}
	for _, tt := range tests {
		code := ""
		if tt.msg != "" {
			code = zhifa.EINVALID
		}
		wantErr(t, CheckRatio(tt.ratio, tt.list, tt.objects), code, tt.msg)
	}
}
