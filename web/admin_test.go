package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
)

// 三员分立 in the workbench: each administrator sees and can do only its
// part; a forged form of another's part is refused naming who may; every
// action shows in the audit trail, which only the audit administrator (and
// the 司法局) reads.
func TestAdminThreeRolesInTheWorkbench(t *testing.T) {
	srv, svc := coreServer(t)
	ctx := context.Background()
	for _, u := range []identity.UserInput{
		{Username: "secadmin", Name: "安全管理员", Roles: []zhifa.Role{zhifa.RoleSecAdmin}, Password: "Zhifa-Test-2026"},
		{Username: "auditor", Name: "审计管理员", Roles: []zhifa.Role{zhifa.RoleAuditor}, Password: "Zhifa-Test-2026"},
	} {
		if _, err := svc.CreateUser(ctx, zhifa.Console, u); err != nil {
			t.Fatal(err)
		}
	}
	sys, sec, aud, officer := coreLogin(t, srv.URL, "admin"), coreLogin(t, srv.URL, "secadmin"), coreLogin(t, srv.URL, "auditor"), coreLogin(t, srv.URL, "officer")
	const formType = "application/x-www-form-urlencoded"
	post := func(tok, path, body string) (int, string) {
		resp, b := send(t, srv.URL, "POST", path, tok, formType, body)
		return resp.StatusCode, string(b)
	}
	// The pages show each only its part.
	_, page := send(t, srv.URL, "GET", "/workbench/admin/users", sys, "", "")
	if !strings.Contains(string(page), `action="/workbench/admin/users"`) || strings.Contains(string(page), `/roles"`) {
		t.Error("the system administrator's page should offer accounts, not roles")
	}
	_, page = send(t, srv.URL, "GET", "/workbench/admin/users", sec, "", "")
	if strings.Contains(string(page), `action="/workbench/admin/users"`) || !strings.Contains(string(page), `/roles"`) || strings.Contains(string(page), `/password"`) {
		t.Error("the security administrator's page should offer roles, not accounts or passwords")
	}
	if resp, _ := send(t, srv.URL, "GET", "/workbench/admin/users", aud, "", ""); resp.StatusCode != http.StatusForbidden {
		t.Errorf("auditor on the user page = %d, want 403", resp.StatusCode)
	}

	create := "username=xinren&name=%E6%96%B0%E4%BA%BA&password=Hanjiang-Qingshui-2026"
	if st, body := post(sec, "/workbench/admin/users", create); st != http.StatusForbidden || !strings.Contains(body, "只有系统管理员") {
		t.Errorf("secadmin creates an account = %d, want 403 naming 系统管理员", st)
	}
	if st, body := post(sys, "/workbench/admin/users", create); st != http.StatusSeeOther {
		t.Fatalf("sysadmin creates an account = %d, want 303: %s", st, body[strings.Index(body, "<main"):])
	}
	u, err := svc.FindUserByName(ctx, zhifa.Console, "xinren")
	if err != nil || len(u.Roles) != 0 {
		t.Fatalf("new account: %v %v, want one without roles", u, err)
	}
	id := strconv.FormatInt(u.ID, 10)
	if st, body := post(sys, "/workbench/admin/users/"+id+"/roles", "roles=auditor"); st != http.StatusForbidden || !strings.Contains(body, "安全管理员") {
		t.Errorf("sysadmin grants a role = %d, want 403 naming 安全管理员", st)
	}
	if st, _ := post(sec, "/workbench/admin/users/"+id+"/roles", "roles=officer&roles=auditor"); st != http.StatusBadRequest {
		t.Errorf("secadmin grants an administrator and an enforcement role together = %d, want 400", st)
	}
	if st, _ := post(sec, "/workbench/admin/users/"+id+"/roles", "roles=auditor"); st != http.StatusSeeOther {
		t.Errorf("secadmin grants a role = %d, want 303", st)
	}
	if st, _ := post(sec, "/workbench/admin/users/"+id+"/password", "password=Neues-Kennwort-2026"); st != http.StatusForbidden {
		t.Errorf("secadmin resets a password = %d, want 403", st)
	}
	if st, _ := post(sys, "/workbench/admin/users/"+id+"/password", "password=Neues-Kennwort-2026"); st != http.StatusSeeOther {
		t.Errorf("sysadmin resets a password = %d, want 303", st)
	}
	if st, _ := post(sec, "/workbench/admin/users/"+id+"/disable", ""); st != http.StatusForbidden {
		t.Errorf("secadmin disables = %d, want 403", st)
	}
	if st, _ := post(sys, "/workbench/admin/users/"+id+"/disable", ""); st != http.StatusSeeOther {
		t.Errorf("sysadmin disables = %d, want 303", st)
	}

	// The audit trail: every action, for the auditor only.
	for _, tok := range []string{officer, sys, sec} {
		if resp, _ := send(t, srv.URL, "GET", "/workbench/audit", tok, "", ""); resp.StatusCode != http.StatusForbidden {
			t.Errorf("audit trail for a non-auditor = %d, want 403", resp.StatusCode)
		}
	}
	resp, body := send(t, srv.URL, "GET", "/workbench/audit?object=user/"+id, aud, "", "")
	if resp.StatusCode != 200 {
		t.Fatalf("audit trail = %d %s", resp.StatusCode, body)
	}
	for _, w := range []string{"创建用户账号", "设置用户角色", "重置用户密码", "停用用户账号", "系统管理员 管理员", "安全管理员 安全管理员", "用户 " + id, "/api/v1/ledger/events/"} {
		if !strings.Contains(string(body), w) {
			t.Errorf("audit trail lacks %q", w)
		}
	}
	// Four actions and the three refusals (the secadmin's password and
	// disabling, the sysadmin's roles), each recorded.
	if strings.Count(string(body), "<tr><td data-label=\"序号\">") != 7 || strings.Count(string(body), "拒绝越权操作") != 3 {
		t.Errorf("audit trail of user/%s: %d rows, want 7", id, strings.Count(string(body), "<tr><td data-label=\"序号\">"))
	}
	resp, body = send(t, srv.URL, "GET", "/workbench/audit.csv?object=user/"+id, aud, "", "")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") || strings.Count(string(body), "\n") != 8 {
		t.Errorf("audit CSV = %d %s with %d lines, want 200 text/csv with a header and 7 rows", resp.StatusCode, resp.Header.Get("Content-Type"), strings.Count(string(body), "\n"))
	}
	if resp, _ := send(t, srv.URL, "GET", "/workbench/audit?from=2025-13-45", aud, "", ""); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("audit trail with a bad date = %d, want 400", resp.StatusCode)
	}
}

