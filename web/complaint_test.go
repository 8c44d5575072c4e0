package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/complaint"
	"github.com/zhifa/zhifa/identity"
)

// TestComplaintFromPortalToReply: a complaint filed on the portal without
// an account gets a query code shown once; a wrong code reveals nothing and
// is limited; the agency's unit head accepts and answers it in the
// workbench, and the code then shows the answer — never the complainant's
// name, phone or words, on any public page.
func TestComplaintFromPortalToReply(t *testing.T) {
	srv, svc := coreServer(t)
	ctx := context.Background()
	ags, err := svc.Agencies(ctx)
	if err != nil || len(ags) != 1 {
		t.Fatal(ags, err)
	}
	ag := ags[0]
	if _, err := svc.CreateUser(ctx, zhifa.Console, identity.UserInput{Username: "kezhang", Name: "陈科长", AgencyID: ag.ID,
		Roles: []zhifa.Role{zhifa.RoleUnitHead}, Password: "Zhifa-Test-2026"}); err != nil {
		t.Fatal(err)
	}
	form := "application/x-www-form-urlencoded"
	secret := []string{"赵小琴", "13987654321", "执法人员态度恶劣并索要好处"}

	// Bad input: each wrong field named, nothing filed.
	resp, body := send(t, srv.URL, "POST", "/complaints", "", form, url.Values{"kind": {"report"}, "agency_id": {"abc"}, "subject": {""}, "content": {"x"}, "contact_phone": {"call me"}}.Encode())
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad filing: %d", resp.StatusCode)
	}
	for _, want := range []string{"请选择被投诉举报的执法主体", "请填写标题", "联系电话只能包含数字"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("bad filing page lacks %q", want)
		}
	}
	if cs, _ := svc.Complaints.List(ctx, zhifa.Actor{UserID: 1, Roles: []zhifa.Role{zhifa.RoleSupervisor}}, complaintFilter()); len(cs) != 0 {
		t.Fatalf("a refused filing stored %d complaints", len(cs))
	}

	resp, body = send(t, srv.URL, "POST", "/complaints", "", form, url.Values{"kind": {"report"}, "agency_id": {itoa(ag.ID)},
		"subject": {"检查时索要好处"}, "content": {"11月20日," + secret[2] + "。"}, "contact_name": {secret[0]}, "contact_phone": {secret[1]}}.Encode())
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("filing: %d %q\n%s", resp.StatusCode, resp.Header.Get("Cache-Control"), body)
	}
	code := regexp.MustCompile(`[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}`).FindString(string(body))
	if code == "" {
		t.Fatalf("no query code on the page:\n%s", body)
	}

	track := func(code string) (*http.Response, string) {
		resp, body := send(t, srv.URL, "POST", "/complaints/track", "", form, url.Values{"code": {code}}.Encode())
		return resp, string(body)
	}
	resp, page := track(strings.ToLower(strings.ReplaceAll(code, "-", " ")))
	if resp.StatusCode != 200 || !strings.Contains(page, "待受理") || !strings.Contains(page, ag.Name) {
		t.Fatalf("track: %d\n%s", resp.StatusCode, page)
	}

	unitHead := coreLogin(t, srv.URL, "kezhang")
	officer := coreLogin(t, srv.URL, "officer")
	if resp, _ := send(t, srv.URL, "GET", "/workbench/complaints", officer, "", ""); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("an officer opened the complaints: %d", resp.StatusCode)
	}
	resp, body = send(t, srv.URL, "GET", "/workbench/complaints", unitHead, "", "")
	if resp.StatusCode != 200 || !strings.Contains(string(body), "检查时索要好处") {
		t.Fatalf("list: %d\n%s", resp.StatusCode, body)
	}
	id := regexp.MustCompile(`/workbench/complaints/(\d+)`).FindStringSubmatch(string(body))[1]
	if _, home := send(t, srv.URL, "GET", "/workbench", unitHead, "", ""); !strings.Contains(string(home), "检查时索要好处:决定是否受理") {
		t.Errorf("the unit head's to-do list lacks the complaint to accept")
	}
	resp, body = send(t, srv.URL, "GET", "/workbench/complaints/"+id, unitHead, "", "")
	if resp.StatusCode != 200 || !strings.Contains(string(body), secret[1]) {
		t.Fatalf("the handler does not see the contact: %d", resp.StatusCode)
	}
	// Reply before acceptance: refused, the page says why.
	resp, body = send(t, srv.URL, "POST", "/workbench/complaints/"+id, unitHead, form, "action=reply&text="+url.QueryEscape("已经处理完毕。"))
	if resp.StatusCode != http.StatusConflict || !strings.Contains(string(body), "不能答复") {
		t.Fatalf("reply before acceptance: %d", resp.StatusCode)
	}
	if resp, _ = send(t, srv.URL, "POST", "/workbench/complaints/"+id, unitHead, form, "action=accept"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %d", resp.StatusCode)
	}
	resp, body = send(t, srv.URL, "POST", "/workbench/complaints/"+id, unitHead, form, "action=reply&text=")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "请填写答复内容") {
		t.Fatalf("empty reply: %d", resp.StatusCode)
	}
	answer := "经调查核实,已对涉事执法人员批评教育并责令整改。"
	if resp, _ = send(t, srv.URL, "POST", "/workbench/complaints/"+id, unitHead, form, "action=reply&text="+url.QueryEscape(answer)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply: %d", resp.StatusCode)
	}
	resp, page = track(code)
	if resp.StatusCode != 200 || !strings.Contains(page, "已答复") || !strings.Contains(page, answer) {
		t.Fatalf("track after reply: %d\n%s", resp.StatusCode, page)
	}
	for _, path := range []string{"/", "/complaints", "/complaints/track", "/publications", "/agencies"} {
		_, b := send(t, srv.URL, "GET", path, "", "", "")
		page += string(b)
	}
	for _, s := range secret {
		if strings.Contains(page, s) {
			t.Errorf("a public page shows the complainant's %q", s)
		}
	}

	// Wrong codes: nothing revealed, then limited.
	for i := range 10 {
		resp, page = track("2345-6789-ABCD-EFG" + "ABCDEFGHJK"[i:i+1])
		if resp.StatusCode != http.StatusNotFound || strings.Contains(page, ag.Name+"</dd>") {
			t.Fatalf("wrong code %d: %d", i, resp.StatusCode)
		}
	}
	if resp, _ = track(code); resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("after 10 wrong codes: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

func complaintFilter() complaint.Filter { return complaint.Filter{} }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestHotlineImportPage: a work-order file with one bad row imports
// nothing and names the row; a good one imports every order and shows
// each query code once.
func TestHotlineImportPage(t *testing.T) {
	srv, svc := coreServer(t)
	ctx := context.Background()
	ags, _ := svc.Agencies(ctx)
	if _, err := svc.CreateUser(ctx, zhifa.Console, identity.UserInput{Username: "kezhang", Name: "陈科长", AgencyID: ags[0].ID,
		Roles: []zhifa.Role{zhifa.RoleUnitHead}, Password: "Zhifa-Test-2026"}); err != nil {
		t.Fatal(err)
	}
	head := coreLogin(t, srv.URL, "kezhang")
	upload := func(csv string) (*http.Response, []byte) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", "orders.csv")
		fw.Write([]byte(csv))
		mw.Close()
		return send(t, srv.URL, "POST", "/workbench/complaints/import", head, mw.FormDataContentType(), body.String())
	}
	header := strings.Join(complaint.HotlineColumns, ",") + "\n"
	row := func(ref, kind string) string {
		return ref + "," + kind + "," + ags[0].Name + ",检查时态度粗暴,来电人称执法人员检查时态度粗暴。,,\n"
	}
	resp, body := upload(header + row("12345-1", "投诉") + row("12345-2", "咨询"))
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "第 3 行") {
		t.Fatalf("bad file: %d\n%s", resp.StatusCode, body)
	}
	if cs, _ := svc.Complaints.List(ctx, zhifa.Actor{UserID: 1, Roles: []zhifa.Role{zhifa.RoleSupervisor}}, complaint.Filter{}); len(cs) != 0 {
		t.Fatalf("a refused file imported %d orders", len(cs))
	}
	resp, body = upload(header + row("12345-1", "投诉") + row("12345-2", "举报"))
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("good file: %d\n%s", resp.StatusCode, body)
	}
	codes := regexp.MustCompile(`[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}`).FindAllString(string(body), -1)
	if len(codes) != 2 || !strings.Contains(string(body), ags[0].Name) {
		t.Fatalf("codes on the page: %v", codes)
	}
	if v, err := svc.Complaints.Track(ctx, codes[1]); err != nil || v.Kind != complaint.KindReport {
		t.Fatalf("track an imported order: %+v %v", v, err)
	}
}
