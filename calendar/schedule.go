package calendar

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Schedule is one year's official holiday arrangement (国务院办公厅关于某年部分
// 节假日安排的通知). Days it does not list follow the week: Monday–Friday are
// working days, Saturday and Sunday are rest days.
//
// A Schedule lists only days that differ from that rule or that carry a
// statutory holiday: Holidays are the statutory holiday days that are rest days
// (on any weekday); RestSwaps are Monday–Friday rest days that are not
// statutory holiday days (调休 and 补假); WorkSwaps are Saturdays and Sundays
// made working days. Saturdays and Sundays inside a holiday block that are not
// statutory days need not be listed: they are weekends.
type Schedule struct {
	Year      int
	Holidays  []Date          // 法定节假日
	RestSwaps []Date          // 调休休息
	WorkSwaps []Date          // 调休上班
	Names     map[Date]string // optional name of a listed day, e.g. "春节"
	Source    string          // e.g. "国务院办公厅关于2026年部分节假日安排的通知"
	Note      string
}

// MinYear and MaxYear bound the years a Schedule may describe.
const (
	MinYear = 1949
	MaxYear = 2200
)

// entry is one listed day, with where it came from for error messages.
type entry struct {
	d     Date
	kind  DayType
	name  string
	where string
}

// Validate checks s: the year is in range, every date exists and lies in the
// year, no date is listed twice (in particular not both rest and work), rest
// swaps are Monday–Friday, work swaps are Saturday or Sunday, and at least one
// rest day is listed. Errors are in Chinese and name the offending field.
func (s Schedule) Validate() error {
	var es []entry
	add := func(field string, ds []Date, k DayType) {
		for i, d := range ds {
			es = append(es, entry{d: d, kind: k, name: s.Names[d], where: fmt.Sprintf("%s[%d]", field, i)})
		}
	}
	add("Holidays", s.Holidays, Holiday)
	add("RestSwaps", s.RestSwaps, RestSwap)
	add("WorkSwaps", s.WorkSwaps, WorkSwap)
	if err := checkEntries(s.Year, es); err != nil {
		return err
	}
	for d := range s.Names {
		if !slices.Contains(s.Holidays, d) && !slices.Contains(s.RestSwaps, d) && !slices.Contains(s.WorkSwaps, d) {
			return fmt.Errorf("%d 年节假日安排：Names 中的 %s 未列为放假日或调休上班日", s.Year, d)
		}
	}
	return nil
}

func checkEntries(year int, es []entry) error {
	if year < MinYear || year > MaxYear {
		return fmt.Errorf("节假日安排：年度 %d 超出范围（%d–%d）", year, MinYear, MaxYear)
	}
	seen := make(map[Date]int, len(es))
	rest := 0
	for i, e := range es {
		if !e.d.Valid() {
			return fmt.Errorf("%d 年节假日安排 %s：日期 %s 不存在", year, e.where, e.d)
		}
		if e.d.Y != year {
			return fmt.Errorf("%d 年节假日安排 %s：日期 %s 不属于 %d 年", year, e.where, e.d, year)
		}
		wd := e.d.Weekday()
		switch e.kind {
		case Holiday:
			rest++
		case RestSwap:
			rest++
			if e.d.IsWeekend() {
				return fmt.Errorf("%d 年节假日安排 %s：%s 是%s，本就休息，不是调休休息；属法定节假日的请标为“法定节假日”，否则不必列出", year, e.where, e.d, weekdayName[wd])
			}
		case WorkSwap:
			if !e.d.IsWeekend() {
				return fmt.Errorf("%d 年节假日安排 %s：%s 是%s，调休上班日必须是周六或周日", year, e.where, e.d, weekdayName[wd])
			}
		default:
			return fmt.Errorf("%d 年节假日安排 %s：类别无效", year, e.where)
		}
		if j, ok := seen[e.d]; ok {
			p := es[j]
			if p.kind.Working() != e.kind.Working() {
				return fmt.Errorf("%d 年节假日安排 %s：%s 既列为放假日（%s）又列为调休上班日（%s）", year, e.where, e.d, whereOf(es, e, p, false), whereOf(es, e, p, true))
			}
			return fmt.Errorf("%d 年节假日安排 %s：%s 重复列出（另见 %s）", year, e.where, e.d, p.where)
		}
		seen[e.d] = i
	}
	if rest == 0 {
		return fmt.Errorf("%d 年节假日安排：未列出任何放假日", year)
	}
	return nil
}

// whereOf returns the location of the working (work=true) or rest entry of a
// conflicting pair.
func whereOf(_ []entry, a, b entry, work bool) string {
	if a.kind.Working() == work {
		return a.where
	}
	return b.where
}