// The same separation in the API.
func TestAdminThreeRolesInTheAPI(t *testing.T) {
	srv, svc := coreServer(t)
	ctx := context.Background()
	for _, u := range []identity.UserInput{
		{Username: "secadmin", Name: "安全管理员", Roles: []zhifa.Role{zhifa.RoleSecAdmin}, Password: "Zhifa-Test-2026"},
		{Username: "auditor", Name: "审计管理员", Roles: []zhifa.Role{zhifa.RoleAuditor}, Password: "Zhifa-Test-2026"},
	} {
		if _, err := svc.CreateUser(ctx, zhifa.Console, u); err != nil {
			t.Fatal(err)
		}
	}
	sys, sec, aud, officer := coreLogin(t, srv.URL, "admin"), coreLogin(t, srv.URL, "secadmin"), coreLogin(t, srv.URL, "auditor"), coreLogin(t, srv.URL, "officer")
	const js = "application/json"
	call := func(tok, method, path, body string) (int, string) {
		resp, b := send(t, srv.URL, method, path, tok, js, body)
		return resp.StatusCode, string(b)
	}
	account := `{"username":"xinren","name":"新人","password":"Hanjiang-Qingshui-2026"}`
	if st, _ := call(sec, "POST", "/api/v1/admin/users", account); st != http.StatusForbidden {
		t.Errorf("secadmin creates = %d, want 403", st)
	}
	st, body := call(sys, "POST", "/api/v1/admin/users", account)
	if st != http.StatusCreated || !strings.Contains(body, `"roles": []`) {
		t.Fatalf("sysadmin creates = %d %s, want 201 without roles", st, body)
	}
	u, err := svc.FindUserByName(ctx, zhifa.Console, "xinren")
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(u.ID, 10)
	for _, tt := range []struct {
		tok, method, path, body string
		status                  int
	}{
		{sys, "PUT", "/api/v1/admin/users/" + id + "/roles", `{"roles":["auditor"]}`, 403},
		{sec, "PUT", "/api/v1/admin/users/" + id + "/roles", `{"roles":["nobody"]}`, 400},
		{sec, "PUT", "/api/v1/admin/users/" + id + "/roles", `{"roles":["auditor"]}`, 200},
		{sec, "POST", "/api/v1/admin/users/" + id + "/password", `{"password":"Neues-Kennwort-2026"}`, 403},
		{sys, "POST", "/api/v1/admin/users/" + id + "/password", `{"password":"Neues-Kennwort-2026"}`, 204},
		{aud, "PUT", "/api/v1/admin/users/" + id + "/disabled", `{"disabled":true}`, 403},
		{sys, "PUT", "/api/v1/admin/users/" + id + "/disabled", `{"disabled":true}`, 200},
		{officer, "GET", "/api/v1/audit/events", "", 403},
		{sys, "GET", "/api/v1/audit/events", "", 403},
		{aud, "GET", "/api/v1/audit/events?limit=0", "", 400},
	} {
		if st, body := call(tt.tok, tt.method, tt.path, tt.body); st != tt.status {
			t.Errorf("%s %s %s = %d, want %d: %s", tt.method, tt.path, tt.body, st, tt.status, body)
		}
	}
	st, body = call(aud, "GET", "/api/v1/audit/events?type=user.&object=user/"+id, "")
	for _, w := range []string{`"meaning": "创建用户账号"`, `"meaning": "设置用户角色"`, `"meaning": "重置用户密码"`, `"meaning": "停用用户账号"`, `"proof_url": "/api/v1/ledger/proof/`} {
		if st != 200 || !strings.Contains(body, w) {
			t.Errorf("audit events = %d, lack %s", st, w)
		}
	}
}
