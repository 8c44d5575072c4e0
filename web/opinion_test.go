package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/supervision"
)

// TestOpinionPages: the 司法局's supervisor issues a 责令改正通知书 from the
// workbench (bad input names the fields and issues nothing), the agency's
// head replies, another agency's head cannot open it, and the supervisor
// closes it.
func TestOpinionPages(t *testing.T) {
	srv, svc := coreServer(t)
	ctx := context.Background()
	ags, _ := svc.Agencies(ctx)
	scj := ags[0]
	sfj := &registry.Agency{Name: "汉阴县司法局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A000170", Region: "610921", Supervisor: true}
	cgj := &registry.Agency{Name: "汉阴县城市管理执法局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00033M", Region: "610921"}
	for _, ag := range []*registry.Agency{sfj, cgj} {
		if err := svc.CreateAgency(ctx, zhifa.Console, ag); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []identity.UserInput{
		{Username: "jiandu", Name: "陈建国", AgencyID: sfj.ID, Roles: []zhifa.Role{zhifa.RoleSupervisor}, Password: "Zhifa-Test-2026"},
		{Username: "juzhang", Name: "孙海涛", AgencyID: scj.ID, Roles: []zhifa.Role{zhifa.RoleAgencyHead}, Password: "Zhifa-Test-2026"},
		{Username: "cg-juzhang", Name: "何伟", AgencyID: cgj.ID, Roles: []zhifa.Role{zhifa.RoleAgencyHead}, Password: "Zhifa-Test-2026"},
	} {
		if _, err := svc.CreateUser(ctx, zhifa.Console, u); err != nil {
			t.Fatal(err)
		}
	}
	sup, head, other := coreLogin(t, srv.URL, "jiandu"), coreLogin(t, srv.URL, "juzhang"), coreLogin(t, srv.URL, "cg-juzhang")
	form := "application/x-www-form-urlencoded"
	today := svc.Today()

	resp, body := send(t, srv.URL, "POST", "/workbench/opinions", sup, form, url.Values{"kind": {"rectify"}, "agency_id": {itoa(scj.ID)},
		"subject": {""}, "findings": {"3件案件未告知听证权利。"}, "demands": {"逐案纠正。"}, "reply_due": {"2026-13-45"}, "case_id": {"abc"}}.Encode())
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad issue: %d", resp.StatusCode)
	}
	for _, want := range []string{"请填写事由", "不是有效日期", "案件编号应为数字"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("bad issue page lacks %q", want)
		}
	}
	if os, _ := svc.Supervision.Opinions(ctx, zhifa.Actor{UserID: 1, AgencyID: sfj.ID, Roles: []zhifa.Role{zhifa.RoleSupervisor}}, supervision.OpinionFilter{}); len(os) != 0 {
		t.Fatalf("bad input issued %d opinions", len(os))
	}

	resp, _ = send(t, srv.URL, "POST", "/workbench/opinions", sup, form, url.Values{"kind": {"rectify"}, "agency_id": {itoa(scj.ID)},
		"subject": {"未告知听证权利"}, "findings": {"抽查3件罚款超过1万元的案件,均未告知听证权利。"}, "demands": {"逐案纠正,书面回复。"},
		"reply_due": {today.Add(30).String()}}.Encode())
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("issue: %d", resp.StatusCode)
	}
	path := resp.Header.Get("Location")
	if !regexp.MustCompile(`^/workbench/opinions/\d+$`).MatchString(path) {
		t.Fatalf("issue redirects to %q", path)
	}
	if _, body := send(t, srv.URL, "GET", "/workbench", head, "", ""); !strings.Contains(string(body), "未告知听证权利:提交整改回复") {
		t.Errorf("the agency head's to-do list lacks the opinion to answer")
	}
	if resp, _ := send(t, srv.URL, "GET", path, other, "", ""); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("another agency's head opened it: %d", resp.StatusCode)
	}
	resp, body = send(t, srv.URL, "GET", "/workbench/opinions", head, "", "")
	if resp.StatusCode != 200 || !strings.Contains(string(body), "未告知听证权利") {
		t.Fatalf("the agency head's list: %d", resp.StatusCode)
	}
	if resp, _ = send(t, srv.URL, "POST", path, sup, form, "action=reply&text="+url.QueryEscape("监督机构代为回复整改情况。")); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("the supervisor replied for the agency: %d", resp.StatusCode)
	}
	if resp, _ = send(t, srv.URL, "POST", path, head, form, "action=reply&text="+url.QueryEscape("已逐案补正告知程序,建立听证告知清单并组织培训。")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply: %d", resp.StatusCode)
	}
	if _, body := send(t, srv.URL, "GET", "/workbench", sup, "", ""); !strings.Contains(string(body), "未告知听证权利:审核整改回复") {
		t.Errorf("the supervisor's to-do list lacks the reply to review")
	}
	if resp, _ = send(t, srv.URL, "POST", path, sup, form, "action=accept&text="+url.QueryEscape("整改到位,予以办结。")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %d", resp.StatusCode)
	}
	_, body = send(t, srv.URL, "GET", path, head, "", "")
	if !strings.Contains(string(body), "已办结") || !strings.Contains(string(body), "整改到位") {
		t.Fatalf("closed opinion page:\n%s", body)
	}
}
