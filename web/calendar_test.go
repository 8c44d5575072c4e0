package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// calServer starts the real handler on Friday 2025-10-10 over a fresh
// database with an officer, a supervisor, an administrator and two
// deadlines: one overdue, one due soon.
func calServer(t *testing.T) *httptest.Server {
	t.Helper()
	db := storetest.MustOpenSQLite(t)
	now := func() time.Time { return time.Date(2025, 10, 10, 12, 0, 0, 0, time.FixedZone("CST", 8*3600)) }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := service.New(db, log, now)
	srv := newTestServer(t, svc, serverOpts{Origin: "test/zhifa"})
	ctx := context.Background()
	ag := &registry.Agency{Name: "汉阴县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921"}
	sfj := &registry.Agency{Name: "汉阴县司法局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A000170", Region: "610921", Supervisor: true}
	for _, a := range []*registry.Agency{ag, sfj} {
		if err := svc.CreateAgency(ctx, zhifa.Console, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []identity.UserInput{
		{Username: "officer", Name: "王志强", AgencyID: ag.ID, Roles: []zhifa.Role{zhifa.RoleOfficer}, Password: "Zhifa-Test-2026"},
		{Username: "super", Name: "陈监督", AgencyID: sfj.ID, Roles: []zhifa.Role{zhifa.RoleSupervisor}, Password: "Zhifa-Test-2026"},
		{Username: "admin", Name: "管理员", Roles: []zhifa.Role{zhifa.RoleSysAdmin}, Password: "Zhifa-Test-2026"},
	} {
		if _, err := svc.CreateUser(ctx, zhifa.Console, u); err != nil {
			t.Fatal(err)
		}
	}
	cal, err := svc.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []struct{ object, rule, start string }{
		{"case/1", "T8", "2025-09-26"}, // due 2025-10-13: 即将到期
		{"case/2", "T5", "2025-09-01"}, // due 2025-09-10: 已逾期
	} {
		if err := db.Write(ctx, func(tx *store.Tx) error {
			if _, err := svc.SetDeadline(tx, cal, d.object, ag.ID, d.rule, calendar.MustParseDate(d.start), 0); err != nil {
				return err
			}
			_, err := tx.Record(ledger.Event{Type: "test.step", Object: d.object, Actor: "system/test"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	return srv
}

// multipartBody returns a form with a schedule file and its content type.
func multipartBody(t *testing.T, filename, content string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(fw, content)
	mw.WriteField("data", "")
	mw.Close()
	return b.String(), mw.FormDataContentType()
}

func TestCalendarScenarios(t *testing.T) {
	srv := calServer(t)
	officer, super, admin := coreLogin(t, srv.URL, "officer"), coreLogin(t, srv.URL, "super"), coreLogin(t, srv.URL, "admin")
	const form = "application/x-www-form-urlencoded"
	const js = "application/json"
	sched2028 := `{"year": 2028, "source": "测试通知", "rest": [{"date": "2028-05-01", "kind": "法定节假日", "name": "劳动节"}]}`
	goodCSV, goodType := multipartBody(t, "2029.csv", "# source: 测试通知\ndate,kind,name\n2029-10-01,法定节假日,国庆节\n")
	badCSV, badType := multipartBody(t, "2029.csv", "date,kind,name\n2029-10-01,放假,国庆节\n")
	tests := []struct {
		name, method, path, token, ctype, body string
		status                                 int
		contains                               []string // for a redirect: its Location, exactly
		absent                                 string
	}{
		{"day", "GET", "/api/v1/calendar/day/2025-10-01", "", "", "", 200, []string{"法定节假日", "国庆", `"working": false`}, ""},
		{"day make-up working day", "GET", "/api/v1/calendar/day/2025-09-28", "", "", "", 200, []string{"调休上班", `"working": true`}, ""},
		{"day bad date", "GET", "/api/v1/calendar/day/2025-13-01", "", "", "", 400, []string{`"date"`, "不是有效日期"}, ""},
		{"day missing year", "GET", "/api/v1/calendar/day/2031-05-01", "", "", "", 422, []string{`"code": "rule"`, "未载入 2031 年的法定节假日安排"}, ""},
		{"add workdays", "GET", "/api/v1/calendar/add?from=2025-09-26&n=7&unit=" + url.QueryEscape("工作日"), "", "", "", 200, []string{`"due": "2025-10-13"`}, ""},
		{"add days rolled", "GET", "/api/v1/calendar/add?from=2025-09-01&n=30&unit=" + url.QueryEscape("自然日") + "&roll=true", "", "", "", 200, []string{`"due": "2025-10-09"`}, ""},
		{"add month", "GET", "/api/v1/calendar/add?from=2025-01-31&n=1&unit=" + url.QueryEscape("月"), "", "", "", 200, []string{`"due": "2025-02-28"`}, ""},
		{"add bad input", "GET", "/api/v1/calendar/add?from=x&n=-1&unit=" + url.QueryEscape("周"), "", "", "", 400, []string{`"from": "from“x”不是有效日期`, `"n": "期限数 n“-1”无效`, `"unit": "期限单位 unit“周”无效`}, ""},
		{"add missing year", "GET", "/api/v1/calendar/add?from=2027-12-20&n=30&unit=" + url.QueryEscape("工作日"), "", "", "", 422, []string{"未载入 2028 年的法定节假日安排"}, ""},
		{"between", "GET", "/api/v1/calendar/between?from=2025-09-26&to=2025-10-13", "", "", "", 200, []string{`"workdays": 7`}, ""},
		{"between missing to", "GET", "/api/v1/calendar/between?from=2025-09-26", "", "", "", 400, []string{`"to": "缺少日期参数 to`}, ""},
		{"year", "GET", "/api/v1/calendar/years/2026", "", "", "", 200, []string{`"year": 2026`, "2026-02-16"}, ""},
		{"year bad", "GET", "/api/v1/calendar/years/abc", "", "", "", 400, []string{`"year": "年份“abc”无效`}, ""},
		{"year missing", "GET", "/api/v1/calendar/years/2028", "", "", "", 422, []string{"未载入 2028 年的法定节假日安排"}, ""},
		{"put needs login", "PUT", "/api/v1/calendar/years/2028", "", js, sched2028, 401, []string{"请先登录"}, ""},
		{"put by officer", "PUT", "/api/v1/calendar/years/2028", officer, js, sched2028, 403, []string{"无权"}, ""},
		{"put year mismatch", "PUT", "/api/v1/calendar/years/2029", admin, js, sched2028, 400, []string{`"year": "地址中的年份 2029 与放假安排的年份 2028 不一致"`}, ""},
		{"put bad schedule", "PUT", "/api/v1/calendar/years/2028", admin, js, `{"year": 2028, "rest": []}`, 400, []string{`"schedule": "JSON 2028 年节假日安排：未列出任何放假日"`}, ""},
		{"put", "PUT", "/api/v1/calendar/years/2028", admin, js, sched2028, 200, []string{"2028-05-01"}, ""},
		{"put takes effect at once", "GET", "/api/v1/calendar/day/2028-05-01", "", "", "", 200, []string{"法定节假日", "劳动节"}, ""},
		{"deadlines need login", "GET", "/api/v1/deadlines", "", "", "", 401, []string{"请先登录"}, ""},
		{"deadlines not for admins", "GET", "/api/v1/deadlines", admin, "", "", 403, []string{"无权查阅案件"}, ""},
		{"deadlines officer", "GET", "/api/v1/deadlines", officer, "", "", 200, []string{`"object": "case/2"`, "已逾期", "即将到期", `"workdays_left": 2`}, ""},
		{"deadlines supervisor", "GET", "/api/v1/deadlines", super, "", "", 200, []string{"case/1", "汉阴县市场监督管理局"}, ""},
		{"rules", "GET", "/api/v1/deadline-rules", "", "", "", 200, []string{`"id": "T8"`, "行政处罚法"}, ""},
		{"year page needs login", "GET", "/workbench/calendar?year=2026", "", "", "", 303, []string{"/login?next=%2Fworkbench%2Fcalendar%3Fyear%3D2026"}, ""},
		{"year page", "GET", "/workbench/calendar?year=2026", officer, "", "", 200, []string{"2026 年 2 月", "春节", `<caption>`, `title="调休上班"`, "图例"}, "导入或更正"},
		{"year page admin", "GET", "/workbench/calendar?year=2026", admin, "", "", 200, []string{"导入或更正放假安排", `enctype="multipart/form-data"`}, ""},
		{"year page missing year", "GET", "/workbench/calendar?year=2031", officer, "", "", 200, []string{"<h1>工作日历 2031 年</h1>", "未载入 2031 年的法定节假日安排"}, "全年工作日"},
		{"import by officer", "POST", "/workbench/calendar/import", officer, goodType, goodCSV, 403, []string{"无权管理工作日历"}, ""},
		{"import bad csv", "POST", "/workbench/calendar/import", admin, badType, badCSV, 400, []string{"第 2 行", "field-error"}, ""},
		{"import empty", "POST", "/workbench/calendar/import", admin, form, "data=", 400, []string{"请选择文件或粘贴"}, ""},
		{"import pasted json", "POST", "/workbench/calendar/import", admin, form, "data=" + url.QueryEscape(strings.Replace(sched2028, "劳动节", "五一", 1)), 200, []string{"已导入 2028 年", "五一"}, ""},
		{"import file", "POST", "/workbench/calendar/import", admin, goodType, goodCSV, 200, []string{"已导入 2029 年", "2029 年 10 月", "国庆节"}, ""},
		{"deadlines page", "GET", "/workbench/deadlines", officer, "", "", 200, []string{"已逾期 ", "剩余 2 个工作日", "法定期限规则", "行政处罚法"}, ""},
		{"deadlines page admin", "GET", "/workbench/deadlines", admin, "", "", 200, []string{"没有需要监控的期限", "行政处罚决定书送达期限"}, "case/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := send(t, srv.URL, tt.method, tt.path, tt.token, tt.ctype, tt.body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			checkShown(t, tt.name, resp.StatusCode, resp.Header, string(body), len(tt.contains))
			if resp.StatusCode/100 == 3 {
				if got := resp.Header.Get("Location"); len(tt.contains) != 1 || got != tt.contains[0] {
					t.Errorf("Location = %q, want %q", got, tt.contains)
				}
			} else {
				for _, c := range tt.contains {
					if !strings.Contains(string(body), c) {
						t.Errorf("body lacks %q:\n%s", c, body)
					}
				}
			}
			if tt.absent != "" && strings.Contains(string(body), tt.absent) {
				t.Errorf("body has %q:\n%s", tt.absent, body)
			}
		})
	}
}
