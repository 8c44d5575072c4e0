package web_test

// Tests for what a newcomer tripped over (issue 16, item 10): each fails
// without its fix.

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestNewcomerMattersBadFilter(t *testing.T) {
	srv, svc := coreServer(t)
	ags, err := svc.Agencies(t.Context())
	if err != nil || len(ags) == 0 {
		t.Fatalf("agencies: %v", err)
	}
	for _, tt := range []struct {
		path   string
		status int
		want   string
	}{
		{"/matters?agency_id=abc", http.StatusBadRequest, "执法主体“abc”不存在"},
		{"/matters?agency_id=9999", http.StatusBadRequest, "执法主体“9999”不存在"},
		{"/matters?category=" + url.QueryEscape("随便"), http.StatusBadRequest, "事项类别“随便”不在可选范围内"},
		{fmt.Sprintf("/matters?agency_id=%d", ags[0].ID), http.StatusOK, "权责清单"},
	} {
		resp, body := send(t, srv.URL, "GET", tt.path, "", "", "")
		if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.want) {
			t.Errorf("GET %s = %d, want %d with %q", tt.path, resp.StatusCode, tt.status, tt.want)
		}
		if tt.status == http.StatusBadRequest && !strings.Contains(string(body), `aria-invalid="true"`) {
			t.Errorf("GET %s: the field is not marked invalid", tt.path)
		}
	}
}
