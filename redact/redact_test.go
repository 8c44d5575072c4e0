package redact

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zhifa/zhifa/idcode"
)

func mustPolicy(tb testing.TB, name string) Policy {
	tb.Helper()
	p, err := PolicyFor(name)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// id returns the valid resident ID number beginning with first17.
func id(first17 string) string { return first17 + string(idcode.ResidentCheckDigit(first17)) }

func TestRedactCases(t *testing.T) {
	idA := id("61092119850315123") // check digit 1
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"id plain", "身份证号" + idA + "。", "身份证号610921************。"},
		{"id spaced", "身份证号 610921 19850315 " + idA[14:] + "。", "身份证号 610921************。"},
		{"id dashed", "号码610921-19850315-" + idA[14:] + "，", "号码610921************，"},
		{"id lower x", "证号11010519491231002x。", "证号110105************。"},
		{"id legacy", "原身份证号610921850315123。", "原身份证号610921*********。"},
		{"id in a longer run", "编号99" + idA + "7。", "编号99610921************7。"},
		{"residence permit", "居住证830000" + id("19900101001")[0:0] + id("83000019900101001")[6:] + "。", "居住证830000************。"},
		{"mobile", "电话13812345678。", "电话138****5678。"},
		{"mobile +86", "电话+86 138 1234 5678，", "电话138****5678，"},
		{"mobile dashed", "手机138-1234-5678。", "手机138****5678。"},
		{"landline", "电话0915-5212345。", "电话0915-*******。"},
		{"landline parens", "电话(0915)5212345、（0915）5212346。", "电话0915-*******、0915-*******。"},
		{"bank context", "银行卡号6222021234567890128，", "银行卡号6222***********0128，"},
		{"bank luhn grouped", "收款卡为6222 0212 3456 7890 128。", "收款卡为6222***********0128。"},
		{"account context", "账号：2607 0012 3456 78。", "账号：2607******5678。"},
		{"email", "邮箱zhang.san@163.com。", "邮箱z***@163.com。"},
		{"plate", "车牌陕G·12345、陕GD12345。", "车牌陕G·*****、陕G******。"},
		{"trailer plate", "挂车号牌陕G1234挂，", "挂车号牌陕G*****，"},
		{"landline em dash", "电话0915—5236618。", "电话0915-*******。"},
		{"mobile en dashes", "手机139–1234–5678。", "手机139****5678。"},
		{"agency account survives", "罚没款缴至汉阴县财政局非税收入汇缴结算户，账号：2607 0300 0000 1234 56。", ""},
		{"card near agency account masked", "当事人从其银行卡6222021234567890128向财政非税账户缴款。", "当事人从其银行卡6222***********0128向财政非税账户缴款。"},
		{"hk permit", "通行证C12345678。", "通行证C********。"},
		{"passport", "护照号码E12345678，", "护照号码E********，"},
		{"taiwan permit", "台胞证号码12345678，", "台胞证号码********，"},
		{"address", "住址：陕西省安康市汉阴县城关镇和平村三组12号，", "住址：陕西省安康市汉阴县****，"},
		{"address below town only", "家住城关镇和平村三组。", "家住****。"},
		{"address district", "现住安康市汉滨区江北街道兴安路8号1单元301室。", "现住安康市汉滨区****。"},
		{"org domicile survives", "当事人：汉阴县鑫源食品有限公司，统一社会信用代码：91610921MA6YQ1DX1T，住所：汉阴县城关镇北大街18号。", ""},
		{"person domicile masked", "当事人：张三，男，住所：汉阴县城关镇北大街18号。", "当事人：张三，男，住所：汉阴县****。"},
		{"witness", "证人王小明称，王小明当日在场。", "证人王某称，王某当日在场。"},
		{"compound surname", "其妻欧阳娜娜在场。", "其妻欧阳某在场。"},
		{"witness list", "邻居刘洋、司马光反映。", "邻居刘某、司马某反映。"},
		{"name before 家住", "证人王五家住汉阴县城关镇和平村。", "证人王某家住汉阴县****。"},
		{"ask X when", "询问赵丽时，赵丽称不知情。", "询问赵某时，赵某称不知情。"},
		{"already anonymised", "证人王某某称。", ""},
		{"officers survive", "执法人员李建国（执法证号61092119001）、赵刚向当事人出示执法证件。", ""},
		{"officer number survives", "执法证号：13812345678。", ""},
		{"doc no, amounts, citation survive", "汉阴市监罚〔2025〕15号：依据《中华人民共和国食品安全法》第一百二十四条第一款第（三）项，罚款人民币5000元（5,000.00元，伍仟元），2025年3月12日。", ""},
		{"credit code survives", "统一社会信用代码91350100M000100Y43。", ""},
		{"agency phone masked by default", "举报电话：0915-5212315。", "举报电话：0915-*******。"},
		{"dates survive", "2025-01-15至2025-02-20", ""},
	}
	p := mustPolicy(t, "处罚")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == "" {
				want = tt.in
			}
			got, _ := Redact(tt.in, p, Known{})
			if got != want {
				t.Errorf("Redact(%q)\n got %q\nwant %q", tt.in, got, want)
			}
		})
	}
}

