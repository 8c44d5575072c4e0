package penalty

import "testing"

func TestCheckNumberFormat(t *testing.T) {
	for _, tc := range []struct {
		format, want string
	}{
		{"{简称}罚〔{年}〕{序号}号", ""},
		{"陕汉市监罚字〔{年}〕第{序号}号", ""},
		{"", "文号格式不能为空"},
		{"{简称}罚〔{年}〕号", "文号格式须含且只含一个“{序号}”"},
		{"{简称}罚〔{年}〕{序号}{序号}号", "文号格式须含且只含一个“{序号}”"},
		{"{简称}罚{序号}号", "文号格式须含且只含一个“{年}”(编号按年度分别排序)"},
		{"{简称}{简称}〔{年}〕{序号}号", "文号格式最多含一个“{简称}”"},
		{"{简称}罚{序号}〔{年}〕号", "文号格式中“{年}”须在“{序号}”之前"},
		{"{机关}罚〔{年}〕{序号}号", "文号格式只能使用“{简称}”“{年}”“{序号}”三个占位符"},
		{"{简称}罚\n〔{年}〕{序号}号", "文号格式不能含换行或制表符"},
		{"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一〔{年}〕{序号}号", "文号格式不得超过 40 个字"},
	} {
		if got := CheckNumberFormat(tc.format); got != tc.want {
			t.Errorf("CheckNumberFormat(%q) = %q, want %q", tc.format, got, tc.want)
		}
	}
	for _, d := range DocTypes {
		if p := CheckNumberFormat(d.Format); p != "" {
			t.Errorf("default format of %s: %s", d.Name, p)
		}
	}
}

func TestNumberPrefix(t *testing.T) {
	for _, tc := range []struct {
		format, short string
		year          int
		prefix, suf   string
	}{
		{"{简称}罚〔{年}〕{序号}号", "汉阴市监", 2026, "汉阴市监罚〔2026〕", "号"},
		{"{简称}罚告〔{年}〕{序号}号", "汉阴市监", 2027, "汉阴市监罚告〔2027〕", "号"},
		{"陕汉市监罚字〔{年}〕第{序号}号", "x", 2026, "陕汉市监罚字〔2026〕第", "号"},
	} {
		p, s := NumberPrefix(tc.format, tc.short, tc.year)
		if p != tc.prefix || s != tc.suf {
			t.Errorf("NumberPrefix(%q) = %q, %q; want %q, %q", tc.format, p, s, tc.prefix, tc.suf)
		}
	}
}

func TestDocTypeOf(t *testing.T) {
	for act, want := range map[Action]string{Open: "open", Notify: "notice", Decide: "decision", Inquiry: ""} {
		d, _ := DocTypeOf(act)
		if d.Code != want {
			t.Errorf("DocTypeOf(%s) = %q, want %q", act, d.Code, want)
		}
	}
}