var weekdayName = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// build makes a Schedule of checked entries, lists sorted by date.
func build(year int, es []entry, source, note string) Schedule {
	s := Schedule{Year: year, Source: source, Note: note}
	for _, e := range es {
		switch e.kind {
		case Holiday:
			s.Holidays = append(s.Holidays, e.d)
		case RestSwap:
			s.RestSwaps = append(s.RestSwaps, e.d)
		case WorkSwap:
			s.WorkSwaps = append(s.WorkSwaps, e.d)
		}
		if e.name != "" {
			if s.Names == nil {
				s.Names = make(map[Date]string)
			}
			s.Names[e.d] = e.name
		}
	}
	for _, l := range [][]Date{s.Holidays, s.RestSwaps, s.WorkSwaps} {
		slices.SortFunc(l, Date.Compare)
	}
	return s
}

// clone returns a deep copy of s.
func (s Schedule) clone() Schedule {
	s.Holidays = slices.Clone(s.Holidays)
	s.RestSwaps = slices.Clone(s.RestSwaps)
	s.WorkSwaps = slices.Clone(s.WorkSwaps)
	if s.Names != nil {
		m := make(map[Date]string, len(s.Names))
		for k, v := range s.Names {
			m[k] = v
		}
		s.Names = m
	}
	return s
}

// Wire format of ParseScheduleJSON and Schedule.MarshalJSON.
type scheduleJSON struct {
	Year   int        `json:"year"`
	Source string     `json:"source,omitempty"`
	Note   string     `json:"note,omitempty"`
	Rest   []restJSON `json:"rest"`
	Work   []workJSON `json:"work"`
}

type restJSON struct {
	Date string `json:"date"`
	Kind string `json:"kind"`
	Name string `json:"name,omitempty"`
}

// workJSON is a date string, or an object {"date": …, "name": …}.
type workJSON struct {
	Date string `json:"date"`
	Name string `json:"name,omitempty"`
}

func (w *workJSON) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &w.Date)
	}
	type plain workJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode((*plain)(w))
}

func (w workJSON) MarshalJSON() ([]byte, error) {
	if w.Name == "" {
		return json.Marshal(w.Date)
	}
	type plain workJSON
	return json.Marshal(plain(w))
}

// MarshalJSON writes s in the import format of ParseScheduleJSON, days sorted.
func (s Schedule) MarshalJSON() ([]byte, error) {
	v := scheduleJSON{Year: s.Year, Source: s.Source, Note: s.Note, Rest: []restJSON{}, Work: []workJSON{}}
	for _, e := range s.entries() {
		if e.kind == WorkSwap {
			v.Work = append(v.Work, workJSON{Date: e.d.String(), Name: e.name})
		} else {
			v.Rest = append(v.Rest, restJSON{Date: e.d.String(), Kind: e.kind.String(), Name: e.name})
		}
	}
	return json.Marshal(v)
}