func TestRedactKnown(t *testing.T) {
	p := mustPolicy(t, "检查")
	k := Known{
		PartyName:    "诸葛亮",
		PartyPhone:   "13912345678",
		PartyAddress: "汉阴县城关镇和平村三组",
		OtherNames:   []string{"黄月英"},
		Keep:         []string{"0915-5212315", "王小明"},
	}
	in := "当事人诸葛亮，住汉阴县城关镇和平村三组，电话13912345678。黄月英也在店内。证人王小明称不知情。举报电话0915-5212315。"
	for _, tt := range []struct {
		style NameStyle
		want  string
	}{
		{NameFull, "当事人诸葛亮，住汉阴县****，电话139****5678。黄某也在店内。证人王小明称不知情。举报电话0915-5212315。"},
		{NameSurnameMou, "当事人诸葛某，住汉阴县****，电话139****5678。黄某也在店内。证人王小明称不知情。举报电话0915-5212315。"},
		{NameSurnameStar, "当事人诸葛*，住汉阴县****，电话139****5678。黄某也在店内。证人王小明称不知情。举报电话0915-5212315。"},
	} {
		p.PartyName = tt.style
		if got, _ := Redact(in, p, k); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.style, got, tt.want)
		}
	}
	// The stored address recurs shortened, without province and city.
	k.PartyAddress = "陕西省安康市汉阴县涧池镇涧池街18号"
	if got, _ := Redact("当事人家住汉阴县涧池镇涧池街18号附近,另在涧池镇涧池街18号经营。", p, k); strings.Contains(got, "涧池街") {
		t.Errorf("shortened known address not masked: %q", got)
	}
	// Without Known.PartyName the party is the person after 当事人.
	p.PartyName = NameSurnameMou
	got, _ := Redact("当事人：张小凡，男，1990年出生。张小凡承认。", p, Known{})
	if want := "当事人：张某，男，1990年出生。张某承认。"; got != want {
		t.Errorf("party from text:\n got %q\nwant %q", got, want)
	}
	// An organisation is never reduced to 姓+某.
	got, _ = Redact("当事人：汉阴县鑫源食品有限公司。", p, Known{PartyName: "汉阴县鑫源食品有限公司"})
	if want := "当事人：汉阴县鑫源食品有限公司。"; got != want {
		t.Errorf("organisation party: got %q", got)
	}
}

