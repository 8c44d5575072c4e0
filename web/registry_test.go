package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/idcode"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// registryServer starts the real handler over a fresh database with one
// agency, officers in each certificate state, one matter and an
// administrator; "today" is the test date (testdate), and the certificates'
// validity is counted from it (certValid, certLapsed).
// certValid is the validity of the test server's valid certificates: from
// two years before the test date to two years after it.
func certValid(tb testing.TB) (from, to string) {
	today := testdate.Today(tb)
	return today.AddDate(-2, 0, 0).Format(time.DateOnly), today.AddDate(2, 0, 0).Format(time.DateOnly)
}

// certLapsed is the validity of a certificate that lapsed five months
// before the test date.
func certLapsed(tb testing.TB) (from, to string) {
	today := testdate.Today(tb)
	return today.AddDate(-6, 0, 0).Format(time.DateOnly), today.AddDate(0, -5, 0).Format(time.DateOnly)
}

func registryServer(t *testing.T) (srv *httptest.Server, agencyID, officerID, matterID int64) {
	t.Helper()
	db := storetest.MustOpenSQLite(t)
	svc := service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), testdate.Clock(t))
	srv = newTestServer(t, svc, serverOpts{})
	ctx := context.Background()
	ag := &registry.Agency{Name: "汉阴县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921", Address: "汉阴县城关镇", Phone: "0915-5212345"}
	if err := svc.CreateAgency(ctx, zhifa.Console, ag); err != nil {
		t.Fatal(err)
	}
	d := func(s string) zhifa.Date { t, _ := zhifa.ParseCivilDate(s); return t }
	from, to := certValid(t)
	lapsedFrom, lapsedTo := certLapsed(t)
	for _, o := range []*registry.Officer{
		{Name: "王志强", Gender: "男", Post: "执法大队队长", CertNo: "61092100001", Category: "市场监管", ValidFrom: d(from), ValidTo: d(to)},
		{Name: "李红梅", Gender: "女", CertNo: "61092100002", Category: "市场监管", ValidFrom: d(lapsedFrom), ValidTo: d(lapsedTo)},
		{Name: "赵建国", Gender: "男", CertNo: "61092100003", Category: "市场监管", ValidFrom: d(from), ValidTo: d(to), Status: registry.OfficerRevoked},
		{Name: "孙丽", Gender: "女", CertNo: "61092100004", Category: "市场监管", ValidFrom: d(from), ValidTo: d(to), Status: registry.OfficerSuspended},
	} {
		o.AgencyID = ag.ID
		if err := svc.CreateOfficer(ctx, zhifa.Console, o); err != nil {
			t.Fatal(err)
		}
		if officerID == 0 {
			officerID = o.ID
		}
	}
	// A certificate registered before its validity was required: the rules
	// refuse it, and the portal says why (有效期未登记).
	if err := db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOfficer(&registry.Officer{AgencyID: ag.ID, Name: "周敏", Gender: "女", CertNo: "61092100005", Category: "市场监管", Status: registry.OfficerValid}); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "test.officer", Object: "officer/5", Actor: "system/test"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	m := &registry.Matter{AgencyID: ag.ID, Code: "CF-001", Name: "对未取得食品经营许可从事食品经营活动的处罚", Category: "行政处罚",
		Basis: "《中华人民共和国食品安全法》第一百二十二条", PenaltyKinds: []string{"没收违法所得", "罚款"}}
	if err := svc.CreateMatter(ctx, zhifa.Console, m); err != nil {
		t.Fatal(err)
	}
	if err := svc.CreateMatter(ctx, zhifa.Console, &registry.Matter{AgencyID: ag.ID, Name: "食品经营许可", Category: "行政许可", Basis: "《中华人民共和国食品安全法》第三十五条"}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []identity.UserInput{
		{Username: "admin", Name: "管理员", Roles: []zhifa.Role{zhifa.RoleSysAdmin}, Password: "Zhifa-Test-2026"},
		{Username: "officer", Name: "王志强", AgencyID: ag.ID, Roles: []zhifa.Role{zhifa.RoleOfficer}, Password: "Zhifa-Test-2026"},
	} {
		if _, err := svc.CreateUser(ctx, zhifa.Console, u); err != nil {
			t.Fatal(err)
		}
	}
	return srv, ag.ID, officerID, m.ID
}

