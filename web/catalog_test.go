package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestCatalogPages: the city's reviewer publishes a floor, the county's
// reviewer a catalog through the workbench form; a weaker one is shown
// back with the missing rule (400) and nothing is published; an officer
// may not; the portal shows both, with their standing.
func TestCatalogPages(t *testing.T) {
	db := storetest.MustOpenSQLite(t)
	svc := service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), testdate.Clock(t))
	srv := newTestServer(t, svc, serverOpts{})
	ctx := context.Background()
	city := &registry.Agency{Name: "安康市市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610900MB1A00010W", Region: "610900", Level: "市级"}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(svc.CreateAgency(ctx, zhifa.Console, city))
	county := &registry.Agency{Name: "汉阴县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921", ParentID: city.ID}
	must(svc.CreateAgency(ctx, zhifa.Console, county))
	for _, u := range []identity.UserInput{
		{Username: "cityrev", Name: "市审核", AgencyID: city.ID, Roles: []zhifa.Role{zhifa.RoleReviewer}, Password: "Zhifa-Test-2026"},
		{Username: "reviewer", Name: "县审核", AgencyID: county.ID, Roles: []zhifa.Role{zhifa.RoleReviewer}, Password: "Zhifa-Test-2026"},
		{Username: "officer", Name: "王志强", AgencyID: county.ID, Roles: []zhifa.Role{zhifa.RoleOfficer}, Password: "Zhifa-Test-2026"},
	} {
		_, err := svc.CreateUser(ctx, zhifa.Console, u)
		must(err)
	}
	cityRev, rev, officer := coreLogin(t, srv.URL, "cityrev"), coreLogin(t, srv.URL, "reviewer"), coreLogin(t, srv.URL, "officer")
	today := testdate.String(t)
	cid, ccid := strconv.FormatInt(city.ID, 10), strconv.FormatInt(county.ID, 10)
	const formType = "application/x-www-form-urlencoded"
	floorForm := form("agency_id", cid, "floor", "1", "effective_on", today, "rows", "2",
		"rule_1_name", "吊销许可证件", "rule_1_penalty_kinds", "吊销许可证件",
		"rule_2_name", "较大数额罚款", "rule_2_action_type", "行政处罚", "rule_2_person_amount", "10000", "rule_2_org_amount", "100000")
	weak := form("agency_id", ccid, "effective_on", today, "rows", "1", "rule_1_name", "吊销许可证件", "rule_1_penalty_kinds", "吊销许可证件")
	good := form("agency_id", ccid, "effective_on", today, "rows", "4", "rule_1_name", "吊销许可证件", "rule_1_penalty_kinds", "吊销许可证件",
		"rule_2_name", "较大数额罚款", "rule_2_person_amount", "5000", "rule_2_org_amount", "50000",
		"rule_3_name", "经听证", "rule_3_triggers", "hearing", "rule_4_name", "")
	tests := []struct {
		name, method, path, token, ctype, body string
		status                                 int
		contains                               string
	}{
		{"reviewer's page", "GET", "/workbench/catalog", rev, "", "", 200, "须包含的上级审核事项下限"},
		{"officer may not", "GET", "/workbench/catalog", officer, "", "", 403, "制定法制审核目录清单"},
		{"officer may not publish", "POST", "/workbench/catalog", officer, formType, good, 403, ""},
		{"the county may not set the city's floor", "POST", "/workbench/catalog", rev, formType, floorForm, 403, ""},
		{"city floor", "POST", "/workbench/catalog", cityRev, formType, floorForm, 303, ""},
		{"floor shown to the county", "GET", "/workbench/catalog", rev, "", "", 200, "R2 较大数额罚款:行政处罚决定;对自然人罚款 10000 元以上"},
		{"weaker catalog", "POST", "/workbench/catalog", rev, formType, weak, 400, "缺少规则“R2 较大数额罚款”"},
		{"bad amount", "POST", "/workbench/catalog", rev, formType, strings.Replace(good, "rule_2_person_amount=5000", "rule_2_person_amount=%E4%BA%94%E5%8D%83", 1), 400, "罚款数额须为不小于 0 的整数"},
		{"bad date", "POST", "/workbench/catalog", rev, formType, strings.Replace(good, "effective_on="+today, "effective_on=2026-13-01", 1), 400, "施行日期“2026-13-01”无效"},
		{"catalog", "POST", "/workbench/catalog", rev, formType, good, 303, ""},
		{"portal", "GET", "/review-catalogs", "", "", "", 200, "安康市市场监督管理局</a>:下级机关审核事项下限"},
		{"portal: the county's catalog in force", "GET", "/review-catalogs?agency_id=" + ccid, "", "", "", 200, "第1版 · 自 " + today + " 起施行 · 现行"},
		{"portal: the rule", "GET", "/review-catalogs?agency_id=" + ccid, "", "", "", 200, "对自然人罚款 5000 元以上;对法人或其他组织罚款 50000 元以上"},
	}
	for _, tt := range tests {
		resp, body := send(t, srv.URL, tt.method, tt.path, tt.token, tt.ctype, tt.body)
		if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.contains) {
			t.Errorf("%s: %d, want %d with %q\n%.600s", tt.name, resp.StatusCode, tt.status, tt.contains, body)
		}
		if tt.status == http.StatusSeeOther && !strings.HasPrefix(resp.Header.Get("Location"), "/workbench/catalog?agency_id=") {
			t.Errorf("%s: Location %q", tt.name, resp.Header.Get("Location"))
		}
	}
	cs, err := svc.Reviews.Catalogs(ctx, county.ID)
	must(err)
	if len(cs) != 1 || len(cs[0].Rules) != 3 || cs[0].Rules[2].Triggers[0] != "hearing" || cs[0].PublishedBy == 0 {
		t.Errorf("stored %+v", cs)
	}
}
