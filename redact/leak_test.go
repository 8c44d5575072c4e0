package redact

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zhifa/zhifa/idcode"
	"golang.org/x/text/unicode/norm"
)

// givenID returns a checksum-valid resident ID number made from seed: a
// Hanyin region code, a real birth date between 1930 and 2025, a sequence
// number, and the check character.
func givenID(seed uint64) string {
	y := 1930 + int(seed%96)
	m := 1 + int(seed>>8%12)
	d := 1 + int(seed>>16%28)
	first17 := fmt.Sprintf("610921%04d%02d%02d%03d", y, m, d, int(seed>>24%1000))
	return first17 + string(idcode.ResidentCheckDigit(first17))
}

// givenPhone returns a mobile number 1[3-9]xxxxxxxxx made from seed.
func givenPhone(seed uint64) string {
	return fmt.Sprintf("1%d%09d", 3+seed%7, seed>>3%1_000_000_000)
}

// spell writes a number in one of the forms people type: as is, grouped
// with spaces or dashes, with a lower-case x, with +86, in full width.
func spell(v string, form uint8, phone bool) string {
	switch form % 6 {
	case 1:
		if phone {
			return v[:3] + "-" + v[3:7] + "-" + v[7:]
		}
		return v[:6] + " " + v[6:14] + " " + v[14:]
	case 2:
		if phone {
			return v[:3] + " " + v[3:7] + " " + v[7:]
		}
		return strings.ToLower(v)
	case 3:
		return wide(v)
	case 4:
		if phone {
			return "+86 " + v
		}
		return wide(v[:6] + " " + v[6:])
	case 5:
		return variant(v, 0xA5A5A5A5A5A5A5A5)
	}
	return v
}

// FuzzNoLeakOfGiven puts an ID number and a mobile number the fuzzer
// chooses, in a form it chooses, after their labels between any text, and
// requires that neither survives: the span of each is wholly masked, and
// with the numbers also given as Known the NFKC form of the public copy
// holds neither.
func FuzzNoLeakOfGiven(f *testing.F) {
	f.Add("当事人张三，男，", "，住址：汉阴县城关镇新民路7号2单元302室。", uint64(1), uint64(2), uint8(0))
	f.Add("证人", "", uint64(0x9E3779B97F4A7C15), uint64(77), uint8(3))
	f.Add("12", "34", uint64(42), uint64(1<<40), uint8(5))
	f.Add("信用", "代码", uint64(7), uint64(8), uint8(1))
	p := Policy{Name: "处罚", Mask: true, PartyName: NameFull}
	f.Fuzz(func(t *testing.T, before, after string, idSeed, phoneSeed uint64, form uint8) {
		if !utf8.ValidString(before) || !utf8.ValidString(after) {
			return
		}
		id, phone := givenID(idSeed), givenPhone(phoneSeed)
		idText, phoneText := spell(id, form, false), spell(phone, form>>3, true)
		// The labels and the full-width punctuation around the numbers
		// are fixed: the fuzzer cannot make them part of a longer number.
		var b strings.Builder
		b.WriteString(before)
		b.WriteString("，公民身份号码：")
		idStart := b.Len()
		b.WriteString(idText)
		idEnd := b.Len()
		b.WriteString("，联系电话：")
		phoneStart := b.Len()
		b.WriteString(phoneText)
		phoneEnd := b.Len()
		b.WriteString("。")
		b.WriteString(after)
		text := b.String()
		if strings.Contains(norm.NFKC.String(before), "代码") {
			// "统一社会信用代码" right before an all-digit code that also
			// passes GB 32100 is the one exception Redact makes.
			return
		}
		_, rep := Redact(text, p, Known{})
		if !covered(rep.Findings, idStart, idEnd) {
			t.Fatalf("ID number %q (%q) not masked in %q: %+v", id, idText, text, rep.Findings)
		}
		if !covered(rep.Findings, phoneStart, phoneEnd) {
			t.Fatalf("mobile %q (%q) not masked in %q: %+v", phone, phoneText, text, rep.Findings)
		}
		out, _ := Redact(text, p, Known{PartyIDNumber: id, PartyPhone: phone})
		o := strings.NewReplacer(" ", "", "-", "").Replace(strings.ToUpper(norm.NFKC.String(out)))
		if strings.Contains(o, id) || strings.Contains(o, phone) {
			t.Fatalf("given %q and %q, the public copy holds one:\n in: %q\nout: %q", id, phone, text, out)
		}
	})
}
