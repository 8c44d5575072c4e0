package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/registry"
)

// TestDashboardPage: the supervisor's dashboard answers with the region's
// agencies and its alarms, its export is a CSV a spreadsheet reads, a bad
// period is named, and an officer may not open it.
func TestDashboardPage(t *testing.T) {
	srv, svc := coreServer(t)
	ctx := context.Background()
	sfj := &registry.Agency{Name: "汉阴县司法局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A000170", Region: "610921", Supervisor: true}
	far := &registry.Agency{Name: "石泉县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610922MB1A000259", Region: "610922"}
	for _, ag := range []*registry.Agency{sfj, far} {
		if err := svc.CreateAgency(ctx, zhifa.Console, ag); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.CreateUser(ctx, zhifa.Console, identity.UserInput{Username: "jiandu", Name: "陈建国", AgencyID: sfj.ID,
		Roles: []zhifa.Role{zhifa.RoleSupervisor}, Password: "Zhifa-Test-2026"}); err != nil {
		t.Fatal(err)
	}
	sup, officer := coreLogin(t, srv.URL, "jiandu"), coreLogin(t, srv.URL, "officer")
	resp, body := send(t, srv.URL, "GET", "/workbench/supervision", sup, "", "")
	page := string(body)
	if resp.StatusCode != 200 || !strings.Contains(page, "汉阴县市场监督管理局") || !strings.Contains(page, "必须为零的指标") || !strings.Contains(page, "<svg") {
		t.Fatalf("dashboard: %d\n%s", resp.StatusCode, page)
	}
	if strings.Contains(page, far.Name) {
		t.Error("the county's dashboard shows another county's agency")
	}
	resp, body = send(t, srv.URL, "GET", "/workbench/supervision?from=2026-13-45", sup, "", "")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "起始日期") {
		t.Fatalf("bad period: %d\n%s", resp.StatusCode, body)
	}
	resp, body = send(t, srv.URL, "GET", "/workbench/supervision.csv?from=2026-01-01", sup, "", "")
	if resp.StatusCode != 200 || !strings.HasPrefix(string(body), "\ufeff执法主体,统计期间,立案数") || !strings.Contains(string(body), "合计") {
		t.Fatalf("export: %d %q", resp.StatusCode, body)
	}
	if resp, _ := send(t, srv.URL, "GET", "/workbench/supervision", officer, "", ""); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("an officer opened the dashboard: %d", resp.StatusCode)
	}
}

// TestAnnualReportPages: the supervisor generates last year's report (a
// bad year is named and changes nothing), publishes it, and the portal
// shows it; an agency head may not generate one.
func TestAnnualReportPages(t *testing.T) {
	srv, svc := coreServer(t)
	ctx := context.Background()
	sfj := &registry.Agency{Name: "汉阴县司法局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A000170", Region: "610921", Supervisor: true}
	if err := svc.CreateAgency(ctx, zhifa.Console, sfj); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateUser(ctx, zhifa.Console, identity.UserInput{Username: "jiandu", Name: "陈建国", AgencyID: sfj.ID,
		Roles: []zhifa.Role{zhifa.RoleSupervisor}, Password: "Zhifa-Test-2026"}); err != nil {
		t.Fatal(err)
	}
	sup, officer := coreLogin(t, srv.URL, "jiandu"), coreLogin(t, srv.URL, "officer")
	form := "application/x-www-form-urlencoded"
	year := strconv.Itoa(svc.Today().Y - 1)
	for _, bad := range []string{"abc", strconv.Itoa(svc.Today().Y)} {
		resp, body := send(t, srv.URL, "POST", "/workbench/reports", sup, form, "action=generate&year="+bad)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `id="year-err"`) {
			t.Fatalf("year %s: %d", bad, resp.StatusCode)
		}
	}
	if resp, _ := send(t, srv.URL, "POST", "/workbench/reports", officer, form, "action=generate&year="+year); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("an officer generated a report: %d", resp.StatusCode)
	}
	if resp, _ := send(t, srv.URL, "POST", "/workbench/reports", sup, form, "action=generate&year="+year); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("generate: %d", resp.StatusCode)
	}
	_, body := send(t, srv.URL, "GET", "/reports", "", "", "")
	if strings.Contains(string(body), year+" 年度行政执法数据报告</a>") {
		t.Fatal("a draft is on the portal")
	}
	reports, err := svc.Supervision.ReportsOf(ctx, zhifa.Actor{UserID: 1, AgencyID: sfj.ID, Roles: []zhifa.Role{zhifa.RoleSupervisor}})
	if err != nil || len(reports) != 1 {
		t.Fatal(reports, err)
	}
	id := strconv.FormatInt(reports[0].ID, 10)
	if resp, _ := send(t, srv.URL, "POST", "/workbench/reports", sup, form, "action=publish&id="+id); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", resp.StatusCode)
	}
	resp, body := send(t, srv.URL, "GET", "/reports/"+id, "", "", "")
	if resp.StatusCode != 200 || !strings.Contains(string(body), "汉阴县市场监督管理局") || !strings.Contains(string(body), year+" 年度") {
		t.Fatalf("portal report: %d\n%s", resp.StatusCode, body)
	}
	if resp, _ := send(t, srv.URL, "GET", "/reports/999", "", "", ""); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("missing report: %d", resp.StatusCode)
	}
}
