package penalty

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/procedure"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// day is a civil date.
func day(s string) zhifa.Date { return zhifa.DateFromTime(date(s)) }

// rv is the review form of a review request.
func rv(r *Request) *ReviewInput { return r.Form.(*ReviewInput) }

var (
	today = date("2025-03-20")
	offA  = Officer{ID: 1, Name: "张三", Cert: registry.Certificate{Number: "61092100001", Status: registry.OfficerValid, ValidFrom: day("2023-01-01"), ValidTo: day("2027-12-31")}}
	offB  = Officer{ID: 2, Name: "李四", Cert: registry.Certificate{Number: "61092100002", Status: registry.OfficerValid, ValidFrom: day("2023-01-01"), ValidTo: day("2027-12-31")}}
	// offC's certificate expires today: still valid today, expired tomorrow.
	offC    = Officer{ID: 3, Name: "王五", Cert: registry.Certificate{Number: "61092100003", Status: registry.OfficerValid, ValidFrom: day("2020-01-01"), ValidTo: zhifa.DateFromTime(today)}}
	expired = Officer{ID: 4, Name: "赵六", Cert: registry.Certificate{Number: "61092100004", Status: registry.OfficerValid, ValidFrom: day("2019-01-01"), ValidTo: day("2025-03-19")}}
	suspend = Officer{ID: 5, Name: "钱七", Cert: registry.Certificate{Number: "61092100005", Status: registry.OfficerSuspended, ValidFrom: day("2023-01-01"), ValidTo: day("2027-12-31")}}
	revoked = Officer{ID: 6, Name: "孙八", Cert: registry.Certificate{Number: "61092100006", Status: registry.OfficerRevoked, ValidFrom: day("2023-01-01"), ValidTo: day("2027-12-31")}}
	future  = Officer{ID: 7, Name: "周九", Cert: registry.Certificate{Number: "61092100007", Status: registry.OfficerValid, ValidFrom: day("2025-03-21"), ValidTo: day("2029-12-31")}}
	noDates = Officer{ID: 8, Name: "吴十", Cert: registry.Certificate{Number: "61092100008", Status: registry.OfficerValid}}
	// reviewer's officer record, not a handler
	revOff = Officer{ID: 9, Name: "郑审", Cert: registry.Certificate{Number: "61092100009", Status: registry.OfficerValid, ValidFrom: day("2023-01-01"), ValidTo: day("2027-12-31")}, LegalQualification: true}
)

const (
	userA        = 101 // officer A, handler
	userB        = 102 // officer B, handler
	userHead     = 201 // unit head
	userReviewer = 301
	userAgency   = 401
)

func passingChecklist() []review.Item {
	var items []review.Item
	for _, d := range review.Checklist() {
		items = append(items, review.Item{Code: d.Code, Passed: true})
	}
	return items
}

