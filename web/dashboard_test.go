package web_test

import (
	"context"
	"net/http"
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
