package redact

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// wide returns s with its ASCII digits and letters (and the punctuation
// given) in full-width form, as some input methods and scanned records
// write them.
func wide(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', strings.ContainsRune("-@.()", r):
			b.WriteRune(r + 0xFEE0)
		case r == ' ':
			b.WriteRune('\u3000')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestRedactFullWidth covers every kind written in full-width and mixed
// forms: the recognizers read the NFKC form, the public copy masks the
// original characters and keeps the rest as written.
func TestRedactFullWidth(t *testing.T) {
	idA := id("61092119900101123")
	idX := "11010519491231002X"
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"id full-width", "身份证号" + wide(idA) + "。", "身份证号610921************。"},
		{"id mixed", "身份证号" + wide(idA[:6]) + idA[6:] + "，", "身份证号610921************，"},
		{"id full-width X", "公民身份号码：" + wide(idX) + "，", "公民身份号码：110105************，"},
		{"id multiplication sign as X", "身份证号61092119930725145×，", "身份证号610921************，"},
		{"id full-width digits, multiplication sign", "身份证号" + wide("61092119930725145") + "×。", "身份证号610921************。"},
		{"times sign in text survives", "规格3×4米，共2×3件", ""},
		{"id full-width x", "证号" + wide(strings.ToLower(idX)) + "。", "证号110105************。"},
		{"id ideographic spaces", "身份证号" + wide(idA[:6]+" "+idA[6:14]+" "+idA[14:]) + "。", "身份证号610921************。"},
		{"id mathematical digits", "身份证号" + math(idA) + "。", "身份证号610921************。"},
		{"id legacy", "原身份证号" + wide("610921850315123") + "。", "原身份证号610921*********。"},
		{"residence", "居住证" + wide(id("83000019900101001")) + "。", "居住证830000************。"},
		{"mobile full-width", "电话" + wide("13912345678") + "。", "电话139****5678。"},
		{"mobile half-width dashes", "手机" + wide("139") + "-" + wide("1234") + "-" + wide("5678") + "。", "手机139****5678。"},
		{"mobile full-width dashes", "手机" + wide("139-1234-5678") + "。", "手机139****5678。"},
		{"mobile mixed", "手机１３９1234５６７８，", "手机139****5678，"},
		{"mobile +86", "电话＋８６　１３８　１２３４　５６７８，", "电话138****5678，"},
		{"landline", "电话" + wide("0915-5212345") + "。", "电话0915-*******。"},
		{"landline brackets", "电话" + wide("(0915)5212345") + "、（０９１５）５２１２３４６。", "电话0915-*******、0915-*******。"},
		{"bank", "银行卡号" + wide("6222021234567890128") + "，", "银行卡号6222***********0128，"},
		{"bank grouped", "收款卡为" + wide("6222 0212 3456 7890 128") + "。", "收款卡为6222***********0128。"},
		{"email", "邮箱" + wide("zhang.san@163.com") + "。", "邮箱z***@163.com。"},
		{"email mixed", "邮箱zhang.san＠163．com。", "邮箱z***@163.com。"},
		{"plate", "车牌陕" + wide("G") + "·" + wide("A1234") + "、陕" + wide("GD12345") + "。", "车牌陕G·*****、陕G******。"},
		{"plate mixed", "车牌陕Ｇ·A1234。", "车牌陕G·*****。"},
		{"hk permit", "港澳通行证" + wide("C12345678") + "。", "港澳通行证C********。"},
		{"home return permit", "回乡证" + wide("H1234567801") + "。", "回乡证H**********。"},
		{"taiwan permit", "台胞证号码" + wide("12345678") + "，", "台胞证号码********，"},
		{"passport", "护照号码" + wide("E12345678") + "，", "护照号码E********，"},
		{"passport two letters", "护照" + wide("EA1234567") + "。", "护照E********。"},
		{"address", "住址：汉阴县城关镇和平村三组" + wide("12") + "号，", "住址：汉阴县****，"},
		{"address after full-width comma", "当事人张三，住汉阴县城关镇和平村" + wide("3") + "组。", "当事人张三，住汉阴县****。"},
		{"credit code survives", "统一社会信用代码" + wide("91350100M000100Y43") + "。", ""},
		{"doc no survives", "汉阴市监罚〔" + wide("2026") + "〕" + wide("39") + "号", ""},
		{"doc no square brackets survive", "汉阴市监罚［" + wide("2026") + "］" + wide("39") + "号", ""},
		{"officer number survives", "执法人员李建国（执法证号：" + wide("61092119001") + "）", ""},
		{"amount survives", "罚款" + wide("50000") + "元，" + wide("2026") + "年" + wide("3") + "月" + wide("12") + "日", ""},
	}
	p := mustPolicy(t, "处罚")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == "" {
				want = tt.in
			}
			got, rep := Redact(tt.in, p, Known{})
			if got != want {
				t.Errorf("Redact(%q)\n got %q\nwant %q", tt.in, got, want)
			}
			checkOffsets(t, tt.in, rep)
		})
	}
}