// validFields returns a complete, valid form for each action.
func validFields(a Action) map[string]string {
	switch a {
	case Register:
		return map[string]string{"matter": "对未取得食品经营许可从事食品经营活动的处罚", "source": "投诉举报", "summary": "群众举报某店无证经营", "party": "某某食品店"}
	case Open:
		return map[string]string{"opinion": "同意立案"}
	case Reject, Dismiss:
		return map[string]string{"reason": "违法事实不能成立"}
	case Inquiry:
		return map[string]string{"subject": "某某", "place": "某某食品店", "content": "问:……答:……"}
	case SiteRecord:
		return map[string]string{"place": "某某食品店", "content": "现场检查发现……"}
	case EvidenceEntry:
		return map[string]string{"title": "营业场所照片", "description": "现场拍摄照片 12 张", "kind": "书证"}
	case Conclude:
		return map[string]string{"facts": "当事人未取得食品经营许可从事食品经营", "proposal": "拟罚款 5000 元"}
	case Notify:
		return map[string]string{"content": "拟作出行政处罚的事实、理由、依据……", "proposed_penalty": "罚款 5000 元,没收违法所得 300 元", "penalty_kind": "罚款、没收违法所得", "fine": "5000", "gains": "300", "hearing_right": "是"}
	case Statement:
		return map[string]string{"content": "当事人称系初次经营", "hearing_requested": "true"}
	case Hearing:
		return map[string]string{"host": "郑审", "host_officer_id": "9", "clerk_officer_id": "10", "content": "听证笔录……"}
	case HearingNotice:
		return map[string]string{"hearing_date": today.AddDate(0, 0, HearingNoticeDays).Format(time.DateOnly), "place": "听证室",
			"host_officer_id": "9", "clerk_officer_id": "10"}
	case SubmitReview:
		return map[string]string{"materials": "案卷一册"}
	case Review:
		return nil
	case Resubmit:
		return map[string]string{"corrections": "已补充调查询问笔录"}
	case Decide:
		return map[string]string{"facts": "当事人未取得食品经营许可从事食品经营", "basis": "《食品安全法》第一百二十二条",
			"penalty_kind": "罚款、没收违法所得", "penalty": "罚款 5000 元,没收违法所得 300 元", "fine": "5000", "gains": "300",
			"payment": "自收到本决定书之日起十五日内缴纳", "remedy": "可在六十日内申请行政复议或六个月内提起行政诉讼"}
	case Serve:
		return map[string]string{"method": "直接送达", "recipient": "某某"}
	case Execute:
		return map[string]string{"result": "已全额缴纳罚款", "method": "自动履行"}
	case Close:
		return map[string]string{"summary": "案件执行完毕"}
	case Archive:
		return map[string]string{"archive_number": "2025-处罚-001"}
	}
	panic("no fields for " + string(a))
}

// readyCase returns a case in stage s whose gates are open on today.
func readyCase(s Stage) Case {
	return Case{
		State: procedure.State{Stage: s, AgencyID: 1,
			HandlerIDs: []int64{offA.ID, offB.ID}, ParticipantIDs: []int64{userA, userB, userHead}},
		ReviewRequired: true,
		StatementDue:   date("2025-03-15"), HearingRight: true, HearingRequested: true, HearingHeld: true, HearingDate: today,
		ReviewPassed: s == Reviewed,
	}
}

// validRequest returns a request for a that passes every rule on readyCase.
func validRequest(a Action) Request {
	t, _ := Lookup(a)
	r := Request{Action: a, Today: today, Fields: validFields(a)}
	switch t.Role {
	case zhifa.RoleOfficer:
		o := offA
		r.ActorRoles, r.ActorUserID, r.ActorOfficer = []zhifa.Role{zhifa.RoleOfficer}, userA, &o
		if t.OnSite {
			r.Officers = []Officer{offA, offB}
		}
	case zhifa.RoleUnitHead:
		r.ActorRoles, r.ActorUserID = []zhifa.Role{zhifa.RoleUnitHead}, userHead
	case zhifa.RoleReviewer:
		o := revOff
		r.ActorRoles, r.ActorUserID, r.ActorOfficer = []zhifa.Role{zhifa.RoleReviewer}, userReviewer, &o
		r.Form = &ReviewInput{ReviewerUserID: userReviewer, ReviewerQualified: true, Checklist: passingChecklist(), Outcome: review.OutcomeAgree, Opinion: "事实清楚,证据确凿,同意"}
	case zhifa.RoleAgencyHead:
		r.ActorRoles, r.ActorUserID = []zhifa.Role{zhifa.RoleAgencyHead}, userAgency
	}
	return r
}

// check compares err's code and message with the wanted ones.
func check(t *testing.T, name string, err error, code, msg string) {
	t.Helper()
	if got := zhifa.ErrorCode(err); got != code {
		t.Errorf("%s: code = %q (%v), want %q", name, got, err, code)
		return
	}
	if got := zhifa.ErrorMessage(err); !strings.Contains(got, msg) {
		t.Errorf("%s: message = %q, want it to contain %q", name, got, msg)
	}
}

