package registry

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
)

// The validation rules are pure: these tables check them without a
// database (service_test.go checks that the service applies them).

// validCase changes a good row and names the problems it must then have
// (none for nil).
type validCase[R any] struct {
	name   string
	change func(R)
	want   map[string]string
}

func checkValid[R any](t *testing.T, good func() R, valid func(R) map[string]string, cases []validCase[R]) {
	t.Helper()
	for _, tt := range cases {
		r := good()
		tt.change(r)
		if got := valid(r); !maps.Equal(got, tt.want) {
			t.Errorf("%s: problems %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestValidAgency(t *testing.T) {
	good := func() *Agency {
		return &Agency{Name: " 汉阴县市场监督管理局 ", Kind: AgencyAdministrative, CreditCode: " 11610921mb1a00025t ", Region: "610921"}
	}
	checkValid(t, good, validAgency, []validCase[*Agency]{
		{"good", func(*Agency) {}, nil},
		{"name", func(a *Agency) { a.Name = " " }, map[string]string{"name": "请填写执法主体名称"}},
		{"kind", func(a *Agency) { a.Kind = "事业单位" }, map[string]string{"kind": "主体类型须为:行政机关、法律法规授权组织或受委托组织"}},
		{"credit code", func(a *Agency) { a.CreditCode = "11610921MB1A00026T" }, map[string]string{"credit_code": "统一社会信用代码“11610921MB1A00026T”无效:须为 18 位且校验码正确(GB 32100)"}},
		{"region", func(a *Agency) { a.Region = "061092" }, map[string]string{"region": "行政区划代码须为 6 位数字,如 610921"}},
		{"review days high", func(a *Agency) { a.ReviewDays = 31 }, map[string]string{"review_days": "法制审核时限须在 1 至 30 个工作日之间"}},
		{"review days negative", func(a *Agency) { a.ReviewDays = -1 }, map[string]string{"review_days": "法制审核时限须在 1 至 30 个工作日之间"}},
	})
	a := good()
	validAgency(a)
	if a.Name != "汉阴县市场监督管理局" || a.CreditCode != "11610921MB1A00025T" || a.Level != "县级" || a.ReviewDays != 5 {
		t.Errorf("normalized agency = %+v, want trimmed, upper-case code, 县级 and 5 days", a)
	}
}

func TestValidOfficer(t *testing.T) {
	good := func() *Officer {
		return &Officer{AgencyID: 1, Name: " 王志强 ", Gender: GenderMale, CertNo: " sx61092100123 ", Category: "市场监管",
			ValidFrom: day("2024-01-01"), ValidTo: day("2029-12-31")}
	}
	checkValid(t, good, validOfficer, []validCase[*Officer]{
		{"good", func(*Officer) {}, nil},
		{"agency", func(o *Officer) { o.AgencyID = 0 }, map[string]string{"agency_id": "请选择所属执法主体"}},
		{"name", func(o *Officer) { o.Name = "" }, map[string]string{"name": "请填写姓名"}},
		{"name long", func(o *Officer) { o.Name = strings.Repeat("王", 51) }, map[string]string{"name": "姓名不得超过 50 个字"}},
		{"gender", func(o *Officer) { o.Gender = "M" }, map[string]string{"gender": "性别须为“男”或“女”"}},
		{"cert", func(o *Officer) { o.CertNo = "" }, map[string]string{"cert_no": "请填写执法证号"}},
		{"cert form", func(o *Officer) { o.CertNo = "6109-2100" }, map[string]string{"cert_no": "执法证号须为 6 至 20 位字母或数字"}},
		{"category", func(o *Officer) { o.Category = " " }, map[string]string{"category": "请填写执法类别(领域)"}},
		{"no dates", func(o *Officer) { o.ValidFrom, o.ValidTo = day(""), day("") }, map[string]string{
			"valid_from": "请填写有效期起始日期(格式 YYYY-MM-DD)", "valid_to": "请填写有效期截止日期(格式 YYYY-MM-DD)"}},
		{"dates that do not exist", func(o *Officer) { o.ValidFrom, o.ValidTo = zhifa.Date{Y: 2025, M: 13, D: 45}, zhifa.Date{Y: -1} }, map[string]string{
			"valid_from": "有效期起始日期无效:须为存在的日期,格式 YYYY-MM-DD", "valid_to": "有效期截止日期无效:须为存在的日期,格式 YYYY-MM-DD"}},
		{"same day", func(o *Officer) { o.ValidTo = o.ValidFrom }, map[string]string{"valid_to": "有效期截止日期须晚于起始日期"}},
		{"to before from", func(o *Officer) { o.ValidTo = day("2023-12-31") }, map[string]string{"valid_to": "有效期截止日期须晚于起始日期"}},
		{"status", func(o *Officer) { o.Status = "停用" }, map[string]string{"status": "证件状态须为:有效、暂扣或注销"}},
		{"suspended", func(o *Officer) { o.Status = OfficerSuspended }, nil},
	})
	o := good()
	validOfficer(o)
	if o.Name != "王志强" || o.CertNo != "SX61092100123" || o.Status != OfficerValid {
		t.Errorf("normalized officer = %+v, want trimmed, upper-case number and status 有效", o)
	}
}

func TestValidMatter(t *testing.T) {
	good := func() *Matter {
		return &Matter{AgencyID: 1, Name: "对未取得食品经营许可从事食品经营活动的处罚", Category: MatterPenalty,
			Basis: "《中华人民共和国食品安全法》第一百二十二条", PenaltyKinds: []string{" 罚款", "", "警告", "罚款"}}
	}
	checkValid(t, good, validMatter, []validCase[*Matter]{
		{"good", func(*Matter) {}, nil},
		{"agency", func(m *Matter) { m.AgencyID = 0 }, map[string]string{"agency_id": "请选择所属执法主体"}},
		{"name", func(m *Matter) { m.Name = " " }, map[string]string{"name": "请填写事项名称"}},
		{"code space", func(m *Matter) { m.Code = "A B" }, map[string]string{"code": "事项编码不得含空格或逗号,且不超过 64 个字符"}},
		{"code comma", func(m *Matter) { m.Code = "A,B" }, map[string]string{"code": "事项编码不得含空格或逗号,且不超过 64 个字符"}},
		{"code long", func(m *Matter) { m.Code = strings.Repeat("A", 65) }, map[string]string{"code": "事项编码不得含空格或逗号,且不超过 64 个字符"}},
		{"category", func(m *Matter) { m.Category = "行政指导"; m.PenaltyKinds = nil }, map[string]string{"category": "事项类别须为:" + strings.Join(MatterCategories, "、")}},
		{"basis", func(m *Matter) { m.Basis = "" }, map[string]string{"basis": "请填写法律依据(法律法规名称及条款)"}},
		{"kind", func(m *Matter) { m.PenaltyKinds = []string{"游街"} }, map[string]string{"penalty_kinds": "“游街”不是《行政处罚法》第九条规定的处罚种类"}},
		{"kinds only for penalties", func(m *Matter) { m.Category = "行政许可" }, map[string]string{"penalty_kinds": "只有行政处罚事项可填写处罚种类"}},
		{"licence without kinds", func(m *Matter) { m.Category = "行政许可"; m.PenaltyKinds = nil }, nil},
	})
	m := good()
	validMatter(m)
	if !slices.Equal(m.PenaltyKinds, []string{"罚款", "警告"}) {
		t.Errorf("penalty kinds = %q, want trimmed, without empty or repeated kinds", m.PenaltyKinds)
	}
}

// TestPenaltyKinds pins the list to 《行政处罚法》 Art 9 (2021), in order.
func TestPenaltyKinds(t *testing.T) {
	if len(PenaltyKinds) != 14 || PenaltyKinds[0] != "警告" || PenaltyKinds[2] != "罚款" || PenaltyKinds[13] != "法律、行政法规规定的其他行政处罚" {
		t.Errorf("PenaltyKinds = %q", PenaltyKinds)
	}
}