// math returns the ASCII digits of s as MATHEMATICAL BOLD DIGITs.
func math(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r = 0x1D7CE + r - '0'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// checkOffsets checks that every finding's byte and rune offsets name the
// same characters of the original and that its hash is of them.
func checkOffsets(t *testing.T, in string, rep Report) {
	t.Helper()
	for _, f := range rep.Findings {
		if f.Start < 0 || f.End > len(in) || !utf8.RuneStart(in[f.Start]) || (f.End < len(in) && !utf8.RuneStart(in[f.End])) {
			t.Fatalf("finding %+v cuts a rune of %q", f, in)
		}
		if rs := utf8.RuneCountInString(in[:f.Start]); rs != f.RuneStart || rs+utf8.RuneCountInString(in[f.Start:f.End]) != f.RuneEnd {
			t.Errorf("finding %+v: rune offsets do not match bytes [%d,%d)", f, f.Start, f.End)
		}
	}
	if _, _, err := Apply(in, rep, nil); err != nil {
		t.Errorf("Apply(own report): %v", err)
	}
}

func TestFullWidthOffsets(t *testing.T) {
	in := "电话１３８１２３４５６７８，邻居李四称。"
	_, rep := Redact(in, mustPolicy(t, "处罚"), Known{})
	if len(rep.Findings) != 2 {
		t.Fatalf("findings = %+v", rep.Findings)
	}
	f := rep.Findings[0]
	if f.Kind != KindMobile || f.Start != len("电话") || f.End != len("电话１３８１２３４５６７８") || f.RuneStart != 2 || f.RuneEnd != 13 || f.Replacement != "138****5678" {
		t.Errorf("mobile finding = %+v", f)
	}
	if g := rep.Findings[1]; g.Kind != KindName || in[g.Start:g.End] != "李四" || g.RuneStart != 16 || g.RuneEnd != 18 {
		t.Errorf("name finding = %+v", g)
	}
	// A compatibility character that folds to several runes (⒏ is "8.")
	// is masked whole when a finding takes part of it.
	in = "电话1391234567⒏再无其他"
	out, rep := Redact(in, mustPolicy(t, "处罚"), Known{})
	if want := "电话139****5678再无其他"; out != want {
		t.Errorf("Redact(%q) = %q, want %q", in, out, want)
	}
	checkOffsets(t, in, rep)
}

func TestKnownFullWidth(t *testing.T) {
	p := mustPolicy(t, "处罚")
	idA := id("61092119850315123")
	// Known values in either width mask the text in the other.
	k := Known{PartyIDNumber: idA, PartyPhone: wide("0915-5212345"), Keep: []string{wide("0915-5212315")}}
	in := "身份证" + wide(idA[:10]) + "-" + idA[10:] + "；电话0915-5212345；举报电话０９１５－５２１２３１５。"
	got, _ := Redact(in, p, k)
	if want := "身份证610921************；电话0915-*******；举报电话０９１５－５２１２３１５。"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := MaskValue(KindID, wide(idA)); got != "610921************" {
		t.Errorf("MaskValue(full-width ID) = %q", got)
	}
	if got := MaskValue(KindPlate, "陕Ｇ·Ａ１２３４"); got != "陕G·*****" {
		t.Errorf("MaskValue(full-width plate) = %q", got)
	}
}
