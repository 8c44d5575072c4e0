package complaint

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/calendar"
)

func problems(err error) map[string]string {
	var e *zhifa.Error
	if errors.As(err, &e) {
		return e.Problems
	}
	return nil
}

func TestApply(t *testing.T) {
	today := zhifa.Date{Y: 2026, M: 11, D: 26}
	due := zhifa.Date{Y: 2027, M: 1, D: 25}
	base := Complaint{ID: 1, Kind: KindReport, Status: Received}
	for _, tc := range []struct {
		name   string
		status Status
		act    Act
		want   Status
		code   string // error code, "" for success
		field  string
	}{
		{"accept", Received, Act{Action: Accept, Today: today, ReplyDue: due}, Accepted, "", ""},
		{"accept without limit", Received, Act{Action: Accept, Today: today}, "", zhifa.EINVALID, "reply_due"},
		{"decline with reason", Received, Act{Action: Decline, Text: "不属于本机关行政执法事项", Today: today}, Declined, "", ""},
		{"decline without reason", Received, Act{Action: Decline, Text: "  ", Today: today}, "", zhifa.EINVALID, "text"},
		{"reply", Accepted, Act{Action: Reply, Text: "经审查,执法程序合法,不存在您反映的问题。", Today: today}, Replied, "", ""},
		{"reply empty", Accepted, Act{Action: Reply, Text: "好", Today: today}, "", zhifa.EINVALID, "text"},
		{"reply too long", Accepted, Act{Action: Reply, Text: strings.Repeat("答", MaxReply+1), Today: today}, "", zhifa.EINVALID, "text"},
		{"reply before acceptance", Received, Act{Action: Reply, Text: "已经办理完毕。", Today: today}, "", zhifa.ECONFLICT, ""},
		{"accept twice", Accepted, Act{Action: Accept, Today: today, ReplyDue: due}, "", zhifa.ECONFLICT, ""},
		{"decline after reply", Replied, Act{Action: Decline, Text: "不属于本机关职责", Today: today}, "", zhifa.ECONFLICT, ""},
		{"unknown action", Received, Act{Action: "delete", Today: today}, "", zhifa.EINVALID, "action"},
		{"no date", Received, Act{Action: Accept, ReplyDue: due}, "", zhifa.EINVALID, "today"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := base
			c.Status = tc.status
			got, err := Apply(c, tc.act)
			if tc.code != "" {
				if zhifa.ErrorCode(err) != tc.code {
					t.Fatalf("err = %v, want code %s", err, tc.code)
				}
				if tc.field != "" && problems(err)[tc.field] == "" {
					t.Fatalf("err = %v, want a problem on %s", err, tc.field)
				}
				if got != c {
					t.Fatalf("a refused act changed the complaint: %+v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != tc.want {
				t.Fatalf("status %s, want %s", got.Status, tc.want)
			}
			switch tc.act.Action {
			case Accept:
				if got.AcceptedOn != today || got.ReplyDue != due {
					t.Fatalf("accepted on %s due %s", got.AcceptedOn, got.ReplyDue)
				}
			case Decline:
				if got.DeclineReason == "" || got.AcceptedOn != today {
					t.Fatalf("decline not recorded: %+v", got)
				}
			case Reply:
				if got.Reply == "" || got.RepliedOn != today {
					t.Fatalf("reply not recorded: %+v", got)
				}
			}
		})
	}
}

func TestNext(t *testing.T) {
	for s, want := range map[Status]string{Received: "accept,decline", Accepted: "reply", Declined: "", Replied: ""} {
		var got []string
		for _, a := range Next(s) {
			got = append(got, string(a))
		}
		if strings.Join(got, ",") != want {
			t.Errorf("Next(%s) = %v, want %s", s, got, want)
		}
		if s.Final() != (want == "") {
			t.Errorf("%s.Final() = %v", s, s.Final())
		}
	}
}

func TestFilingValidate(t *testing.T) {
	ok := Filing{Kind: KindReport, AgencyID: 1, Subject: "执法人员未出示证件", Content: "2026年11月20日在城关镇检查时未出示执法证。"}
	for _, tc := range []struct {
		name  string
		edit  func(*Filing)
		field string
	}{
		{"valid", func(*Filing) {}, ""},
		{"no kind", func(f *Filing) { f.Kind = "" }, "kind"},
		{"no agency", func(f *Filing) { f.AgencyID = 0 }, "agency_id"},
		{"no subject", func(f *Filing) { f.Subject = " " }, "subject"},
		{"subject too long", func(f *Filing) { f.Subject = strings.Repeat("长", MaxSubject+1) }, "subject"},
		{"no content", func(f *Filing) { f.Content = "" }, "content"},
		{"content too long", func(f *Filing) { f.Content = strings.Repeat("长", MaxContent+1) }, "content"},
		{"bad phone", func(f *Filing) { f.ContactPhone = "call me" }, "contact_phone"},
		{"short phone", func(f *Filing) { f.ContactPhone = "12" }, "contact_phone"},
		{"error report without publication", func(f *Filing) { f.Kind = KindError }, "publication_id"},
		{"hotline without work order", func(f *Filing) { f.Channel = ChannelHotline }, "external_ref"},
		{"unknown channel", func(f *Filing) { f.Channel = "fax" }, "channel"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := ok
			tc.edit(&f)
			err := f.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if problems(err)[tc.field] == "" {
				t.Fatalf("err = %v, want a problem on %s", err, tc.field)
			}
		})
	}
}