// TestRows takes every row of the table from every one of its stages, then
// from a stage it does not allow, then with the wrong role.
func TestRows(t *testing.T) {
	for _, tr := range Actions() {
		for _, from := range tr.From {
			c := readyCase(from)
			if tr.Action == Decide && from == Notified {
				c.ReviewRequired = false // the only way to decide from Notified
			}
			res, err := Apply(c, validRequest(tr.Action))
			if err != nil {
				t.Errorf("%s from %q: %v", tr.Action, from, err)
				continue
			}
			want := tr.To
			if slices.Contains(tr.Keep, from) {
				want = from
			}
			if res.Next != want {
				t.Errorf("%s from %q: next = %q, want %q", tr.Action, from, res.Next, want)
			}
		}
		for _, s := range append([]Stage{Unregistered}, Stages...) {
			if slices.Contains(tr.From, s) {
				continue
			}
			_, err := Apply(readyCase(s), validRequest(tr.Action))
			want := "不能进行“" + tr.Name + "”"
			check(t, string(tr.Action)+" from "+string(s), err, zhifa.ECONFLICT, want)
			if s != Unregistered {
				check(t, string(tr.Action)+" from "+string(s), err, zhifa.ECONFLICT, StageName(s))
			}
		}
		r := validRequest(tr.Action)
		r.ActorRoles = []zhifa.Role{zhifa.RoleSupervisor}
		_, err := Apply(readyCase(tr.From[0]), r)
		check(t, string(tr.Action)+" as supervisor", err, zhifa.EFORBIDDEN, tr.Role.Name())
	}
}

func TestTable(t *testing.T) {
	seen := map[Action]bool{}
	for _, tr := range Actions() {
		if seen[tr.Action] {
			t.Errorf("action %s has two rows", tr.Action)
		}
		seen[tr.Action] = true
		if tr.Name == "" || ActionName(tr.Action) != tr.Name || !tr.Role.Valid() || !ValidStage(tr.To) || len(tr.From) == 0 {
			t.Errorf("row %s is incomplete: %+v", tr.Action, tr)
		}
	}
	for _, s := range Stages {
		if StageName(s) == "" {
			t.Errorf("stage %s has no name", s)
		}
	}
	onsite := map[Action]bool{}
	for _, tr := range Actions() {
		if tr.OnSite {
			onsite[tr.Action] = true
		}
	}
	if len(onsite) != 3 || !onsite[Inquiry] || !onsite[SiteRecord] || !onsite[EvidenceEntry] {
		t.Errorf("on-site actions = %v, want inquiry, inspection, evidence", onsite)
	}
	// Actions returns a copy.
	a := Actions()
	a[0].From[0] = Closed
	if Actions()[0].From[0] != Unregistered {
		t.Error("Actions shares its slices with the table")
	}
	if len(review.Checklist()) != 9 {
		t.Errorf("checklist has %d items, want 9", len(review.Checklist()))
	}
}