func TestPolicyFor(t *testing.T) {
	for _, tt := range []struct {
		in   string
		name string
		mask bool
	}{
		{"处罚", "处罚", true}, {"penalty", "处罚", true}, {"强制", "强制", true}, {"coercion", "强制", true},
		{"检查", "检查", true}, {"inspection", "检查", true}, {"许可", "许可", false}, {"licence", "许可", false},
		{"license", "许可", false}, {"征收", "征收", false}, {"levy", "征收", false},
	} {
		p, err := PolicyFor(tt.in)
		if err != nil || p.Name != tt.name || p.Mask != tt.mask {
			t.Errorf("PolicyFor(%q) = %+v, %v", tt.in, p, err)
		}
	}
	if _, err := PolicyFor("表彰"); err == nil {
		t.Error("PolicyFor(表彰) succeeded")
	}
	in := "当事人张三，身份证号" + id("61092119850315123") + "，电话13812345678。"
	out, rep := Redact(in, mustPolicy(t, "许可"), Known{PartyName: "张三"})
	if out != in || len(rep.Findings) != 0 || rep.Policy != "许可" {
		t.Errorf("许可 is published in full: got %q, %+v", out, rep)
	}
}

func TestReport(t *testing.T) {
	in := "当事人张三（身份证号" + id("61092119850315123") + "），邻居李四称。"
	_, rep := Redact(in, mustPolicy(t, "处罚"), Known{})
	if len(rep.Findings) != 2 {
		t.Fatalf("findings = %+v", rep.Findings)
	}
	f := rep.Findings[0]
	if f.Kind != KindID || in[f.Start:f.End] != id("61092119850315123") || f.RuneStart != 10 || f.RuneEnd != 28 || f.Rule != "gb11643" {
		t.Errorf("finding = %+v", f)
	}
	if g := rep.Findings[1]; g.Kind != KindName || []rune(in)[g.RuneStart] != '李' || g.RuneEnd-g.RuneStart != 2 {
		t.Errorf("finding = %+v", g)
	}
	b, _ := json.Marshal(rep)
	if strings.Contains(string(b), "1985") || strings.Contains(string(b), "李四") {
		t.Errorf("report holds an original value: %s", b)
	}
	d := rep.Digest()
	if !strings.HasPrefix(d, "sha256:") || len(d) != len("sha256:")+64 {
		t.Errorf("Digest() = %q", d)
	}
	_, rep2 := Redact(in, mustPolicy(t, "处罚"), Known{})
	if rep2.Digest() != d {
		t.Error("Digest is not stable")
	}
	rep2.Findings[0].Rule = "x"
	if rep2.Digest() == d {
		t.Error("Digest ignores a change")
	}
}