func TestCodes(t *testing.T) {
	r := bytes.NewReader(bytes.Repeat([]byte{0, 7, 255, 30, 200, 13}, 20))
	code, err := NewCode(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(code) != CodeLength+3 || strings.Count(code, "-") != 3 {
		t.Fatalf("code %q", code)
	}
	norm, ok := NormalizeCode(strings.ToLower(code))
	if !ok || len(norm) != CodeLength {
		t.Fatalf("NormalizeCode(%q) = %q %v", code, norm, ok)
	}
	// Full-width letters and spaces, as a phone keyboard may type them.
	fw := ""
	for _, c := range norm {
		fw += string(c + 0xFEE0)
	}
	if n2, ok := NormalizeCode(fw[:12] + " " + fw[12:]); !ok || n2 != norm {
		t.Fatalf("full-width code: %q %v", n2, ok)
	}
	for _, bad := range []string{"", "ABCD", norm + "2", "0OIL" + norm[4:], "ABCD-EFGH-JKMN-PQR!"} {
		if _, ok := NormalizeCode(bad); ok {
			t.Errorf("NormalizeCode(%q) accepted", bad)
		}
	}
	if CodeDigest(norm) == CodeDigest(norm[:15]+"Z") || len(CodeDigest(norm)) != 64 {
		t.Fatal("digests of different codes collide or are malformed")
	}
	// Rejection sampling: bytes at or above 248 are skipped, not folded.
	c2, _ := NewCode(bytes.NewReader(append(bytes.Repeat([]byte{255}, 5), bytes.Repeat([]byte{1}, 16)...)))
	if c2 != "3333-3333-3333-3333" {
		t.Fatalf("code from skipped bytes = %q", c2)
	}
}

func TestLimitsDue(t *testing.T) {
	cal, err := calendar.New(calendar.Builtin()...)
	if err != nil {
		t.Fatal(err)
	}
	// Received on Friday 2026-09-25: seven working days run over 国庆
	// (10-01..10-07, with make-up working days) to 10-12... computed by the
	// calendar, not by this test's arithmetic: check the count instead.
	start := zhifa.Date{Y: 2026, M: 9, D: 25}
	due, err := dueOn(cal, DefaultLimits.AcceptRule(), start)
	if err != nil {
		t.Fatal(err)
	}
	n, err := cal.WorkdaysBetween(start, due)
	if err != nil || n != 7 {
		t.Fatalf("accept due %s is %d working days after %s (err %v), want 7", due, n, start, err)
	}
	if due.Sub(start) <= 7 {
		t.Fatalf("accept due %s does not skip the holiday", due)
	}
	rd, err := dueOn(cal, DefaultLimits.ReplyRule(), zhifa.Date{Y: 2026, M: 11, D: 26})
	if err != nil || rd.Sub(zhifa.Date{Y: 2026, M: 11, D: 26}) < 60 {
		t.Fatalf("reply due %s err %v", rd, err)
	}
}

func TestStanding(t *testing.T) {
	c := Complaint{Status: Received, AcceptDue: zhifa.Date{Y: 2026, M: 12, D: 1}}
	if got := c.Standing(zhifa.Date{Y: 2026, M: 12, D: 2}).Code(); got != "overdue" {
		t.Fatalf("standing %s, want overdue", got)
	}
	c.Status, c.AcceptedOn, c.ReplyDue = Accepted, zhifa.Date{Y: 2026, M: 11, D: 30}, zhifa.Date{Y: 2027, M: 1, D: 29}
	if got := c.Standing(zhifa.Date{Y: 2026, M: 12, D: 2}).Code(); got != "open" {
		t.Fatalf("standing %s, want open", got)
	}
	c.Status, c.RepliedOn = Replied, zhifa.Date{Y: 2027, M: 2, D: 1}
	if got := c.Standing(zhifa.Date{Y: 2027, M: 2, D: 2}).Code(); got != "late" {
		t.Fatalf("standing %s, want late", got)
	}
}
