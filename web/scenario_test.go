package web_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// What every scenario row must show, whatever its expectations: a row that
// checks only a status passes when the user sees the wrong page, so the
// runners here refuse rows without a Location or content, and check what
// any error must carry.

var (
	alertTextRe = regexp.MustCompile(`(?s)role="alert"[^>]*>(.*?)</(?:div|p|section)>`)
	tagRe       = regexp.MustCompile(`<[^>]*>`)
)

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// checkShown fails unless the response shows the user what its status
// promises: a redirect names where it goes (the row compares it); a JSON
// error carries its code and a Chinese message; an error page holds a
// Chinese message in an alert. what names the row; wants are the row's own
// expectations (content or Location), of which there must be at least one.
func checkShown(t *testing.T, what string, status int, header http.Header, body string, wants int) {
	t.Helper()
	if wants == 0 {
		t.Fatalf("%s: the row checks only the status (%d); say what the user sees", what, status)
	}
	switch ct := header.Get("Content-Type"); {
	case status >= 300 && status < 400:
		if header.Get("Location") == "" {
			t.Errorf("%s: %d without a Location", what, status)
		}
	case status >= 400 && strings.HasPrefix(ct, "application/json"):
		var e apiErrorBody
		if err := json.Unmarshal([]byte(body), &e); err != nil {
			t.Errorf("%s: %d with a body that is not a JSON error: %v\n%.500s", what, status, err, body)
		} else if e.Code == "" || !hasHan(e.Message) {
			t.Errorf("%s: %d error without a code or a Chinese message: %+v", what, status, e)
		}
	case status >= 400 && strings.HasPrefix(ct, "text/html"):
		ok := false
		for _, m := range alertTextRe.FindAllStringSubmatch(body, -1) {
			// The layout's alert starts with a fixed "操作未完成:": the
			// message is what follows.
			text := strings.TrimPrefix(strings.TrimSpace(tagRe.ReplaceAllString(m[1], "")), "操作未完成:")
			ok = ok || hasHan(text)
		}
		if !ok {
			t.Errorf("%s: %d page without a Chinese message in an alert\n%.3000s", what, status, body)
		}
	}
}

// wantRedirect fails unless r is a 303 to location.
func wantRedirect(t *testing.T, what string, r reply, location string) {
	t.Helper()
	if r.status != http.StatusSeeOther || r.header.Get("Location") != location {
		t.Fatalf("%s: %d to %q, want 303 to %q\n%.3000s", what, r.status, r.header.Get("Location"), location, pageError(r.body))
	}
}