// UnmarshalJSON reads the import format; it is ParseScheduleJSON.
func (s *Schedule) UnmarshalJSON(b []byte) error {
	v, err := ParseScheduleJSON(b)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// entries lists the days of s sorted by date.
func (s Schedule) entries() []entry {
	var es []entry
	for _, l := range []struct {
		ds []Date
		k  DayType
	}{{s.Holidays, Holiday}, {s.RestSwaps, RestSwap}, {s.WorkSwaps, WorkSwap}} {
		for _, d := range l.ds {
			es = append(es, entry{d: d, kind: l.k, name: s.Names[d]})
		}
	}
	slices.SortStableFunc(es, func(a, b entry) int { return a.d.Compare(b.d) })
	return es
}

// ParseScheduleJSON reads one year's schedule in the JSON import format (see
// the package documentation) and validates it. Errors are in Chinese and name
// the line (syntax errors) or the field, e.g. "rest[3].date".
func ParseScheduleJSON(data []byte) (Schedule, error) {
	var v scheduleJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return Schedule{}, jsonError(data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Schedule{}, fmt.Errorf("节假日安排 JSON：对象之后还有多余内容（每个文件只含一个年度的安排）")
	}
	if v.Year == 0 {
		return Schedule{}, fmt.Errorf("节假日安排 JSON：缺少 year（年度）")
	}
	var es []entry
	for i, r := range v.Rest {
		where := fmt.Sprintf("rest[%d]", i)
		d, err := ParseDate(r.Date)
		if err != nil {
			return Schedule{}, fmt.Errorf("节假日安排 JSON %s.date：%v", where, err)
		}
		k, ok := parseKind(r.Kind)
		if !ok || k == WorkSwap {
			return Schedule{}, fmt.Errorf("节假日安排 JSON %s.kind：%q 无效，应为“法定节假日”或“调休休息”（调休上班日列在 work 中）", where, r.Kind)
		}
		es = append(es, entry{d: d, kind: k, name: oneLine(r.Name), where: where + "（" + r.Date + "）"})
	}
	for i, w := range v.Work {
		where := fmt.Sprintf("work[%d]", i)
		d, err := ParseDate(w.Date)
		if err != nil {
			return Schedule{}, fmt.Errorf("节假日安排 JSON %s：%v", where, err)
		}
		es = append(es, entry{d: d, kind: WorkSwap, name: oneLine(w.Name), where: where + "（" + w.Date + "）"})
	}
	if err := checkEntries(v.Year, es); err != nil {
		return Schedule{}, fmt.Errorf("JSON %w", err)
	}
	return build(v.Year, es, oneLine(v.Source), oneLine(v.Note)), nil
}

func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("节假日安排 JSON 第 %d 行：格式错误（%v）", lineAt(data, syn.Offset), syn)
	case errors.As(err, &typ):
		return fmt.Errorf("节假日安排 JSON 第 %d 行 %s：类型错误，应为 %s", lineAt(data, typ.Offset), typ.Field, typeName(typ.Type.Kind().String()))
	case errors.Is(err, io.EOF):
		return fmt.Errorf("节假日安排 JSON：内容为空")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("节假日安排 JSON：内容不完整")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fmt.Errorf("节假日安排 JSON：未知字段 %s（允许的字段：year, source, note, rest[date, kind, name], work）", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return fmt.Errorf("节假日安排 JSON：%v", err)
}

func typeName(kind string) string {
	switch kind {
	case "string":
		return "字符串"
	case "int":
		return "整数"
	case "slice":
		return "数组"
	case "struct":
		return "对象"
	}
	return kind
}

func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// ParseScheduleCSV reads one year's schedule in the CSV import format (see the
// package documentation) and validates it. The year is that of the first
// date. Errors are in Chinese and name the line.
func ParseScheduleCSV(data []byte) (Schedule, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // Excel writes a BOM
	var (
		es           []entry
		year         int
		source, note string
		header       = true
	)
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			key, val, ok := cutDirective(strings.TrimSpace(line[1:]))
			switch {
			case ok && key == "source":
				source = oneLine(val)
			case ok && key == "note":
				note = oneLine(val)
			}
			continue
		}
		r := csv.NewReader(strings.NewReader(line))
		r.FieldsPerRecord = -1
		r.TrimLeadingSpace = true
		f, err := r.Read()
		if err != nil {
			return Schedule{}, fmt.Errorf("节假日安排 CSV 第 %d 行：格式错误（%v）", n, err)
		}
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		if header {
			header = false
			if f[0] == "date" || f[0] == "日期" {
				continue
			}
		}
		if len(f) < 2 || len(f) > 3 {
			return Schedule{}, fmt.Errorf("节假日安排 CSV 第 %d 行：应为 日期,类别[,名称] 两或三列，实为 %d 列", n, len(f))
		}
		d, err := ParseDate(f[0])
		if err != nil {
			return Schedule{}, fmt.Errorf("节假日安排 CSV 第 %d 行 日期：%v", n, err)
		}
		k, ok := parseKind(f[1])
		if !ok {
			return Schedule{}, fmt.Errorf("节假日安排 CSV 第 %d 行 类别：%q 无效，应为“法定节假日”“调休休息”或“调休上班”", n, f[1])
		}
		if year == 0 {
			year = d.Y
		} else if d.Y != year {
			return Schedule{}, fmt.Errorf("节假日安排 CSV 第 %d 行：日期 %s 不属于本文件的年度 %d（一个文件只含一个年度）", n, d, year)
		}
		name := ""
		if len(f) == 3 {
			name = oneLine(f[2])
		}
		es = append(es, entry{d: d, kind: k, name: name, where: fmt.Sprintf("第 %d 行（%s）", n, f[0])})
	}
	if year == 0 {
		return Schedule{}, fmt.Errorf("节假日安排 CSV：没有任何日期行")
	}
	if err := checkEntries(year, es); err != nil {
		return Schedule{}, fmt.Errorf("CSV %w", err)
	}
	return build(year, es, source, note), nil
}

// cutDirective splits "source: text" (ASCII or full-width colon).
func cutDirective(s string) (key, val string, ok bool) {
	i := strings.IndexAny(s, ":：")
	if i < 0 {
		return "", "", false
	}
	key = strings.ToLower(strings.TrimSpace(s[:i]))
	val = s[i+1:]
	if s[i] != ':' {
		val = s[i+len("："):]
	}
	return key, strings.TrimSpace(val), true
}

// MarshalCSV writes s in the CSV import format of ParseScheduleCSV.
func (s Schedule) MarshalCSV() []byte {
	var b bytes.Buffer
	if s.Source != "" {
		fmt.Fprintf(&b, "# source: %s\n", oneLine(s.Source))
	}
	if s.Note != "" {
		fmt.Fprintf(&b, "# note: %s\n", oneLine(s.Note))
	}
	w := csv.NewWriter(&b)
	w.Write([]string{"date", "kind", "name"})
	for _, e := range s.entries() {
		w.Write([]string{e.d.String(), e.kind.String(), oneLine(e.name)})
	}
	w.Flush()
	return b.Bytes()
}

// oneLine makes s valid UTF-8 on one line with single spaces: names, sources
// and notes survive both import formats unchanged.
func oneLine(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Join(strings.Fields(s), " ")
}
