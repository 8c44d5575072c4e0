package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa/publicity"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/idcode"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// pubSite is the real server over one database with four penalty decisions
// of the 市场监管 agency, made through the service as the workbench makes
// them: a natural person's (decided 2026-11-26, published 2026-12-10, its
// facts then corrected), an organisation's (decided 2026-12-10, its payment
// corrected while pending, then published), another person's (decided
// 2026-12-10, still pending) and a third person's (decided and published
// 2026-11-26, revoked on 2026-12-01 and withdrawn on 2026-12-10, four
// working days late). A second agency has no decisions.
type pubSite struct {
	t      *testing.T
	srv    *httptest.Server
	svc    *service.Service
	now    time.Time
	agency *registry.Agency
	other  *registry.Agency
	matter *registry.Matter

	off1, off2                   *registry.Officer
	o1, o2, head, reviewer, boss zhifa.Actor

	person, org, pending, withdrawn *publicity.Publication
}

// Synthetic parties; their ID numbers have valid check digits, so they are
// what a leak detector must find.
var (
	pubPerson = zhifa.Party{Kind: zhifa.PartyPerson, Name: "张建华", IDNumber: "610921198503124517", Phone: "13891534567",
		Address: "陕西省安康市汉阴县城关镇三元村四组 12 号"}
	pubOrg = zhifa.Party{Kind: zhifa.PartyOrganization, Name: "汉阴县好再来餐饮有限公司", IDNumber: pubCredit("91610921MA70R5K3W"),
		LegalRep: "刘建国", Phone: "13991561234", Address: "汉阴县城关镇和平路 88 号"}
	pubPending = zhifa.Party{Kind: zhifa.PartyPerson, Name: "李小梅", IDNumber: pubResident("61092119900307242"), Phone: "15929876543",
		Address: "陕西省安康市汉阴县涧池镇紫云村二组 5 号"}
	pubWithdrawn = zhifa.Party{Kind: zhifa.PartyPerson, Name: "赵红梅", IDNumber: pubResident("61092119881120362"), Phone: "18791567788",
		Address: "陕西省安康市汉阴县平梁镇太行村一组 9 号"}
)

// The corrections and the withdrawal of the fixture.
const (
	pubWithdrawnNo     = "汉阴市监罚〔2026〕2号"
	pubWithdrawReason  = "经汉阴县人民政府行政复议,本决定认定事实不清,于 2026 年 12 月 1 日被撤销(当事人赵红梅,电话 18791567788)。"
	pubCorrectedFacts  = "当事人张建华(身份证号 610921198503124517,电话 13891534567)于2026年11月20日在其经营的餐馆销售超过保质期的食品 12 袋。"
	pubCorrectReason   = "原公示的违法事实未写明日期和数量,依决定书原文更正。"
	pubOrgPaymentFixed = "自收到本决定书之日起十五日内缴至汉阴县农村商业银行指定账户"
)

func pubCredit(first17 string) string   { return first17 + string(idcode.CreditCheckChar(first17)) }
func pubResident(first17 string) string { return first17 + string(idcode.ResidentCheckDigit(first17)) }

// pubSecrets are strings that must appear on no public page: the parties'
// raw ID numbers, phones and address details, and everything of the
// pending decision.
var pubSecrets = []string{pubPerson.IDNumber, pubPerson.Phone, "三元村", pubOrg.Phone, "和平路 88 号",
	pubPending.IDNumber, pubPending.Phone, pubPending.Name, "紫云村", "汉阴市监罚〔2026〕4号", "不合格",
	pubWithdrawn.IDNumber, pubWithdrawn.Phone, pubWithdrawn.Name, "太行村", "变质饮料", "处罚款 3300 元"}

func pubMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func newPubSite(t *testing.T, db *store.DB) *pubSite {
	t.Helper()
	ctx := context.Background()
	s := &pubSite{t: t, now: time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)}
	s.svc = service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return s.now })
	pubMust(t, s.svc.OpenBlobs(t.TempDir()))
	s.agency = &registry.Agency{Name: "汉阴县市场监督管理局", ShortName: "汉阴市监", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T",
		Region: "610921", Address: "汉阴县城关镇三元路 6 号", Phone: "0915-5211315", ReviewDays: 5}
	pubMust(t, s.svc.CreateAgency(ctx, zhifa.Console, s.agency))
	s.other = &registry.Agency{Name: "汉阴县交通运输局", ShortName: "汉阴交通", Kind: registry.AgencyAdministrative, CreditCode: pubCredit("11610921MB1A0005X"),
		Region: "610921", Phone: "0915-5215520", ReviewDays: 5}
	pubMust(t, s.svc.CreateAgency(ctx, zhifa.Console, s.other))
	s.matter = &registry.Matter{AgencyID: s.agency.ID, Name: "生产经营不符合食品安全标准的食品", Category: registry.MatterPenalty,
		Basis: "《中华人民共和国食品安全法》第一百二十四条", PenaltyKinds: []string{"警告", "罚款", "没收违法所得"}}
	pubMust(t, s.svc.CreateMatter(ctx, zhifa.Console, s.matter))
	officer := func(name, cert string, legal bool) *registry.Officer {
		from, _ := zhifa.ParseCivilDate("2024-01-01")
		to, _ := zhifa.ParseCivilDate("2029-12-31")
		o := &registry.Officer{AgencyID: s.agency.ID, Name: name, Gender: "男", Post: "科员", CertNo: cert, Category: "市场监管",
			ValidFrom: from, ValidTo: to, LegalQualification: legal}
		pubMust(t, s.svc.CreateOfficer(ctx, zhifa.Console, o))
		return o
	}
	user := func(username string, o *registry.Officer, roles ...zhifa.Role) zhifa.Actor {
		in := identity.UserInput{Username: username, Name: username, AgencyID: s.agency.ID, Roles: roles, Password: "Zhifa-Test-2026"}
		if o != nil {
			in.OfficerID = o.ID
		}
		u, err := s.svc.CreateUser(ctx, zhifa.Console, in)
		pubMust(t, err)
		return zhifa.Actor{UserID: u.ID, Username: u.Username, Name: u.Name, AgencyID: u.AgencyID, OfficerID: u.OfficerID, Roles: u.Roles}
	}
	s.off1, s.off2 = officer("王志强", "61092100101", false), officer("李晓燕", "61092100102", false)
	offHead, offReviewer := officer("刘德华", "61092100104", false), officer("周敏", "61092100105", true)
	s.o1, s.o2 = user("o1", s.off1, zhifa.RoleOfficer), user("o2", s.off2, zhifa.RoleOfficer)
	s.head = user("head", offHead, zhifa.RoleUnitHead, zhifa.RoleOfficer)
	s.reviewer = user("reviewer", offReviewer, zhifa.RoleReviewer)
	s.boss = user("boss", nil, zhifa.RoleAgencyHead)

	s.person = s.decide(pubPerson, map[string]string{"number": "汉阴市监罚〔2026〕1号",
		"facts": "当事人张建华(身份证号 610921198503124517,电话 13891534567,住陕西省安康市汉阴县城关镇三元村四组 12 号)于2026年11月在其经营的餐馆销售超过保质期的食品。",
		"basis": "《中华人民共和国食品安全法》第一百二十四条第一款", "penalty_kind": "警告、罚款", "penalty": "警告,并处罚款 5000 元", "fine": "5000",
		"payment": "自收到本决定书之日起十五日内缴至指定银行", "remedy": "可在六十日内申请行政复议,或者在六个月内提起行政诉讼"})
	s.withdrawn = s.decide(pubWithdrawn, map[string]string{"number": pubWithdrawnNo,
		"facts": "当事人赵红梅(身份证号 " + pubWithdrawn.IDNumber + ")在平梁镇集市销售变质饮料 24 瓶。",
		"basis": "《中华人民共和国食品安全法》第一百二十四条第一款", "penalty_kind": "警告、罚款", "penalty": "警告,并处罚款 3300 元", "fine": "3300",
		"payment": "自收到本决定书之日起十五日内缴至指定银行", "remedy": "可在六十日内申请行政复议,或者在六个月内提起行政诉讼"})
	if _, err := s.svc.Publish(ctx, s.o1, s.withdrawn.ID); err != nil {
		t.Fatal(err)
	}
	s.now = time.Date(2026, 12, 10, 2, 0, 0, 0, time.UTC)
	s.org = s.decide(pubOrg, map[string]string{"number": "汉阴市监罚〔2026〕3号",
		"facts": "当事人汉阴县好再来餐饮有限公司使用未经检验的食用油加工食品。",
		"basis": "《中华人民共和国食品安全法》第一百二十四条第一款", "penalty_kind": "罚款、没收违法所得", "penalty": "罚款 52000 元,没收违法所得 1200 元", "fine": "52000", "gains": "1200",
		"payment": "自收到本决定书之日起十五日内缴至指定银行", "remedy": "可在六十日内申请行政复议,或者在六个月内提起行政诉讼"})
	s.pending = s.decide(pubPending, map[string]string{"number": "汉阴市监罚〔2026〕4号",
		"facts": "当事人李小梅销售不合格产品。",
		"basis": "《中华人民共和国食品安全法》第一百二十四条第一款", "penalty_kind": "警告", "penalty": "警告", "fine": "0",
		"payment": "无", "remedy": "可在六十日内申请行政复议,或者在六个月内提起行政诉讼"})
	// Corrected before publication: the portal does not list it.
	if _, err := s.svc.CorrectPublication(ctx, s.o1, s.org.ID, publicity.CorrectInput{Field: "payment", Value: pubOrgPaymentFixed,
		Reason: "缴款银行写错"}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []*publicity.Publication{s.person, s.org} {
		if _, err := s.svc.Publish(ctx, s.o1, p.ID); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	if s.person, err = s.svc.CorrectPublication(ctx, s.head, s.person.ID, publicity.CorrectInput{Field: "facts", Value: pubCorrectedFacts,
		Reason: pubCorrectReason}); err != nil {
		t.Fatal(err)
	}
	changed, _ := zhifa.ParseDate("2026-12-01")
	if s.withdrawn, err = s.svc.WithdrawPublication(ctx, s.boss, s.withdrawn.ID, publicity.WithdrawInput{Cause: publicity.WithdrawRevoked,
		ChangedOn: changed, Reason: pubWithdrawReason}); err != nil {
		t.Fatal(err)
	}

	s.srv = newTestServer(t, s.svc, serverOpts{})
	return s
}

// decide takes a new case against party through the procedure to its
// decision (as service/case_test.go does) and returns its publication.
func (s *pubSite) decide(party zhifa.Party, decision map[string]string) *publicity.Publication {
	s.t.Helper()
	ctx := context.Background()
	c, err := s.svc.RegisterCase(ctx, s.o1, penalty.CaseInput{MatterID: s.matter.ID, Source: "监督检查",
		Summary: "城关镇一家餐馆涉嫌违反食品安全法", Party: party, HandlerIDs: []int64{s.off1.ID, s.off2.ID}})
	pubMust(s.t, err)
	step := func(a zhifa.Actor, act penalty.Action, fields map[string]string) {
		s.t.Helper()
		if _, err := s.svc.RecordStep(ctx, a, c.ID, penalty.StepInput{Action: act, Fields: fields}); err != nil {
			s.t.Fatalf("%s: %v", act, err)
		}
	}
	step(s.head, penalty.Open, map[string]string{"opinion": "同意立案"})
	step(s.o1, penalty.SiteRecord, map[string]string{"place": "城关镇新民街", "content": "现场检查。"})
	step(s.o2, penalty.Inquiry, map[string]string{"subject": party.Name, "place": "县市场监督管理局询问室", "content": "当事人承认违法事实。"})
	step(s.o1, penalty.Conclude, map[string]string{"facts": "违法事实清楚", "proposal": decision["penalty"]})
	notice := map[string]string{"content": "拟处罚告知", "proposed_penalty": decision["penalty"], "hearing_right": "是"}
	for _, k := range []string{"penalty_kind", "fine", "gains"} {
		if v, ok := decision[k]; ok {
			notice[k] = v
		}
	}
	step(s.o1, penalty.Notify, notice)
	step(s.o1, penalty.Statement, map[string]string{"waived": "是", "hearing_waived": "是"})
	step(s.head, penalty.SubmitReview, nil)
	rv := &penalty.ReviewForm{Outcome: review.OutcomeAgree, Opinion: "事实清楚,证据确凿,程序合法,同意。"}
	for _, d := range review.Checklist() {
		rv.Checklist = append(rv.Checklist, review.Item{Code: d.Code, Passed: true})
	}
	if _, err := s.svc.RecordStep(ctx, s.reviewer, c.ID, penalty.StepInput{Action: penalty.Review, Review: rv}); err != nil {
		s.t.Fatalf("review: %v", err)
	}
	// The 决定书文号 is the system's (penalty.DocTypes): "number", when
	// given, is the number the decision must get.
	want := decision["number"]
	decision = maps.Clone(decision)
	delete(decision, "number")
	step(s.boss, penalty.Decide, decision)
	d, err := s.svc.Case(ctx, s.o1, c.ID)
	pubMust(s.t, err)
	if d.Publication == nil {
		s.t.Fatalf("case %s: no publication after the decision", c.Number)
	}
	if want != "" && d.Publication.Number != want {
		s.t.Fatalf("case %s: decision number %q, want %q", c.Number, d.Publication.Number, want)
	}
	return d.Publication
}

type pubReply struct {
	status int
	header http.Header
	body   string
}

func (s *pubSite) get(path string) pubReply {
	s.t.Helper()
	resp, err := http.Get(s.srv.URL + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return pubReply{resp.StatusCode, resp.Header, string(b)}
}

// checkNoSecrets fails if body holds any raw personal data or anything of
// the pending decision.
func checkNoSecrets(t *testing.T, what, body string) {
	t.Helper()
	for _, secret := range pubSecrets {
		if strings.Contains(body, secret) {
			t.Errorf("%s reveals %q", what, secret)
		}
	}
}

func TestPublicationPortal(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newPubSite(t, db)
		id := func(p *publicity.Publication) string { return fmt.Sprint(p.ID) }
		const personNo, orgNo = "汉阴市监罚〔2026〕1号", "汉阴市监罚〔2026〕3号"
		both := []string{personNo, orgNo}
		tests := []struct {
			name     string
			path     string
			status   int
			contains []string
			absent   []string
		}{
			{"list", "/publications", 200, []string{"共 <strong>2</strong> 条", personNo, orgNo, "张建华", "汉阴县好再来餐饮有限公司", "警告、罚款", "2026-12-10", "2026-11-26",
				`href="/publications/` + id(s.person) + `"`, `type="date"`}, nil},
			{"agency filter", fmt.Sprintf("/publications?agency_id=%d", s.agency.ID), 200, both, nil},
			{"agency filter without decisions", fmt.Sprintf("/publications?agency_id=%d", s.other.ID), 200, []string{"没有符合条件的执法决定", "共 <strong>0</strong> 条"}, both},
			{"from", "/publications?from=2026-12-01", 200, []string{orgNo}, []string{personNo}},
			{"to", "/publications?to=2026-11-30", 200, []string{personNo}, []string{orgNo}},
			{"from and to inclusive", "/publications?from=2026-11-26&to=2026-11-26", 200, []string{personNo}, []string{orgNo}},
			{"keyword in facts", "/publications?q=" + url.QueryEscape("保质期"), 200, []string{personNo}, []string{orgNo}},
			{"keyword in number", "/publications?q=" + url.QueryEscape("3号"), 200, []string{orgNo}, []string{personNo}},
			{"keyword in party name", "/publications?q=" + url.QueryEscape("好再来"), 200, []string{orgNo}, []string{personNo}},
			{"keyword miss", "/publications?q=" + url.QueryEscape("烟花爆竹"), 200, []string{"没有符合条件的执法决定"}, both},
			{"keyword wildcard is literal", "/publications?q=%25", 200, []string{"没有符合条件的执法决定"}, both},
			{"category", "/publications?category=" + url.QueryEscape("行政处罚"), 200, both, nil},
			{"category without decisions", "/publications?category=" + url.QueryEscape("行政许可"), 200, []string{"没有符合条件的执法决定"}, both},
			{"page past the end", "/publications?page=2", 200, []string{"没有符合条件的执法决定", `rel="prev"`}, both},
			{"filters kept in export link", "/publications?from=2026-12-01", 200, []string{`href="/publications.csv?from=2026-12-01"`}, nil},

			{"bad from", "/publications?from=2026-13-01", 400, []string{"决定日期(起)", "不是有效的日期", `id="from" name="from" type="date" value="" aria-invalid="true"`}, both},
			{"bad to", "/publications?to=yesterday", 400, []string{"决定日期(止)", `aria-describedby="to-err"`}, both},
			{"to before from", "/publications?from=2026-12-10&to=2026-12-01", 400, []string{"决定日期(止)不能早于决定日期(起)"}, both},
			{"unknown agency", "/publications?agency_id=9999", 400, []string{"执法机关“9999”不存在", `aria-describedby="agency_id-err"`}, both},
			{"agency not a number", "/publications?agency_id=abc", 400, []string{"执法机关“abc”不存在"}, both},
			{"unknown category", "/publications?category=" + url.QueryEscape("随便"), 400, []string{"执法类别“随便”不在可选范围内", `aria-invalid="true"`}, both},
			{"page zero", "/publications?page=0", 400, []string{"页码“0”"}, both},
			{"page negative", "/publications?page=-3", 400, []string{"页码“-3”"}, both},
			{"page not a number", "/publications?page=two", 400, []string{"页码“two”"}, both},
			{"keyword too long", "/publications?q=" + strings.Repeat("长", 101), 400, []string{"关键词不能超过"}, both},

			{"detail person", "/publications/" + id(s.person), 200, []string{personNo, "汉阴县市场监督管理局", "张建华", "610921************", "138****4567",
				"陕西省安康市汉阴县****", "行政处罚", "超过保质期的食品", "《中华人民共和国食品安全法》第一百二十四条第一款", "警告、罚款", "警告,并处罚款 5000 元",
				"5,000 元(0.5 万元)", "十五日内", "行政复议", "2026-11-26", "已依法作脱敏处理"}, []string{"统一社会信用代码"}},
			{"detail organisation", "/publications/" + id(s.org), 200, []string{orgNo, "汉阴县好再来餐饮有限公司", "统一社会信用代码", pubOrg.IDNumber, "法定代表人", "刘建国",
				"52,000 元(5.2 万元)", "2026-12-10"}, []string{"<dt>身份证件号码</dt>", "<dt>联系电话</dt>", "<dt>住址</dt>"}},
			{"detail pending", "/publications/" + id(s.pending), 404, []string{"没有找到这条执法决定公示信息"}, nil},
			{"detail unknown", "/publications/99999", 404, []string{"没有找到"}, nil},
			{"detail zero", "/publications/0", 404, []string{"没有找到"}, both},
			{"detail not a number", "/publications/abc", 400, []string{"公示编号“abc”不是有效的编号"}, nil},

			{"home", "/", 200, []string{"最新执法决定", personNo, orgNo, `href="/publications"`}, nil},
			{"nav", "/agencies", 200, []string{`<a href="/publications">执法决定公示</a>`, `href="/publications.atom"`}, nil},

			{"api list", "/api/v1/publications", 200, []string{`"total": 2`, `"party_id_no": "610921************"`, `"party_phone": "138****4567"`, `"decided_on": "2026-12-10"`, `"fine": 52000`}, nil},
			{"api filter", "/api/v1/publications?from=2026-12-01&q=" + url.QueryEscape("食用油"), 200, []string{`"total": 1`, orgNo}, []string{personNo}},
			{"api limit offset", "/api/v1/publications?limit=1&offset=1", 200, []string{`"total": 2`, personNo}, []string{orgNo}},
			{"api keyword raw ID finds nothing", "/api/v1/publications?q=" + pubPerson.IDNumber, 200, []string{`"total": 0`}, both},
			{"api empty", "/api/v1/publications?category=" + url.QueryEscape("行政许可"), 200, []string{`"items": []`, `"total": 0`}, nil},
			{"api bad date", "/api/v1/publications?to=2026-02-30", 400, []string{`"code": "invalid"`, `"to": "决定日期(止)`}, nil},
			{"api bad agency", "/api/v1/publications?agency_id=x", 400, []string{`"agency_id": "执法机关`}, nil},
			{"api limit too big", "/api/v1/publications?limit=1000", 400, []string{`"limit": "每页条数 limit`}, nil},
			{"api limit zero", "/api/v1/publications?limit=0", 400, []string{`"limit": "每页条数 limit“0”应为 1 至 100 之间的整数"`}, nil},
			{"api offset negative", "/api/v1/publications?offset=-1", 400, []string{`"offset": "起始位置 offset“-1”应为`}, nil},
			{"api detail", "/api/v1/publications/" + id(s.person), 200, []string{personNo, `"party_id_no": "610921************"`, `"url": "/publications/` + id(s.person) + `"`}, nil},
			{"api detail organisation", "/api/v1/publications/" + id(s.org), 200, []string{`"legal_rep": "刘建国"`, `"party_id_no": "` + pubOrg.IDNumber + `"`}, []string{`"address"`, `"party_phone"`}},
			{"api detail pending", "/api/v1/publications/" + id(s.pending), 404, []string{`"code": "not_found"`, "没有找到这条执法决定公示信息"}, nil},
			{"api detail not a number", "/api/v1/publications/x1", 400, []string{`"id": "公示编号`}, nil},

			// Withdrawal (撤回): the list hides it, a list of its own shows it,
			// its page shows the withdrawal and nothing of its content.
			{"list hides withdrawn", "/publications", 200, []string{`href="/publications?status=withdrawn"`, "已撤回的公示"}, []string{pubWithdrawnNo}},
			{"withdrawn list", "/publications?status=withdrawn", 200, []string{"已撤回的执法决定公示", "共 <strong>1</strong> 条已撤回的执法决定", pubWithdrawnNo,
				"决定被撤销", "2026-11-26", "2026-12-10", `href="/publications/` + id(s.withdrawn) + `"`, `name="status" value="withdrawn"`}, both},
			{"withdrawn list keyword matches the number only", "/publications?status=withdrawn&q=" + url.QueryEscape("饮料"), 200,
				[]string{"没有符合条件的已撤回执法决定"}, []string{pubWithdrawnNo}},
			{"withdrawn list keyword in number", "/publications?status=withdrawn&q=" + url.QueryEscape("2号"), 200, []string{pubWithdrawnNo}, nil},
			{"withdrawn list agency filter", fmt.Sprintf("/publications?status=withdrawn&agency_id=%d", s.other.ID), 200, []string{"没有符合条件的已撤回执法决定"}, []string{pubWithdrawnNo}},
			{"bad status", "/publications?status=revoked", 400, []string{"公示状态“revoked”无效"}, both},
			{"detail withdrawn", "/publications/" + id(s.withdrawn), 200, []string{"本公示信息已撤回", pubWithdrawnNo, "汉阴县市场监督管理局", "2026-11-26",
				"撤回日期 2026-12-10", "决定被撤销(2026-12-01)", "经汉阴县人民政府行政复议,本决定认定事实不清", "当事人赵某,电话 187****7788",
				"应于 2026-12-04 前撤回,逾期 4 个工作日撤回", "第四十八条第二款"},
				[]string{"执法对象", "违法事实", "处罚内容", "罚款金额", "履行方式", "610921************"}},
			{"detail corrected", "/publications/" + id(s.person), 200, []string{"更正记录", "违法事实", "2026年11月20日", "食品 12 袋", pubCorrectReason,
				"于2026年11月在其经营的餐馆销售超过保质期的食品。", "2026-12-10"}, nil},
			{"detail corrected before publication lists nothing", "/publications/" + id(s.org), 200, []string{pubOrgPaymentFixed}, []string{"更正记录", "缴款银行写错"}},
			{"api detail withdrawn", "/api/v1/publications/" + id(s.withdrawn), 200, []string{`"status": "已撤回"`, `"number": "` + pubWithdrawnNo + `"`,
				`"withdrawal": {`, `"cause": "决定被撤销"`, `"changed_on": "2026-12-01"`, `"due_on": "2026-12-04"`, `"late_workdays": 4`},
				[]string{`"facts"`, `"party_name"`, `"penalty"`, `"fine"`, `"corrections"`}},
			{"api withdrawn list", "/api/v1/publications?status=withdrawn", 200, []string{`"total": 1`, pubWithdrawnNo, `"withdrawal"`}, both},
			{"api list hides withdrawn", "/api/v1/publications", 200, []string{`"status": "已公示"`}, []string{pubWithdrawnNo, `"withdrawal"`}},
			{"api detail corrections", "/api/v1/publications/" + id(s.person), 200, []string{`"corrections": [`, `"field": "facts"`, `"field_name": "违法事实"`,
				`"reason": "` + pubCorrectReason + `"`}, []string{`"withdrawal"`, "corrected_by", "while_published"}},
			{"api organisation without public corrections", "/api/v1/publications/" + id(s.org), 200, []string{`"corrections": []`}, []string{"缴款银行写错"}},
			{"csv refuses withdrawn", "/publications.csv?status=withdrawn", 400, []string{"已撤回的决定不导出"}, nil},

			{"csv bad filter", "/publications.csv?from=20261201", 400, []string{"决定日期(起)"}, nil},
			{"atom basics", "/publications.atom", 200, []string{"http://www.w3.org/2005/Atom", personNo, orgNo}, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := s.get(tt.path)
				if r.status != tt.status {
					t.Fatalf("GET %s = %d, want %d\n%.3000s", tt.path, r.status, tt.status, r.body)
				}
				checkShown(t, "GET "+tt.path, r.status, r.header, r.body, len(tt.contains))
				for _, want := range tt.contains {
					if !strings.Contains(r.body, want) {
						t.Errorf("GET %s lacks %q\n%.3000s", tt.path, want, r.body)
					}
				}
				for _, bad := range tt.absent {
					if strings.Contains(r.body, bad) {
						t.Errorf("GET %s has %q", tt.path, bad)
					}
				}
				checkNoSecrets(t, "GET "+tt.path, r.body)
			})
		}

		t.Run("newest decision first", func(t *testing.T) {
			body := s.get("/publications").body
			if i, j := strings.Index(body, orgNo), strings.Index(body, personNo); i < 0 || j < 0 || i > j {
				t.Errorf("%s (2026-12-10) should come before %s (2026-11-26)", orgNo, personNo)
			}
		})
		t.Run("csv", func(t *testing.T) {
			r := s.get("/publications.csv")
			if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") {
				t.Fatalf("csv: %d %s", r.status, r.header.Get("Content-Type"))
			}
			if !strings.HasPrefix(r.body, "\uFEFF") {
				t.Fatalf("csv does not start with the UTF-8 BOM: % x", r.body[:min(8, len(r.body))])
			}
			checkNoSecrets(t, "csv", r.body)
			rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.body, "\uFEFF"))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			// The 双公示 penalty fields of DOMAIN §10 (issue 17 item 5).
			wantHeader := "行政相对人名称,行政相对人类别,统一社会信用代码,法定代表人,决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容," +
				"罚款金额(万元),没收金额(万元),暂扣或吊销证照,处罚决定日期,处罚有效期,公示截止期,处罚机关,处罚机关统一社会信用代码,数据来源单位,数据来源单位统一社会信用代码"
			if len(rows) != 3 || strings.Join(rows[0], ",") != wantHeader {
				t.Fatalf("csv rows %d, header %q", len(rows), rows[0])
			}
			org, person := rows[1], rows[2]
			if got, want := strings.Join([]string{org[0], org[1], org[2], org[3], org[4], org[10], org[13], org[16]}, "|"),
				strings.Join([]string{pubOrg.Name, "法人及非法人组织", pubOrg.IDNumber, "刘建国", orgNo, "5.200000", "2026-12-10", "汉阴县市场监督管理局"}, "|"); got != want {
				t.Errorf("organisation row\n got %s\nwant %s", got, want)
			}
			if got, want := strings.Join([]string{person[0], person[1], person[2], person[3], person[10], person[13], person[16]}, "|"),
				strings.Join([]string{"张建华", "自然人", "", "", "0.500000", "2026-11-26", "汉阴县市场监督管理局"}, "|"); got != want {
				t.Errorf("person row\n got %s\nwant %s", got, want)
			}
			filtered := s.get("/publications.csv?to=2026-11-30")
			if n := strings.Count(filtered.body, "\r\n"); n != 2 || strings.Contains(filtered.body, orgNo) {
				t.Errorf("filtered csv: %d lines\n%s", n, filtered.body)
			}
		})
		t.Run("atom", func(t *testing.T) {
			r := s.get("/publications.atom")
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
				t.Errorf("content type %q", ct)
			}
			var feed struct {
				XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
				ID      string   `xml:"id"`
				Title   string   `xml:"title"`
				Updated string   `xml:"updated"`
				Author  string   `xml:"author>name"`
				Entries []struct {
					ID      string `xml:"id"`
					Title   string `xml:"title"`
					Updated string `xml:"updated"`
					Link    struct {
						Href string `xml:"href,attr"`
					} `xml:"link"`
					Summary string `xml:"summary"`
				} `xml:"entry"`
			}
			if err := xml.Unmarshal([]byte(r.body), &feed); err != nil {
				t.Fatalf("atom does not parse: %v\n%s", err, r.body)
			}
			if feed.ID == "" || feed.Title == "" || feed.Author == "" {
				t.Errorf("feed lacks id, title or author: %+v", feed)
			}
			if _, err := time.Parse(time.RFC3339, feed.Updated); err != nil {
				t.Errorf("feed updated %q: %v", feed.Updated, err)
			}
			if len(feed.Entries) != 2 {
				t.Fatalf("%d entries, want 2", len(feed.Entries))
			}
			e := feed.Entries[1]
			if want := s.srv.URL + "/publications/" + id(s.person); e.ID != want || e.Link.Href != want || !strings.HasPrefix(e.Title, personNo) {
				t.Errorf("entry %+v", e)
			}
			if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
				t.Errorf("entry updated %q: %v", e.Updated, err)
			}
		})
		t.Run("api json", func(t *testing.T) {
			var list struct {
				Items []map[string]any `json:"items"`
				Total int              `json:"total"`
			}
			if err := json.Unmarshal([]byte(s.get("/api/v1/publications").body), &list); err != nil {
				t.Fatal(err)
			}
			if list.Total != 2 || len(list.Items) != 2 {
				t.Fatalf("total %d, %d items", list.Total, len(list.Items))
			}
			for k := range list.Items[0] {
				if k != strings.ToLower(k) || strings.Contains(k, "case") || k == "report" || k == "due_on" {
					t.Errorf("field %q: want snake_case public fields only", k)
				}
			}
			for _, it := range list.Items {
				if it["status"] != publicity.StatusPublished {
					t.Errorf("item %v: status %v", it["id"], it["status"])
				}
			}
		})
		t.Run("no 500s on odd input", func(t *testing.T) {
			for _, p := range []string{"/publications?page=99999999999999999999", "/publications?agency_id=-1", "/publications?from=%00",
				"/publications?q=%27%22%3C%3E", "/publications/%E4%B8%AD", "/publications/-1", "/publications/99999999999999999999",
				"/api/v1/publications?offset=99999999999999999999", "/api/v1/publications/0", "/publications.csv?agency_id=0",
				"/publications?agency_id=0", "/publications?q=" + url.QueryEscape(`\_%`)} {
				if r := s.get(p); r.status >= 500 {
					t.Errorf("GET %s = %d", p, r.status)
				}
			}
		})
	})
}

