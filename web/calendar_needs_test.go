package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestCalendarNeedsWarning checks the missing-year warning: on days when
// time limits will soon reach a year whose schedule is not loaded (here
// 2028, past the built-in years), the administrator who may import it is
// warned on the workbench home and the calendar page, others are not, the
// computations that reach the year fail naming it, and importing the year
// ends the warning. The dates are fixed: the test is about the end of the
// built-in calendar, not about today.
func TestCalendarNeedsWarning(t *testing.T) {
	srv, svc := coreServer(t)
	var now time.Time
	svc.Now = func() time.Time { return now }
	svc.DB.Now = svc.Now
	cst := time.FixedZone("CST", 8*3600)
	get := func(token, path string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	const warning = "尚未载入 2028 年的法定节假日安排"
	check := func(when string, token, path string, want []string, absent string) {
		t.Helper()
		status, body := get(token, path)
		if status != 200 {
			t.Errorf("%s: GET %s = %d, want 200", when, path, status)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: GET %s does not show %q", when, path, w)
			}
		}
		if absent != "" && strings.Contains(body, absent) {
			t.Errorf("%s: GET %s shows %q", when, path, absent)
		}
	}
	rolled := "/api/v1/calendar/add?from=2027-12-20&n=15&unit=" + url.QueryEscape("自然日") + "&roll=true"

	now = time.Date(2027, 10, 20, 10, 0, 0, 0, cst) // 73 days before 2028: not yet
	admin, officer := coreLogin(t, srv.URL, "admin"), coreLogin(t, srv.URL, "officer")
	check("2027-10-20", admin, "/workbench", []string{"工作日历"}, warning)
	check("2027-10-20", admin, "/workbench/calendar", []string{"工作日历 2027 年"}, warning)

	now = time.Date(2027, 12, 20, 10, 0, 0, 0, cst)
	admin, officer = coreLogin(t, srv.URL, "admin"), coreLogin(t, srv.URL, "officer")
	for _, path := range []string{"/workbench", "/workbench/calendar"} {
		check("2027-12-20", admin, path, []string{warning, "12 天后进入 2028 年", `href="/workbench/calendar?year=2028"`}, "")
		check("2027-12-20 (officer)", officer, path, nil, warning)
	}
	if status, body := get(officer, rolled); status != 422 || !strings.Contains(body, "未载入 2028 年") {
		t.Errorf("15 days rolled from 2027-12-20 before 2028 is imported: %d %s, want 422 naming 2028", status, body)
	}

	now = time.Date(2028, 1, 3, 10, 0, 0, 0, cst)
	admin = coreLogin(t, srv.URL, "admin")
	check("2028-01-03", admin, "/workbench", []string{warning, "现在已无法计算"}, "")

	sched := `{"year": 2028, "source": "国务院办公厅关于2028年部分节假日安排的通知", "rest": [{"date": "2028-01-01", "kind": "法定节假日", "name": "元旦"}]}`
	req, _ := http.NewRequest("PUT", srv.URL+"/api/v1/calendar/years/2028", strings.NewReader(sched))
	req.Header.Set("Authorization", "Bearer "+admin)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("import 2028: %d", resp.StatusCode)
	}
	check("2028-01-03, 2028 imported", admin, "/workbench", []string{"工作日历"}, warning)
	if status, body := get(admin, rolled); status != 200 || !strings.Contains(body, `"due": "2028-01-04"`) {
		t.Errorf("15 days rolled from 2027-12-20 after the import: %d %s, want 2028-01-04", status, body)
	}
}
