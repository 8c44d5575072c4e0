package calendar_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/zhifa/zhifa/calendar"
)

const sample2026JSON = `{
  "year": 2026,
  "source": "国务院办公厅关于2026年部分节假日安排的通知",
  "rest": [
    {"date": "2026-01-01", "kind": "法定节假日", "name": "元旦"},
    {"date": "2026-01-02", "kind": "调休休息", "name": "元旦"}
  ],
  "work": ["2026-01-04", {"date": "2026-02-14", "name": "春节"}]
}`

const sample2026CSV = "\ufeff# source: 国务院办公厅关于2026年部分节假日安排的通知\r\n" +
	"date,kind,name\r\n" +
	"2026-01-01,法定节假日,元旦\r\n" +
	"# a comment, with commas\r\n" +
	"\r\n" +
	"2026-01-02, 调休休息 ,元旦\r\n" +
	"2026-01-04,调休上班\r\n" +
	"2026-02-14,调休上班,春节\r\n"

func TestParseSchedule(t *testing.T) {
	want := calendar.Schedule{
		Year:      2026,
		Holidays:  []calendar.Date{d("2026-01-01")},
		RestSwaps: []calendar.Date{d("2026-01-02")},
		WorkSwaps: []calendar.Date{d("2026-01-04"), d("2026-02-14")},
		Names:     map[calendar.Date]string{d("2026-01-01"): "元旦", d("2026-01-02"): "元旦", d("2026-02-14"): "春节"},
		Source:    "国务院办公厅关于2026年部分节假日安排的通知",
	}
	got, err := calendar.ParseScheduleJSON([]byte(sample2026JSON))
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ParseScheduleJSON = %+v, %v\nwant %+v", got, err, want)
	}
	got, err = calendar.ParseScheduleCSV([]byte(sample2026CSV))
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ParseScheduleCSV = %+v, %v\nwant %+v", got, err, want)
	}
	var viaJSON calendar.Schedule
	if err := json.Unmarshal([]byte(sample2026JSON), &viaJSON); err != nil || !reflect.DeepEqual(viaJSON, want) {
		t.Errorf("json.Unmarshal = %+v, %v", viaJSON, err)
	}
}

func TestParseScheduleJSONErrors(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []string // substrings of the error
	}{
		{"empty", ``, []string{"为空"}},
		{"syntax", "{\n\"year\": 2026,\n\"rest\": [}\n", []string{"第 3 行"}},
		{"unknown field", `{"year":2026,"rests":[]}`, []string{"未知字段", "rests"}},
		{"type", `{"year":"2026"}`, []string{"year", "整数"}},
		{"no year", `{"rest":[{"date":"2026-01-01","kind":"法定节假日"}]}`, []string{"缺少 year"}},
		{"bad date", `{"year":2026,"rest":[{"date":"2026-01-01","kind":"法定节假日"},{"date":"2026-1-2","kind":"调休休息"}]}`, []string{"rest[1].date", "YYYY-MM-DD"}},
		{"no such date", `{"year":2026,"rest":[{"date":"2026-02-30","kind":"法定节假日"}]}`, []string{"rest[0].date", "不存在"}},
		{"bad kind", `{"year":2026,"rest":[{"date":"2026-01-01","kind":"假日"}]}`, []string{"rest[0].kind", "假日"}},
		{"work kind in rest", `{"year":2026,"rest":[{"date":"2026-01-04","kind":"调休上班"}]}`, []string{"rest[0].kind", "work"}},
		{"other year", `{"year":2026,"rest":[{"date":"2027-01-01","kind":"法定节假日"}]}`, []string{"rest[0]", "2027-01-01", "不属于 2026 年"}},
		{"rest swap on weekend", `{"year":2026,"rest":[{"date":"2026-01-03","kind":"调休休息"}]}`, []string{"rest[0]", "周六"}},
		{"work on weekday", `{"year":2026,"rest":[{"date":"2026-01-01","kind":"法定节假日"}],"work":["2026-01-05"]}`, []string{"work[0]", "周一", "周六或周日"}},
		{"both", `{"year":2026,"rest":[{"date":"2026-01-03","kind":"法定节假日"}],"work":["2026-01-03"]}`, []string{"2026-01-03", "既列为放假日", "rest[0]", "work[0]"}},
		{"duplicate", `{"year":2026,"rest":[{"date":"2026-01-01","kind":"法定节假日"},{"date":"2026-01-01","kind":"法定节假日"}]}`, []string{"rest[1]", "重复", "rest[0]"}},
		{"no rest", `{"year":2026,"work":["2026-01-04"]}`, []string{"未列出任何放假日"}},
		{"year range", `{"year":1900,"rest":[]}`, []string{"1900", "超出范围"}},
		{"trailing", `{"year":2026,"rest":[{"date":"2026-01-01","kind":"法定节假日"}]} {}`, []string{"多余内容"}},
	} {
		_, err := calendar.ParseScheduleJSON([]byte(tt.in))
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", tt.name, err, w)
			}
		}
	}
}