// TestWalk records a whole case from registration to archive, with a review
// return and a hearing, the way the service would.
func TestWalk(t *testing.T) {
	c := Case{State: procedure.State{AgencyID: 1, HandlerIDs: []int64{offA.ID, offB.ID}}, ReviewRequired: true}
	day := date("2025-03-01")
	steps := []struct {
		action Action
		want   Stage
		edit   func(*Request)
	}{
		{Register, Registered, nil},
		{Open, Opened, nil},
		{Inquiry, Investigating, nil},
		{SiteRecord, Investigating, nil},
		{EvidenceEntry, Investigating, nil},
		{Conclude, Investigated, nil},
		{Notify, Notified, nil},
		{Statement, Notified, nil},
		{HearingNotice, Notified, func(r *Request) {
			r.Fields["hearing_date"] = day.AddDate(0, 0, HearingNoticeDays).Format(time.DateOnly)
		}},
		{Hearing, Notified, nil},
		{SubmitReview, InReview, nil},
		{Review, Returned, func(r *Request) {
			rv(r).Checklist[2] = review.Item{Code: "facts", Remark: "缺少当事人询问笔录"}
			rv(r).Outcome, rv(r).Opinion = review.OutcomeSupply, "补充调查"
		}},
		{Inquiry, Returned, nil},
		{Resubmit, InReview, nil},
		{Review, Reviewed, nil},
		{Decide, Decided, nil},
		{Serve, Served, nil},
		{Execute, Executed, nil},
		{Close, Closed, nil},
		{Archive, Archived, nil},
	}
	for i, s := range steps {
		r := validRequest(s.action)
		r.Today = day
		if s.edit != nil {
			s.edit(&r)
		}
		if got := Next(c, r.ActorRoles); !containsAction(got, s.action) {
			t.Errorf("step %d: Next(%s) = %v, want it to include %s", i, c.Stage, got, s.action)
		}
		res, err := Apply(c, r)
		if err != nil {
			t.Fatalf("step %d %s from %s: %v", i, s.action, c.Stage, err)
		}
		if res.Next != s.want {
			t.Fatalf("step %d %s: next = %s, want %s", i, s.action, res.Next, s.want)
		}
		// What the service does after storing the step.
		c.Stage = res.Next
		if s.action != Review {
			c.ParticipantIDs = append(c.ParticipantIDs, r.ActorUserID)
		}
		switch s.action {
		case Notify:
			c.StatementDue = day.AddDate(0, 0, 7)
			c.HearingDue = day.AddDate(0, 0, 7)
			c.HearingRight = res.Fields["hearing_right"] == "true"
		case Statement:
			c.HearingRequested = res.Fields["hearing_requested"] == "true"
		case HearingNotice:
			c.HearingDate, _ = zhifa.ParseDate(res.Fields["hearing_date"])
			day = day.AddDate(0, 0, HearingNoticeDays)
		case Hearing:
			c.HearingHeld = true
			day = day.AddDate(0, 0, 10)
		case SubmitReview, Resubmit:
			c.ReviewPassed = false
		case Review:
			c.ReviewPassed = res.ReviewPassed
		}
	}
	if got := Next(c, zhifa.AllRoles); len(got) != 0 {
		t.Errorf("Next on an archived case = %v, want none", got)
	}
}

func containsAction(as []Action, a Action) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}