func form(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode()
}

func creditCode(first17 string) string { return first17 + string(idcode.CreditCheckChar(first17)) }

func TestRegistryScenarios(t *testing.T) {
	srv, agencyID, officerID, matterID := registryServer(t)
	validFrom, validTo := certValid(t)
	admin := coreLogin(t, srv.URL, "admin")
	officer := coreLogin(t, srv.URL, "officer")
	ag, of, mt := strconv.FormatInt(agencyID, 10), strconv.FormatInt(officerID, 10), strconv.FormatInt(matterID, 10)
	const formType, jsonType = "application/x-www-form-urlencoded", "application/json"
	goodOfficer := func(kv ...string) string {
		base := map[string]string{"agency_id": ag, "name": "周新", "gender": "男", "cert_no": "61092100099", "category": "市场监管", "valid_from": "2026-01-01", "valid_to": "2030-12-31", "status": "有效"}
		for i := 0; i+1 < len(kv); i += 2 {
			base[kv[i]] = kv[i+1]
		}
		var pairs []string
		for k, v := range base {
			pairs = append(pairs, k, v)
		}
		return form(pairs...)
	}
	newCode := creditCode("12610921MB0000001")
	tests := []struct {
		name, method, path, token, ctype, body string
		status                                 int
		contains                               string // for a redirect: its Location, exactly
	}{
		// Portal (事前公开).
		{"agencies", "GET", "/agencies", "", "", "", 200, "汉阴县市场监督管理局"},
		{"agency page", "GET", "/agencies/" + ag, "", "", "", 200, "61092100001"},
		{"agency page officer post", "GET", "/agencies/" + ag, "", "", "", 200, "执法大队队长"},
		{"agency page matter basis", "GET", "/agencies/" + ag, "", "", "", 200, "第一百二十二条"},
		{"agency page expired officer", "GET", "/agencies/" + ag, "", "", "", 200, "已过期"},
		{"agency unknown", "GET", "/agencies/999", "", "", "", 404, "执法主体不存在"},
		{"agency bad id", "GET", "/agencies/abc", "", "", "", 404, "执法主体不存在"},
		{"matters", "GET", "/matters", "", "", "", 200, "食品经营许可"},
		{"matters by category", "GET", "/matters?category=" + url.QueryEscape("行政许可"), "", "", "", 200, "第三十五条"},
		{"matters by agency", "GET", "/matters?agency_id=" + ag, "", "", "", 200, "第一百二十二条"},
		{"matters unknown agency", "GET", "/matters?agency_id=999", "", "", "", 400, "执法主体“999”不存在"},
		// Verification (事中公示).
		{"verify form", "GET", "/verify/officer", "", "", "", 200, "执法证号"},
		{"verify form title", "GET", "/verify/officer", "", "", "", 200, "<h1>执法证查询</h1>"},
		{"verify form submits", "GET", "/verify/officer?cert=61092100001", "", "", "", 303, "/verify/officer/61092100001"},
		{"verify valid", "GET", "/verify/officer/61092100001", "", "", "", 200, `status-ok">有效`},
		{"verify shows name", "GET", "/verify/officer/61092100001", "", "", "", 200, "王志强"},
		{"verify expired", "GET", "/verify/officer/61092100002", "", "", "", 200, "已过期"},
		{"verify revoked", "GET", "/verify/officer/61092100003", "", "", "", 200, "注销"},
		{"verify suspended", "GET", "/verify/officer/61092100004", "", "", "", 200, "暂扣"},
		{"verify unknown", "GET", "/verify/officer/99999999", "", "", "", 404, "未查到该执法证号"},
		{"verify garbage", "GET", "/verify/officer/" + url.PathEscape("<b>x"), "", "", "", 404, "未查到该执法证号"},
		{"api verify valid", "GET", "/api/v1/public/verify/officer/61092100001", "", "", "", 200, `"state": "有效"`},
		{"api verify expired", "GET", "/api/v1/public/verify/officer/61092100002", "", "", "", 200, `"state": "已过期"`},
		{"api verify revoked", "GET", "/api/v1/public/verify/officer/61092100003", "", "", "", 200, `"valid": false`},
		{"verify unregistered validity", "GET", "/verify/officer/61092100005", "", "", "", 200, `status-bad">有效期未登记`},
		{"agency page unregistered validity", "GET", "/agencies/" + ag, "", "", "", 200, `status-bad">有效期未登记`},
		{"api verify unregistered validity", "GET", "/api/v1/public/verify/officer/61092100005", "", "", "", 200, `"state": "有效期未登记"`},
		{"api verify unknown", "GET", "/api/v1/public/verify/officer/99999999", "", "", "", 404, "未查到该执法证号"},
		// Workbench pages.
		{"registry needs login", "GET", "/workbench/registry", "", "", "", 303, "/login?next=%2Fworkbench%2Fregistry"},
		{"registry forbidden to officer", "GET", "/workbench/registry", officer, "", "", 403, "无权管理基础库"},
		{"registry", "GET", "/workbench/registry", admin, "", "", 200, "61092100004"},
		{"agency new form", "GET", "/workbench/registry/agencies/new", admin, "", "", 200, "统一社会信用代码"},
		{"agency new form title", "GET", "/workbench/registry/agencies/new", admin, "", "", 200, "<h1>登记执法主体</h1>"},
		{"agency edit form", "GET", "/workbench/registry/agencies/" + ag + "/edit", admin, "", "", 200, "11610921MB1A00025T"},
		{"officer new form", "GET", "/workbench/registry/officers/new", admin, "", "", 200, "执法证号"},
		{"officer new form title", "GET", "/workbench/registry/officers/new", admin, "", "", 200, "<h1>登记执法人员</h1>"},
		{"officer edit form", "GET", "/workbench/registry/officers/" + of + "/edit", admin, "", "", 200, validTo},
		{"officer edit form name", "GET", "/workbench/registry/officers/" + of + "/edit", admin, "", "", 200, `value="王志强"`},
		{"officer edit unknown", "GET", "/workbench/registry/officers/999/edit", admin, "", "", 404, "执法人员不存在"},
		{"matter new form", "GET", "/workbench/registry/matters/new", admin, "", "", 200, "没收违法所得"},
		{"matter new form title", "GET", "/workbench/registry/matters/new", admin, "", "", 200, "<h1>登记执法事项</h1>"},
		{"matter edit form", "GET", "/workbench/registry/matters/" + mt + "/edit", admin, "", "", 200, "CF-001"},
		{"officer form bad cert", "POST", "/workbench/registry/officers", admin, formType, goodOfficer("cert_no", "12-3"), 400, "执法证号须为 6 至 20 位字母或数字"},
		{"officer form keeps input", "POST", "/workbench/registry/officers", admin, formType, goodOfficer("cert_no", "12-3"), 400, `value="周新"`},
		{"officer form marks field", "POST", "/workbench/registry/officers", admin, formType, goodOfficer("cert_no", "12-3"), 400, `aria-describedby="cert_no-err"`},
		{"officer form no name", "POST", "/workbench/registry/officers", admin, formType, goodOfficer("name", ""), 400, "请填写姓名"},
		{"officer form bad gender", "POST", "/workbench/registry/officers", admin, formType, goodOfficer("gender", "x"), 400, "性别须为“男”或“女”"},
		{"officer form bad date kept", "POST", "/workbench/registry/officers", admin, formType, goodOfficer("valid_to", "2030-13-01"), 400, `value="2030-13-01"`},
		{"officer form dates order", "POST", "/workbench/registry/officers", admin, formType, goodOfficer("valid_to", "2025-01-01"), 400, "有效期截止日期须晚于起始日期"},
		{"officer form duplicate cert", "POST", "/workbench/registry/officers", admin, formType, goodOfficer("cert_no", "61092100001"), 400, "已登记"},
		{"officer form by officer", "POST", "/workbench/registry/officers", officer, formType, goodOfficer(), 403, "无权"},
		{"officer form create", "POST", "/workbench/registry/officers", admin, formType, goodOfficer(), 303, "/workbench/registry?saved=officer"},
		{"officer created", "GET", "/verify/officer/61092100099", "", "", "", 200, "周新"},
		{"officer suspend", "POST", "/workbench/registry/officers/" + of, admin, formType, goodOfficer("cert_no", "61092100001", "name", "王志强", "status", "暂扣"), 303, "/workbench/registry?saved=officer"},
		{"officer suspended shows", "GET", "/verify/officer/61092100001", "", "", "", 200, "持证人不得从事行政执法活动"},
		{"agency form bad", "POST", "/workbench/registry/agencies", admin, formType, form("name", "", "kind", "行政机关", "credit_code", "123", "region", "61"), 400, "请填写执法主体名称"},
		{"agency form bad region", "POST", "/workbench/registry/agencies", admin, formType, form("name", "汉阴县交通运输局", "kind", "行政机关", "credit_code", newCode, "region", "61"), 400, "行政区划代码须为 6 位数字"},
		{"agency form create", "POST", "/workbench/registry/agencies", admin, formType, form("name", "汉阴县交通运输局", "kind", "行政机关", "credit_code", newCode, "region", "610921", "review_days", "5"), 303, "/workbench/registry?saved=agency"},
		{"agency created", "GET", "/agencies", "", "", "", 200, "汉阴县交通运输局"},
		{"matter form no basis", "POST", "/workbench/registry/matters", admin, formType, form("agency_id", ag, "name", "检查", "category", "行政检查", "basis", ""), 400, "请填写法律依据"},
		{"matter form bad kinds", "POST", "/workbench/registry/matters", admin, formType, form("agency_id", ag, "name", "检查", "category", "行政检查", "basis", "某法第一条", "penalty_kinds", "罚款"), 400, "只有行政处罚事项可填写处罚种类"},
		{"matter form create", "POST", "/workbench/registry/matters", admin, formType, form("agency_id", ag, "name", "食品安全监督检查", "category", "行政检查", "basis", "《中华人民共和国食品安全法》第一百一十条"), 303, "/workbench/registry?saved=matter"},
		{"matter created", "GET", "/matters?agency_id=" + ag, "", "", "", 200, "食品安全监督检查"},
		{"matter update", "POST", "/workbench/registry/matters/" + mt, admin, formType, form("agency_id", ag, "code", "CF-001", "name", "未取得许可经营食品的处罚", "category", "行政处罚", "basis", "《中华人民共和国食品安全法》第一百二十二条", "penalty_kinds", "警告", "penalty_kinds", "罚款"), 303, "/workbench/registry?saved=matter"},
		{"matter updated on portal", "GET", "/matters?agency_id=" + ag, "", "", "", 200, "警告、罚款"},
		// JSON API.
		{"api agencies", "GET", "/api/v1/agencies", "", "", "", 200, `"credit_code": "11610921MB1A00025T"`},
		{"api agency", "GET", "/api/v1/agencies/" + ag, "", "", "", 200, "汉阴县市场监督管理局"},
		{"api agency unknown", "GET", "/api/v1/agencies/999", "", "", "", 404, "执法主体不存在"},
		{"api agency create needs login", "POST", "/api/v1/agencies", "", jsonType, `{"name":"x"}`, 401, "请先登录"},
		{"api agency create bad", "POST", "/api/v1/agencies", admin, jsonType, `{"name":"","kind":"行政机关","credit_code":"x","region":"610921"}`, 400, `"name": "请填写执法主体名称"`},
		{"api agency create", "POST", "/api/v1/agencies", admin, jsonType, `{"name":"汉阴县应急管理局","kind":"行政机关","credit_code":"` + creditCode("12610921MB0000002") + `","region":"610921"}`, 201, `"review_days": 5`},
		{"api agency update", "PUT", "/api/v1/agencies/" + ag, admin, jsonType, `{"name":"汉阴县市场监督管理局","kind":"行政机关","credit_code":"11610921MB1A00025T","region":"610921","phone":"0915-5210000"}`, 200, "0915-5210000"},
		{"api bad json", "POST", "/api/v1/officers", admin, jsonType, `{"name":`, 400, "请求体不是有效的 JSON"},
		{"api unknown field", "POST", "/api/v1/officers", admin, jsonType, `{"idcard":"1"}`, 400, "请求体不是有效的 JSON"},
		{"api officers", "GET", "/api/v1/officers?agency_id=" + ag, "", "", "", 200, `"valid_to": "` + validTo + `"`},
		{"api officers bad agency", "GET", "/api/v1/officers?agency_id=x", "", "", "", 400, "不是有效的编号"},
		{"api officers by cert", "GET", "/api/v1/officers?cert_no=61092100002", "", "", "", 200, `"state": "已过期"`},
		{"api officer", "GET", "/api/v1/officers/" + of, "", "", "", 200, `"cert_no": "61092100001"`},
		{"api officer unknown", "GET", "/api/v1/officers/999", "", "", "", 404, "执法人员不存在"},
		{"api officer create bad", "POST", "/api/v1/officers", admin, jsonType, `{"agency_id":` + ag + `,"name":"钱多","gender":"男","cert_no":"1","category":"市场监管","valid_from":"2026-01-01","valid_to":"2030/01/01"}`, 400, "有效期截止日期无效"},
		{"api officer create by officer", "POST", "/api/v1/officers", officer, jsonType, `{"agency_id":` + ag + `,"name":"钱多","gender":"男","cert_no":"61092100077","category":"市场监管","valid_from":"2026-01-01","valid_to":"2030-01-01"}`, 403, "无权"},
		{"api officer create", "POST", "/api/v1/officers", admin, jsonType, `{"agency_id":` + ag + `,"name":"钱多","gender":"男","cert_no":"61092100077","category":"市场监管","valid_from":"2026-01-01","valid_to":"2030-01-01"}`, 201, `"agency_name": "汉阴县市场监督管理局"`},
		{"api officer revoke", "PUT", "/api/v1/officers/" + of, admin, jsonType, `{"agency_id":` + ag + `,"name":"王志强","gender":"男","cert_no":"61092100001","category":"市场监管","valid_from":"` + validFrom + `","valid_to":"` + validTo + `","status":"注销"}`, 200, `"state": "注销"`},
		{"api officer revoked verify", "GET", "/api/v1/public/verify/officer/61092100001", "", "", "", 200, `"state": "注销"`},
		{"api matters", "GET", "/api/v1/matters?category=" + url.QueryEscape("行政许可"), "", "", "", 200, `"penalty_kinds": []`},
		{"api matter", "GET", "/api/v1/matters/" + mt, "", "", "", 200, "第一百二十二条"},
		{"api matter create bad", "POST", "/api/v1/matters", admin, jsonType, `{"agency_id":` + ag + `,"name":"x","category":"行政指导","basis":"y"}`, 400, "事项类别须为"},
		{"api matter create", "POST", "/api/v1/matters", admin, jsonType, `{"agency_id":` + ag + `,"name":"食品生产许可","category":"行政许可","basis":"《中华人民共和国食品安全法》第三十五条","time_limit":"二十个工作日"}`, 201, "二十个工作日"},
		{"api matter update", "PUT", "/api/v1/matters/" + mt, admin, jsonType, `{"agency_id":` + ag + `,"code":"CF-001","name":"n","category":"行政处罚","basis":"b","penalty_kinds":["罚款"]}`, 200, `"name": "n"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := send(t, srv.URL, tt.method, tt.path, tt.token, tt.ctype, tt.body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d\n%.3000s", resp.StatusCode, tt.status, body)
			}
			checkShown(t, tt.name, resp.StatusCode, resp.Header, string(body), len(tt.contains))
			if resp.StatusCode/100 == 3 {
				if got := resp.Header.Get("Location"); got != tt.contains {
					t.Fatalf("Location = %q, want %q", got, tt.contains)
				}
			} else if !strings.Contains(string(body), tt.contains) {
				t.Fatalf("body lacks %q:\n%.3000s", tt.contains, body)
			}
		})
	}
}

// TestPublicVerifyShowsOnlyPublishedFields checks that the public answer
// about a certificate carries no more than the law publishes.
func TestPublicVerifyShowsOnlyPublishedFields(t *testing.T) {
	srv, _, _, _ := registryServer(t)
	resp, err := http.Get(srv.URL + "/api/v1/public/verify/officer/61092100001")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"cert_no": true, "state": true, "valid": true, "name": true, "post": true, "category": true, "agency_id": true, "agency_name": true, "valid_from": true, "valid_to": true}
	for k := range got {
		if !allowed[k] {
			t.Errorf("public verification returns %q", k)
		}
	}
	if got["state"] != "有效" || got["valid"] != true || got["name"] != "王志强" {
		t.Errorf("verification = %v", got)
	}
}