func TestParseScheduleCSVErrors(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []string
	}{
		{"empty", "date,kind,name\n", []string{"没有任何日期行"}},
		{"columns", "2026-01-01\n", []string{"第 1 行", "两或三列"}},
		{"bad date", "date,kind\n2026-01-01,法定节假日\n2026-13-01,调休休息\n", []string{"第 3 行", "日期"}},
		{"bad kind", "2026-01-01,holiday\n", []string{"第 1 行", "类别", "holiday"}},
		{"mixed years", "2026-01-01,法定节假日\n2027-01-01,法定节假日\n", []string{"第 2 行", "2027-01-01", "2026"}},
		{"work on weekday", "2026-01-01,法定节假日\n2026-01-05,调休上班\n", []string{"第 2 行", "周六或周日"}},
		{"both", "2026-01-01,法定节假日\n2026-01-04,调休上班\n2026-01-04,法定节假日\n", []string{"第 3 行", "第 2 行", "既列为放假日"}},
		{"quote", "2026-01-01,法定节假日,\"元旦\n", []string{"第 1 行", "格式错误"}},
	} {
		_, err := calendar.ParseScheduleCSV([]byte(tt.in))
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", tt.name, err, w)
			}
		}
	}
}

// TestScheduleRoundTrip exports the built-in schedules and imports them back.
func TestScheduleRoundTrip(t *testing.T) {
	for _, s := range calendar.Builtin() {
		j, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := calendar.ParseScheduleJSON(j)
		if err != nil || !reflect.DeepEqual(got, s) {
			t.Errorf("%d JSON round trip: %v\n%s", s.Year, err, j)
		}
		c := s.MarshalCSV()
		got, err = calendar.ParseScheduleCSV(c)
		if err != nil || !reflect.DeepEqual(got, s) {
			t.Errorf("%d CSV round trip: %v\n%s", s.Year, err, c)
		}
	}
}

func TestBuiltinIsCopy(t *testing.T) {
	a := calendar.Builtin()
	a[0].Holidays[0] = d("2024-03-01")
	a[0].Names[d("2024-01-01")] = "x"
	b := calendar.Builtin()
	if b[0].Holidays[0] != d("2024-01-01") || b[0].Names[d("2024-01-01")] != "元旦" {
		t.Error("Builtin returned shared data")
	}
	for _, s := range b {
		if err := s.Validate(); err != nil {
			t.Error(err)
		}
	}
	if got := len(b); got != calendar.BuiltinLastYear-calendar.BuiltinFirstYear+1 {
		t.Errorf("Builtin has %d years", got)
	}
}

func FuzzParseScheduleJSON(f *testing.F) {
	f.Add([]byte(sample2026JSON))
	f.Add([]byte(`{"year":2026,"rest":[{"date":"2026-01-03","kind":"法定节假日"}],"work":["2026-01-03"]}`))
	f.Add([]byte(`{"year":2026,"rest":[{"date":"2026-01-01","kind":"法定节假日","name":" a\tb "}],"note":"x\ny"}`))
	for _, s := range calendar.Builtin() {
		b, _ := json.Marshal(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := calendar.ParseScheduleJSON(data)
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("parsed schedule invalid: %v", err)
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		s2, err := calendar.ParseScheduleJSON(b)
		if err != nil || !reflect.DeepEqual(s, s2) {
			t.Fatalf("round trip: %v\n%+v\n%+v", err, s, s2)
		}
	})
}

func FuzzParseScheduleCSV(f *testing.F) {
	f.Add([]byte(sample2026CSV))
	f.Add([]byte("2026-01-01,法定节假日,\"a,\"\"b\"\"\"\n# note: n\n"))
	for _, s := range calendar.Builtin() {
		f.Add(s.MarshalCSV())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := calendar.ParseScheduleCSV(data)
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("parsed schedule invalid: %v", err)
		}
		s2, err := calendar.ParseScheduleCSV(s.MarshalCSV())
		if err != nil || !reflect.DeepEqual(s, s2) {
			t.Fatalf("round trip: %v\n%+v\n%+v", err, s, s2)
		}
	})
}
