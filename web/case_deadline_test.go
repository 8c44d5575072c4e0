package web_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// shownDeadline is one row of a case page's 办案期限 table as the user
// sees it.
type shownDeadline struct {
	Class, Start, Due, Status string
}

var (
	deadlineTableRe = regexp.MustCompile(`(?s)<table class="deadlines">.*?</table>`)
	deadlineRowRe   = regexp.MustCompile(`(?s)<tr class="([^"]*)">(.*?)</tr>`)
	deadlineCellRe  = regexp.MustCompile(`(?s)<td>(.*?)</td>`)
	deadlineRuleRe  = regexp.MustCompile(`\((\w+)\)$`)
)

// caseDeadlines reads the 办案期限 table of a case page, by rule ID.
func caseDeadlines(t *testing.T, body string) map[string]shownDeadline {
	t.Helper()
	table := deadlineTableRe.FindString(body)
	if table == "" {
		t.Fatalf("case page has no deadlines table\n%.4000s", body)
	}
	out := map[string]shownDeadline{}
	for _, row := range deadlineRowRe.FindAllStringSubmatch(table, -1) {
		var cells []string
		for _, c := range deadlineCellRe.FindAllStringSubmatch(row[2], -1) {
			cells = append(cells, strings.TrimSpace(c[1]))
		}
		if len(cells) != 5 {
			t.Fatalf("deadline row with %d cells: %s", len(cells), row[0])
		}
		id := deadlineRuleRe.FindStringSubmatch(cells[0])
		if id == nil {
			t.Fatalf("deadline row names no rule: %q", cells[0])
		}
		out[id[1]] = shownDeadline{Class: row[1], Start: cells[2], Due: cells[3], Status: cells[4]}
	}
	return out
}

// TestCasePageDeadlineStates moves the injected clock over a case whose
// notice (事先告知, with the right to a hearing) was served on Thursday
// 2026-11-26: the 陈述申辩 period (T3, 3 working days) ends on Tuesday
// 12-01, the hearing-request period (T4, 5 working days) on Thursday 12-03,
// the decision limit (T6, 90 days from 立案) on 2027-02-24. The case page
// must show each as the law counts it on the day — due today, overdue, met
// late, met — and the monitoring list the overdue and the due-soon ones.
func TestCasePageDeadlineStates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSiteAt(t, db, time.Date(2026, 11, 26, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)))
		ctx := context.Background()
		c, err := s.svc.RegisterCase(ctx, s.actors["o1"], penalty.CaseInput{MatterID: s.matter.ID, Source: "监督检查",
			Summary: "城关镇一家小餐馆销售超过保质期的食品", Party: zhifa.Party{Kind: zhifa.PartyPerson, Name: "张建华"},
			HandlerIDs: []int64{s.off1.ID, s.off2.ID}})
		if err != nil {
			t.Fatal(err)
		}
		step := func(who string, act penalty.Action, fields map[string]string) {
			t.Helper()
			if _, err := s.svc.RecordStep(ctx, s.actors[who], c.ID, penalty.StepInput{Action: act, Fields: fields}); err != nil {
				t.Fatalf("%s: %v", act, err)
			}
		}
		step("head", penalty.Open, map[string]string{"opinion": "同意立案"})
		step("o1", penalty.SiteRecord, map[string]string{"place": "城关镇新民街", "content": "现场检查。"})
		step("o2", penalty.Inquiry, map[string]string{"subject": "张建华", "place": "询问室", "content": "当事人承认违法事实。"})
		step("o1", penalty.Conclude, map[string]string{"facts": "销售超过保质期的食品", "proposal": "警告"})
		step("o1", penalty.Notify, map[string]string{"content": "拟处罚告知", "proposed_penalty": "警告", "penalty_kind": "警告", "hearing_right": "是"})

		casePage := "/workbench/cases/" + strconv.FormatInt(c.ID, 10)
		cst := time.FixedZone("CST", 8*3600)
		type want map[string]shownDeadline
		check := func(day string, wantRows want, monitor []string, notMonitored string) {
			t.Helper()
			o1 := s.browser("o1") // a session lasts less than the days the clock moves
			r := s.get(o1, casePage)
			wantStatus(t, "case page on "+day, r, 200, "案件 "+c.Number, "本案的法定期限(今天 "+day+";")
			got := caseDeadlines(t, r.body)
			for id, w := range wantRows {
				if g, ok := got[id]; !ok {
					t.Errorf("%s: %s not shown; rows %v", day, id, got)
				} else if g != w {
					t.Errorf("%s: %s shown as %+v, want %+v", day, id, g, w)
				}
			}
			if len(got) != len(wantRows) {
				t.Errorf("%s: %d deadlines shown, want %d: %v", day, len(got), len(wantRows), got)
			}
			d := s.get(o1, "/workbench/deadlines")
			wantStatus(t, "deadlines page on "+day, d, 200, append([]string{"今天 " + day + "。"}, monitor...)...)
			if notMonitored != "" && strings.Contains(d.body, notMonitored) {
				t.Errorf("%s: the monitoring list shows %q", day, notMonitored)
			}
		}
		t6 := shownDeadline{"dl-open", "2026-11-26", "2027-02-24", "未完成"}

		// Monday: everything open, T3 due soon (2 working days left).
		s.clock.set(time.Date(2026, 11, 30, 9, 0, 0, 0, cst))
		check("2026-11-30", want{
			"T3": {"dl-open", "2026-11-26", "2026-12-01", "未完成"},
			"T4": {"dl-open", "2026-11-26", "2026-12-03", "未完成"},
			"T6": t6,
		}, []string{`<tr class="due-soon">`, "陈述、申辩期限<br>", "剩余 1 个工作日"}, `class="overdue"`)

		// Tuesday: T3 is due today.
		s.clock.set(time.Date(2026, 12, 1, 9, 0, 0, 0, cst))
		check("2026-12-01", want{
			"T3": {"dl-today", "2026-11-26", "2026-12-01", "未完成,今日到期"},
			"T4": {"dl-open", "2026-11-26", "2026-12-03", "未完成"},
			"T6": t6,
		}, []string{"今日到期", "剩余 2 个工作日"}, `class="overdue"`)

		// Wednesday: T3 is overdue; T4 is due soon.
		s.clock.set(time.Date(2026, 12, 2, 9, 0, 0, 0, cst))
		check("2026-12-02", want{
			"T3": {"dl-overdue overdue", "2026-11-26", "2026-12-01", "未完成,已逾期"},
			"T4": {"dl-open", "2026-11-26", "2026-12-03", "未完成"},
			"T6": t6,
		}, []string{`<tr class="overdue">`, "已逾期 1 个工作日", `<tr class="due-soon">`, "听证申请期限<br>", "剩余 1 个工作日"}, "")

		// The party waives both on Wednesday: T3 met late, T4 met in time,
		// and the monitoring list no longer holds the case.
		step("o1", penalty.Statement, map[string]string{"waived": "是", "hearing_waived": "是"})
		check("2026-12-02", want{
			"T3": {"dl-late", "2026-11-26", "2026-12-01", "逾期完成(2026-12-02)"},
			"T4": {"dl-met", "2026-11-26", "2026-12-03", "已完成(2026-12-02)"},
			"T6": t6,
		}, []string{"目前没有逾期或即将到期的期限"}, c.Number)
	})
}