func TestApply(t *testing.T) {
	in := "当事人张三，电话13812345678，邻居李四称王五也在。"
	out, rep := Redact(in, mustPolicy(t, "处罚"), Known{})
	if want := "当事人张三，电话138****5678，邻居李某称王五也在。"; out != want {
		t.Fatalf("Redact = %q, want %q", out, want)
	}
	name := rep.Findings[1]
	got, rep2, err := Apply(in, rep, []Edit{
		{Op: EditRemove, RuneStart: name.RuneStart, RuneEnd: name.RuneEnd},
		{Op: EditAdd, RuneStart: runeIndex(in, "王五"), RuneEnd: runeIndex(in, "王五") + 2, Kind: KindName},
		{Op: EditAdd, RuneStart: 3, RuneEnd: 5},
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "当事人**，电话138****5678，邻居李四称王某也在。"; got != want {
		t.Errorf("Apply = %q, want %q", got, want)
	}
	var rules []string
	for _, f := range rep2.Findings {
		rules = append(rules, f.Rule)
	}
	if want := "manual-add mobile manual-remove manual-add"; strings.Join(rules, " ") != want {
		t.Errorf("rules = %q, want %q", rules, want)
	}
	if len(rep.Findings) != 2 || rep.Findings[1].Rule != "person-name" {
		t.Error("Apply changed its base report")
	}
	// Replaying the new report gives the same text.
	if again, _, err := Apply(in, rep2, nil); err != nil || again != got {
		t.Errorf("replay = %q, %v", again, err)
	}
	for _, bad := range [][]Edit{
		{{Op: EditAdd, RuneStart: 10, RuneEnd: 12}},                                                // overlaps the mobile number
		{{Op: EditRemove, RuneStart: 0, RuneEnd: 2}},                                               // nothing there
		{{Op: EditAdd, RuneStart: 5, RuneEnd: 500}},                                                // out of range
		{{Op: "rename", RuneStart: 0, RuneEnd: 1}},                                                 // unknown op
		{{Op: EditRemove, RuneStart: 8, RuneEnd: 19}, {Op: EditRemove, RuneStart: 8, RuneEnd: 19}}, // twice
	} {
		if _, _, err := Apply(in, rep, bad); err == nil {
			t.Errorf("Apply(%+v) succeeded", bad)
		}
	}
	if _, _, err := Apply(in+"。", Report{Findings: []Finding{{Start: 0, End: 3, SHA256: "00"}}}, nil); err == nil {
		t.Error("Apply accepted a report of another text")
	}
}

func runeIndex(s, sub string) int { return utf8.RuneCountInString(s[:strings.Index(s, sub)]) }

func TestMaskValue(t *testing.T) {
	for _, tt := range []struct {
		kind Kind
		in   string
		want string
	}{
		{KindID, id("61092119850315123"), "610921************"},
		{KindID, "610921 19850315 1231", "610921************"},
		{KindMobile, "+86 138 1234 5678", "138****5678"},
		{KindLandline, "(0915)5212345", "0915-*******"},
		{KindBank, "6222021234567890128", "6222***********0128"},
		{KindEmail, "zhangsan@163.com", "z***@163.com"},
		{KindPlate, "陕GD12345", "陕G******"},
		{KindPassport, "E12345678", "E********"},
		{KindAddress, "陕西省安康市汉阴县城关镇和平村三组12号", "陕西省安康市汉阴县****"},
		{KindName, "欧阳娜娜", "欧阳某"},
		{KindManual, "秘密", "**"},
		{KindID, "", ""},
	} {
		if got := MaskValue(tt.kind, tt.in); got != tt.want {
			t.Errorf("MaskValue(%s, %q) = %q, want %q", tt.kind, tt.in, got, tt.want)
		}
	}
}

// TestNoValidIDSurvives builds texts that hide valid ID numbers among digits,
// separators and Chinese, and checks the public copy with the fuzz oracle.
func TestNoValidIDSurvives(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := func() string {
		switch r.IntN(7) {
		case 0:
			first := "6109" + []string{"21", "02", "22"}[r.IntN(3)] + "19" + []string{"85", "90", "01"}[r.IntN(3)] + "0" + string(rune('1'+r.IntN(9))) + "1" + string(rune('0'+r.IntN(9))) + string(rune('0'+r.IntN(10))) + string(rune('0'+r.IntN(10))) + string(rune('0'+r.IntN(10)))
			v := id(first)
			if r.IntN(2) == 0 {
				v = strings.ToLower(v)
			}
			if r.IntN(3) == 0 {
				k := 1 + r.IntN(16)
				v = v[:k] + []string{" ", "-", " - "}[r.IntN(3)] + v[k:]
			}
			return v
		case 1:
			return string(rune('0' + r.IntN(10)))
		case 2:
			return []string{" ", "-", "  "}[r.IntN(3)]
		case 3:
			return []string{"信用代码", "银行卡", "身份证", "电话", "住址", "，", "X"}[r.IntN(7)]
		case 4:
			return "1381234567" + string(rune('0'+r.IntN(10)))
		case 5:
			return "汉"
		}
		return "91610921MA6YQ1DX1T"
	}
	p := mustPolicy(t, "处罚")
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := 3 + r.IntN(8); k > 0; k-- {
			b.WriteString(pieces())
		}
		in := b.String()
		out, _ := Redact(in, p, Known{})
		if v := validIDIn(out); v != "" {
			t.Fatalf("valid ID %q survives:\n in: %q\nout: %q", v, in, out)
		}
	}
}