// TestPublicationPaging has more decisions than one page holds.
func TestPublicationPaging(t *testing.T) {
	s := newPubSite(t, storetest.MustOpenSQLite(t))
	for i := range 20 {
		s.now = time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC).AddDate(0, 0, i%5)
		party := zhifa.Party{Kind: zhifa.PartyOrganization, Name: fmt.Sprintf("汉阴县第%d食品店", i+1), IDNumber: pubCredit(fmt.Sprintf("92610921MA7%06d", i)), LegalRep: "王某"}
		p := s.decide(party, map[string]string{"facts": "销售过期食品。", "basis": "《中华人民共和国食品安全法》第一百二十四条",
			"penalty_kind": "警告", "penalty": "警告", "fine": "0", "payment": "无", "remedy": "可申请行政复议或提起行政诉讼"})
		if _, err := s.svc.Publish(context.Background(), s.o1, p.ID); err != nil {
			t.Fatal(err)
		}
	}
	first, second := s.get("/publications"), s.get("/publications?page=2")
	if first.status != 200 || second.status != 200 {
		t.Fatalf("status %d %d", first.status, second.status)
	}
	rows := func(body string) int {
		return strings.Count(body, `<tr><td data-label="决定书文号"><a href="/publications/`)
	}
	if got, want := rows(first.body), 20; got != want {
		t.Errorf("page 1: %d rows, want %d", got, want)
	}
	if got, want := rows(second.body), 2; got != want {
		t.Errorf("page 2: %d rows, want %d", got, want)
	}
	// The next link carries the keyset cursor of page 1's last row.
	next := regexp.MustCompile(`href="(/publications\?after=[0-9-]+\.[0-9]+&amp;page=2)" rel="next"`).FindStringSubmatch(first.body)
	if next == nil || !strings.Contains(first.body, "第 1 / 2 页") {
		t.Fatalf("page 1 lacks the next link")
	}
	if byCursor := s.get(strings.ReplaceAll(next[1], "&amp;", "&")); rows(byCursor.body) != 2 || !strings.Contains(byCursor.body, "第 2 / 2 页") {
		t.Errorf("the next link: %d rows\n%.1500s", rows(byCursor.body), byCursor.body)
	}
	if !strings.Contains(second.body, `href="/publications" rel="prev"`) || strings.Contains(second.body, `rel="next"`) {
		t.Errorf("page 2 links wrong")
	}
	filtered := s.get("/publications?q=" + url.QueryEscape("食品店") + "&page=1")
	if !strings.Contains(filtered.body, "共 <strong>20</strong> 条") || bytes.Contains([]byte(filtered.body), []byte(`rel="next"`)) {
		t.Errorf("filtered to 20: one page\n%.2000s", filtered.body)
	}
	home := s.get("/")
	if got := strings.Count(home.body, `<tr><td data-label="决定书文号"><a href="/publications/`); got != 5 {
		t.Errorf("home shows %d latest decisions, want 5", got)
	}
}
