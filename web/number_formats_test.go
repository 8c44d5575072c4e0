package web_test

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestNumberFormatsPage: the administrator sets the agency's 决定书 number
// format on its page (refused with the problem when malformed); an officer
// sees the formats and may not change them.
func TestNumberFormatsPage(t *testing.T) {
	s := newCaseSite(t, storetest.MustOpenSQLite(t))
	if _, err := s.svc.CreateUser(context.Background(), zhifa.Console, identity.UserInput{Username: "admin", Name: "admin", AgencyID: s.agency.ID,
		Roles: []zhifa.Role{zhifa.RoleSysAdmin}, Password: "Zhifa-Test-2026"}); err != nil {
		t.Fatal(err)
	}
	admin, o1 := s.browser("admin"), s.browser("o1")
	page := fmt.Sprintf("/workbench/number-formats?agency_id=%d", s.agency.ID)
	wantStatus(t, "page", s.get(admin, page), 200, "行政处罚决定书", "{简称}罚〔{年}〕{序号}号", "(默认)")
	form := func(f string) url.Values {
		return url.Values{"agency_id": {fmt.Sprint(s.agency.ID)}, "doc_type": {"decision"}, "format": {f}}
	}
	wantStatus(t, "bad format", s.postForm(admin, "/workbench/number-formats", form("{简称}罚〔{年}〕号")), 400, "文号格式须含且只含一个“{序号}”")
	wantStatus(t, "officer", s.postForm(o1, "/workbench/number-formats", form("{简称}处罚〔{年}〕{序号}号")), 403, "无权管理基础库")
	if r := s.postForm(admin, "/workbench/number-formats", form("{简称}处罚〔{年}〕{序号}号")); r.status != 303 {
		t.Fatalf("set format: %d %.500s", r.status, r.body)
	}
	wantStatus(t, "officer reads", s.get(o1, page), 200, "{简称}处罚〔{年}〕{序号}号")
	if !s.ledgerHas("agency.number_format", fmt.Sprintf("agency/%d", s.agency.ID)) {
		t.Error("no ledger event for the format")
	}
}