func TestBranches(t *testing.T) {
	// Decide straight after the notice when the case is not in the review catalog.
	c := readyCase(Notified)
	c.ReviewRequired = false
	res, err := Apply(c, validRequest(Decide))
	if err != nil || res.Next != Decided {
		t.Errorf("decide without review: %v, %v", res.Next, err)
	}
	if !containsAction(Next(c, []zhifa.Role{zhifa.RoleAgencyHead}), Decide) {
		t.Error("Next does not offer decide on a case outside the review catalog")
	}
	// ...but not when it is.
	if containsAction(Next(readyCase(Notified), []zhifa.Role{zhifa.RoleAgencyHead}), Decide) {
		t.Error("Next offers decide before the review")
	}
	// Hearing is offered only when requested.
	c = readyCase(Notified)
	c.HearingRequested = false
	if containsAction(Next(c, []zhifa.Role{zhifa.RoleOfficer}), Hearing) {
		t.Error("Next offers a hearing nobody requested")
	}
	// Reject and withdraw.
	if res, err := Apply(readyCase(Registered), validRequest(Reject)); err != nil || res.Next != Rejected {
		t.Errorf("reject: %v, %v", res.Next, err)
	}
	for _, s := range []Stage{Opened, Investigating, Investigated, Notified, Returned} {
		if res, err := Apply(readyCase(s), validRequest(Dismiss)); err != nil || res.Next != Dismissed {
			t.Errorf("withdraw from %s: %v, %v", s, res.Next, err)
		}
	}
	// Every non-passing outcome returns the case; 移送 says it must be transferred.
	for _, o := range []string{review.OutcomeChange, review.OutcomeCorrect, review.OutcomeSupply, review.OutcomeTransfer} {
		r := validRequest(Review)
		rv(&r).Outcome = o
		res, err := Apply(readyCase(InReview), r)
		if err != nil || res.Next != Returned || res.ReviewPassed {
			t.Errorf("review %s: %+v, %v", o, res, err)
		}
		if o == review.OutcomeTransfer && !strings.Contains(res.Notice, "移送司法机关") {
			t.Errorf("review 移送: notice = %q", res.Notice)
		}
	}
	// Statement waived: no content needed.
	r := validRequest(Statement)
	r.Fields = map[string]string{"waived": "是"}
	if res, err := Apply(readyCase(Notified), r); err != nil || res.Fields["waived"] != "true" {
		t.Errorf("waiver: %+v, %v", res, err)
	}
	// Hearing the party did not attend (Art 64(6)).
	r = validRequest(Hearing)
	r.Fields = map[string]string{"host": "郑审", "host_officer_id": "9", "clerk_officer_id": "10", "absent": "true"}
	if _, err := Apply(readyCase(Notified), r); err != nil {
		t.Errorf("absent hearing: %v", err)
	}
	// 公告送达 needs no recipient; 电子送达 with consent.
	r = validRequest(Serve)
	r.Fields = map[string]string{"method": "公告送达"}
	if _, err := Apply(readyCase(Decided), r); err != nil {
		t.Errorf("公告送达: %v", err)
	}
	r.Fields = map[string]string{"method": "电子送达", "recipient": "某某", "consent": "送达地址确认书 2025-03-01"}
	if _, err := Apply(readyCase(Decided), r); err != nil {
		t.Errorf("电子送达: %v", err)
	}
}

func TestNormalize(t *testing.T) {
	r := validRequest(Decide)
	r.Fields["penalty_kind"] = " 没收违法所得,罚款 "
	r.Fields["fine"] = "05000"
	r.Fields["discussion"] = "   "
	res, err := Apply(readyCase(Reviewed), r)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Fields["penalty_kind"]; got != "罚款、没收违法所得" {
		t.Errorf("penalty_kind = %q", got)
	}
	if got := res.Fields["fine"]; got != "5000" {
		t.Errorf("fine = %q", got)
	}
	if _, ok := res.Fields["discussion"]; ok {
		t.Error("empty field kept")
	}
	r = validRequest(Notify)
	r.Fields["hearing_right"] = "否"
	// One encoding of yes/no fields is written: "true"/"false" (hearing_right
	// was written "yes"/"no" before; Effects and the pages read both).
	if res, err := Apply(readyCase(Investigated), r); err != nil || res.Fields["hearing_right"] != "false" {
		t.Errorf("hearing_right: %+v, %v", res, err)
	}
	// Art 9's last kind contains the separator 、; the old 其他 stands for it.
	for in, want := range map[string]string{
		"法律、行政法规规定的其他行政处罚、罚款": "罚款、法律、行政法规规定的其他行政处罚",
		"其他、罚款": "罚款、法律、行政法规规定的其他行政处罚",
		"罚款、法律": "",
	} {
		r = validRequest(Decide)
		r.Fields["penalty_kind"] = in
		r.Fields["other_penalty"] = "责令改正"
		delete(r.Fields, "gains")
		res, err := Apply(readyCase(Reviewed), r)
		if want == "" {
			check(t, in, err, zhifa.EINVALID, "处罚种类“法律”不是《行政处罚法》第九条规定的种类")
		} else if err != nil || res.Fields["penalty_kind"] != want {
			t.Errorf("penalty_kind %q: %+v, %v, want %q", in, res.Fields, err, want)
		}
	}
	r = validRequest(Review)
	res, err = Apply(readyCase(InReview), r)
	if err != nil || !res.ReviewPassed || len(res.Checklist) != 9 || res.Fields["outcome"] != review.OutcomeAgree {
		t.Errorf("review: %+v, %v", res, err)
	}
}
