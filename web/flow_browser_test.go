package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestBrowserReviewDecidePublish does the legal review and the decision
// through the workbench pages in chromium, as the reviewer and the agency
// head, publishes the decision, and then finds it on the public portal with
// the party's ID number and phone masked.
func TestBrowserReviewDecidePublish(t *testing.T) {
	s := newCaseSite(t, storetest.MustOpenSQLite(t))
	ctx := context.Background()
	c, err := s.svc.RegisterCase(ctx, s.actors["o1"], penalty.CaseInput{MatterID: s.matter.ID, Source: "投诉举报",
		Summary: "群众举报城关镇一家餐馆销售过期食品", Party: browserParty, HandlerIDs: []int64{s.off1.ID, s.off2.ID}})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []struct {
		who    string
		act    penalty.Action
		fields map[string]string
	}{
		{"head", penalty.Open, map[string]string{"opinion": "同意立案"}},
		{"o1", penalty.SiteRecord, map[string]string{"place": "城关镇新民街 8 号餐馆", "content": "查见超过保质期的袋装食品 12 袋。"}},
		{"o2", penalty.Inquiry, map[string]string{"subject": "张建华", "place": "县市场监督管理局询问室", "content": "当事人承认销售过期食品。"}},
		{"o1", penalty.Conclude, map[string]string{"facts": "销售超过保质期的食品", "proposal": "警告,并处罚款 5000 元"}},
		{"o1", penalty.Notify, map[string]string{"content": "拟作出行政处罚告知", "proposed_penalty": "警告,并处罚款 5000 元", "penalty_kind": "警告、罚款", "fine": "5000", "hearing_right": "否"}},
		{"o1", penalty.Statement, map[string]string{"waived": "是", "hearing_waived": "是"}},
		{"head", penalty.SubmitReview, nil},
	} {
		if _, err := s.svc.RecordStep(ctx, s.actors[st.who], c.ID, penalty.StepInput{Action: st.act, Fields: st.fields}); err != nil {
			t.Fatalf("%s: %v", st.act, err)
		}
	}
	casePath := fmt.Sprintf("/workbench/cases/%d", c.ID)

	// The reviewer finds the case in the queue and passes every item.
	b := newBrowser(t, s.srv.URL)
	b.login("reviewer")
	if got := b.open("/workbench/reviews"); got != 200 {
		t.Fatalf("review queue: %d", got)
	}
	if got := b.click(`main a[href^="` + casePath + `#"]`); got != 200 {
		t.Fatalf("open case from queue: %d", got)
	}
	openForm(b, "review")
	for _, d := range review.Checklist() {
		b.do(chromedp.Click(chromedp.CSS(`#form-review input[name="check.` + d.Code + `"][value="pass"]`)))
	}
	b.do(chromedp.Click(chromedp.CSS(`#form-review input[name="outcome"][value="同意"]`)))
	b.fill("书面审核意见(必填)", "主体合法,事实清楚,证据确凿,程序合法,适用依据正确,同意拟处罚意见。")
	if got := b.click(`#form-review button[type=submit]`); got != 200 {
		t.Fatalf("submit review: %d: %s", got, b.text(".error"))
	}
	if stage := b.text("main"); !strings.Contains(stage, penalty.StageName(penalty.Reviewed)) {
		t.Fatalf("after the review the page does not show %q:\n%s", penalty.StageName(penalty.Reviewed), stage)
	}

	// The agency head decides.
	b = newBrowser(t, s.srv.URL)
	b.login("boss")
	if got := b.open(casePath); got != 200 {
		t.Fatalf("case page as boss: %d", got)
	}
	openForm(b, "decide")
	for label, v := range map[string]string{
		"违法事实(必填)":    "当事人张建华(公民身份号码 " + browserParty.IDNumber + ",联系电话 " + browserParty.Phone + ")在其经营的餐馆销售超过保质期的食品 12 袋。",
		"处罚依据(必填)":    "《中华人民共和国食品安全法》第一百二十四条第一款",
		"处罚内容(必填)":    "警告,并处罚款 5000 元",
		"罚款金额(元)":     "5000",
		"履行方式和期限(必填)": "自收到本决定书之日起十五日内缴纳",
		"救济途径(必填)":    "可在六十日内申请行政复议,或者在六个月内提起行政诉讼",
	} {
		b.fill(label, v)
	}
	b.do(chromedp.Click(chromedp.CSS(`#form-decide input[name="f.penalty_kind"][value="警告"]`)),
		chromedp.Click(chromedp.CSS(`#form-decide input[name="f.penalty_kind"][value="罚款"]`)))
	if got := b.click(`#form-decide button[type=submit]`); got != 200 {
		t.Fatalf("submit decision: %d: %s", got, b.text(".error"))
	}
	if page := b.text("main"); !strings.Contains(page, penalty.StageName(penalty.Decided)) {
		t.Fatalf("after the decision the page does not show %q:\n%s", penalty.StageName(penalty.Decided), page)
	}
	// The head publishes it from the case page.
	if got := b.click(`main form[action^="/workbench/publications/"] button[type=submit]`); got != 200 {
		t.Fatalf("publish: %d: %s", got, b.text(".error"))
	}

	// Anyone finds the decision on the portal, masked.
	b = newBrowser(t, s.srv.URL)
	if got := b.open("/publications?q=" + "1号"); got != 200 {
		t.Fatalf("portal list: %d", got)
	}
	if got := b.click(`main a[href^="/publications/"]`); got != 200 {
		t.Fatalf("portal detail: %d", got)
	}
	page := b.text("main")
	for _, want := range []string{decisionNo(t), "610921************", "138****4567", "警告,并处罚款 5000 元"} {
		if !strings.Contains(page, want) {
			t.Errorf("portal detail lacks %q", want)
		}
	}
	html := browserEval[string](b, `document.documentElement.outerHTML`)
	for _, leak := range []string{browserParty.IDNumber, browserParty.Phone, "三元村"} {
		if strings.Contains(html, leak) {
			t.Errorf("portal detail leaks %q", leak)
		}
	}
}

// browserParty is a synthetic natural person (valid check digit).
var browserParty = zhifa.Party{Kind: zhifa.PartyPerson, Name: "张建华", IDNumber: "610921198503124517", Phone: "13891534567",
	Address: "陕西省安康市汉阴县城关镇三元村四组 12 号"}

// openForm opens the <details> of a step's form on the case page.
func openForm(b *browser, action string) {
	b.t.Helper()
	if !browserEval[bool](b, `(d => d ? (d.open = true, true) : false)(document.getElementById("form-`+action+`"))`) {
		b.t.Fatalf("%s: no form for %q on the page", b.path(), action)
	}
}
