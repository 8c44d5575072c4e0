package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/zhifa/zhifa/publicity"

	"github.com/zhifa/zhifa/demo"
	"github.com/zhifa/zhifa/idcode"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store/storetest"
)

// The public side must never show personal data (DOMAIN §9, DESIGN
// invariant 4). These tests read the portal as the public does — every
// page reachable by links from "/", the feed, the export and the public
// JSON — and look for what must not be there.

const crawlMaxPages = 2000

var (
	crawlAnchorRe = regexp.MustCompile(`(?is)<a\b[^>]*?\bhref\s*=\s*"([^"]*)"`)
	crawlLinkRe   = regexp.MustCompile(`(?is)<link\b[^>]*?\bhref\s*=\s*"([^"]*)"`)
)

// crawlSkipped reports whether a path is outside the public crawl: the
// workbench, login and logout, the API (its public parts are fetched
// explicitly) and the log's tiles (binary hashes).
func crawlSkipped(path string) bool {
	for _, p := range []string{"/workbench", "/login", "/logout", "/api/", "/log/tile"} {
		if path == strings.TrimSuffix(p, "/") || strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// crawlLinks returns the links of body: every <a href>, and <link href>
// only to the feed and the export (not stylesheets).
func crawlLinks(body []byte) []string {
	var out []string
	for _, m := range crawlAnchorRe.FindAllSubmatch(body, -1) {
		out = append(out, html.UnescapeString(string(m[1])))
	}
	for _, m := range crawlLinkRe.FindAllSubmatch(body, -1) {
		href := html.UnescapeString(string(m[1]))
		if u, err := url.Parse(href); err == nil && (strings.HasSuffix(u.Path, ".atom") || strings.HasSuffix(u.Path, ".csv")) {
			out = append(out, href)
		}
	}
	return out
}

// crawlPublic reads the public portal at baseURL as a visitor does: from "/"
// it follows every same-origin link (not forms) outside the workbench,
// login, API and log tiles, up to crawlMaxPages pages, then fetches the
// public JSON explicitly: the publications list (all pages), each
// publication's JSON, each certificate's verification and the registry
// lists. It returns each body by path and query. A page that fails (4xx,
// 5xx) fails the test: the portal links only to what exists.
func crawlPublic(t *testing.T, baseURL string) map[string][]byte {
	t.Helper()
	base, err := url.Parse(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	pages := map[string][]byte{}
	fetch := func(ref string) (body []byte, location string, ok bool) {
		resp, err := client.Get(baseURL + ref)
		if err != nil {
			t.Errorf("GET %s: %v", ref, err)
			return nil, "", false
		}
		defer resp.Body.Close()
		body, err = io.ReadAll(resp.Body)
		if err != nil {
			t.Errorf("GET %s: %v", ref, err)
			return nil, "", false
		}
		switch {
		case resp.StatusCode >= 300 && resp.StatusCode < 400:
			return body, resp.Header.Get("Location"), true
		case resp.StatusCode != http.StatusOK:
			t.Errorf("GET %s = %d: %.300s", ref, resp.StatusCode, body)
			return body, "", false
		}
		return body, "", true
	}
	// local turns a link into a same-origin path?query, or "".
	local := func(from *url.URL, href string) string {
		u, err := from.Parse(strings.TrimSpace(href))
		if err != nil || u.Scheme != base.Scheme || u.Host != base.Host || crawlSkipped(u.Path) {
			return ""
		}
		u.Fragment = ""
		return u.RequestURI()
	}
	queue, seen := []string{"/"}, map[string]bool{"/": true}
	for len(queue) > 0 {
		ref := queue[0]
		queue = queue[1:]
		if len(pages) >= crawlMaxPages {
			t.Errorf("crawl stopped at %d pages; %d links left", crawlMaxPages, len(queue)+1)
			break
		}
		body, location, ok := fetch(ref)
		if !ok {
			continue
		}
		pages[ref] = body
		from, _ := base.Parse(ref)
		links := crawlLinks(body)
		if location != "" {
			links = append(links, location)
		}
		for _, href := range links {
			if next := local(from, href); next != "" && !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}

	// The public JSON, explicitly.
	get := func(ref string) []byte {
		if body, _, ok := fetch(ref); ok {
			pages[ref] = body
			return body
		}
		return nil
	}
	for offset := 0; offset < 100000; offset += 100 {
		body := get(fmt.Sprintf("/api/v1/publications?limit=100&offset=%d", offset))
		var list struct {
			Items []json.RawMessage `json:"items"`
			Total int               `json:"total"`
		}
		if json.Unmarshal(body, &list) != nil || offset+100 >= list.Total {
			break
		}
	}
	for _, ref := range []string{"/api/v1/agencies", "/api/v1/officers", "/api/v1/matters"} {
		get(ref)
	}
	for _, ref := range slices.Sorted(maps.Keys(pages)) {
		switch {
		case strings.HasPrefix(ref, "/publications/") && !strings.HasSuffix(ref, "/record"):
			get("/api/v1" + ref)
		case strings.HasPrefix(ref, "/verify/officer/"):
			get("/api/v1/public" + ref)
		}
	}
	return pages
}

var (
	// A landline: area code 0xx or 0xxx, a hyphen, 7 or 8 digits, not
	// inside a longer run of digits.
	crawlLandlineRe = regexp.MustCompile(`(?:^|[^0-9])(0[0-9]{2,3}-[0-9]{7,8})(?:[^0-9]|$)`)
	// crawlDwellingRe finds what identifies a dwelling (issue 17.6): a
	// building, unit or room number, or a village 组 with a house number.
	// Masked forms ("新民路****") have no number before the unit.
	crawlDwellingRe = regexp.MustCompile(`[0-9A-Z一二三四五六七八九十零〇两]+ ?(?:幢|栋|号楼|单元)|[0-9]+ ?室|[一二三四五六七八九十0-9]+ ?组 ?[0-9]+ ?号`)
)

// foldWidth returns body with full-width forms (U+FF01–U+FF5E, as a
// Chinese input method types digits, letters and hyphens) and the
// ideographic space folded to ASCII, as NFKC folds them: a number typed
// full-width is the same personal data. (golang.org/x/text is only an
// indirect dependency of the module; this is the part of NFKC that input
// methods produce.)
func foldWidth(body []byte) []byte {
	if !bytes.ContainsFunc(body, func(r rune) bool { return r == '\u3000' || r >= '\uFF01' && r <= '\uFF5E' }) {
		return body
	}
	return bytes.Map(func(r rune) rune {
		switch {
		case r >= '\uFF01' && r <= '\uFF5E':
			return r - 0xFF01 + '!'
		case r == '\u3000':
			return ' '
		}
		return r
	}, body)
}

// findPersonalData returns each piece of personal data in body, labelled:
// an 18-character 居民身份证号 with a valid GB 11643 check digit, a
// 15-digit legacy one with a real birth date, a mobile number 1[3-9]
// followed by nine digits, or a landline. Full-width digits count as
// digits (foldWidth); the numbers are reported in ASCII. Numbers are read
// as contiguous runs of digits (an 18-character one may end in X): a digit
// run longer than the pattern is not a match, so digests and serials do
// not count, and masked forms (610921************, 138****4567) have no
// full run.
func findPersonalData(body []byte) []string {
	var out []string
	body = foldWidth(body)
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	for i := 0; i < len(body); {
		if !isDigit(body[i]) {
			i++
			continue
		}
		j := i
		for j < len(body) && isDigit(body[j]) {
			j++
		}
		run := string(body[i:j])
		if len(run) == 17 && j < len(body) && (body[j] == 'X' || body[j] == 'x') {
			run += string(body[j])
			j++
		}
		switch {
		case len(run) == 18 && idcode.ValidResident(run):
			out = append(out, "身份证号 "+run)
		case len(run) == 15 && idcode.ValidLegacyResident(run):
			out = append(out, "身份证号(15 位) "+run)
		case len(run) == 11 && run[0] == '1' && run[1] >= '3' && run[1] <= '9':
			out = append(out, "手机号 "+run)
		}
		i = j
	}
	// The landline pattern's delimiters consume a character, so overlapping
	// matches are found by scanning from each match's number.
	for rest := body; ; {
		loc := crawlLandlineRe.FindSubmatchIndex(rest)
		if loc == nil {
			break
		}
		out = append(out, "固定电话 "+string(rest[loc[2]:loc[3]]))
		rest = rest[loc[3]:]
	}
	for _, m := range crawlDwellingRe.FindAll(body, -1) {
		out = append(out, "住址 "+string(m))
	}
	for _, n := range crawlOtherPersons {
		if bytes.Contains(body, []byte(n)) {
			out = append(out, "姓名 "+n)
		}
	}
	return out
}

// crawlOtherPersons are the other natural persons the demo's decisions
// name (demo/redact_cases.go: a witness and a neighbour): their names
// never reach a public page, only 姓+某.
var crawlOtherPersons = []string{"邬春燕", "卞海涛"}

// checkCrawl fails for every page with personal data other than the
// allowed strings (agencies' own office phones, published on purpose).
func checkCrawl(t *testing.T, pages map[string][]byte, allowed []string) {
	t.Helper()
	for _, ref := range slices.Sorted(maps.Keys(pages)) {
		for _, found := range findPersonalData(pages[ref]) {
			number := found[strings.LastIndexByte(found, ' ')+1:]
			if !slices.Contains(allowed, number) {
				t.Errorf("%s shows personal data: %s", ref, found)
			}
		}
	}
}

// agencyPhones are the office phones of all agencies: public by design
// (DOMAIN §4 事前公开), so the crawl allows exactly these.
func agencyPhones(t *testing.T, svc *service.Service) []string {
	t.Helper()
	ags, err := svc.Agencies(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range ags {
		if a.Phone != "" {
			out = append(out, a.Phone)
		}
	}
	return out
}

func TestFindPersonalData(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"身份证号 610921198503124517。", []string{"身份证号 610921198503124517"}},
		{"身份证号610921198503124518", nil}, // bad check digit
		{"11010519491231002X 与 11010519491231002x", []string{"身份证号 11010519491231002X", "身份证号 11010519491231002x"}},
		{"旧证 610921850312451", []string{"身份证号(15 位) 610921850312451"}},
		{"摘要 a6109211985031245170b", nil}, // part of a longer digit run
		{"脱敏 610921************ 138****4567 0915-*******", nil},
		{"电话13891534567,", []string{"手机号 13891534567"}},
		{"电话 12891534567 或 138915345678", nil},
		{"办公电话 0915-5212345、029-87654321", []string{"固定电话 0915-5212345", "固定电话 029-87654321"}},
		{"日期 2026-11-26,编号 10915-5212345", nil},
		{"执法证号 61092100101,文号 汉阴市监罚〔2026〕15号", nil},
		// Typed full-width (as a Chinese input method does), or partly so.
		{"身份证号 ６１０９２１１９８５０３１２４５１７。", []string{"身份证号 610921198503124517"}},
		{"身份证号６１０９２１１９８５０３１２４５１８", nil}, // bad check digit
		{"１１０１０５１９４９１２３１００２Ｘ", []string{"身份证号 11010519491231002X"}},
		{"6109２1198503124517", []string{"身份证号 610921198503124517"}},
		{"旧证 ６１０９２１８５０３１２４５１", []string{"身份证号(15 位) 610921850312451"}},
		{"电话：１３８９１５３４５６７", []string{"手机号 13891534567"}},
		{"电话　１３８９１５３４５６７８", nil}, // twelve digits
		{"办公电话 ０９１５－５２１２３４５", []string{"固定电话 0915-5212345"}},
		{"脱敏 ６１０９２１＊＊＊＊＊＊＊＊＊＊＊＊ １３８＊＊＊＊４５６７", nil},
		// Dwellings (issue 17.6), also full-width, and their masked forms.
		{"在城关镇新民路7号2单元302室内", []string{"住址 2单元", "住址 302室"}},
		{"住址：仁河村三组 11 号", []string{"住址 三组 11 号"}},
		{"锦绣花园Ｂ栋１２０３室", []string{"住址 B栋", "住址 1203室"}},
		{"在城关镇新民路****内,仁河村****,听证室,北大街 18 号 3 楼", nil},
		{"证人邬春燕证实;证人邬某证实", []string{"姓名 邬春燕"}},
	}
	for _, tt := range tests {
		if got := findPersonalData([]byte(tt.in)); !slices.Equal(got, tt.want) {
			t.Errorf("findPersonalData(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCrawlPortalNoPersonalData crawls the portal over published decisions
// of a natural person and an organisation, corrected, (and one pending, one
// withdrawn): no page, feed,
// export or public JSON shows an ID number or a phone — except the
// agencies' own office phones — nor any raw party data.
func TestCrawlPortalNoPersonalData(t *testing.T) {
	s := newPubSite(t, storetest.MustOpenSQLite(t))
	pages := crawlPublic(t, s.srv.URL)
	for _, ref := range []string{"/", "/publications", "/publications.csv", "/publications.atom", "/agencies", "/matters", "/verify/officer",
		fmt.Sprintf("/publications/%d", s.person.ID), fmt.Sprintf("/publications/%d", s.org.ID),
		fmt.Sprintf("/api/v1/publications/%d", s.person.ID), "/api/v1/publications?limit=100&offset=0", "/api/v1/public/verify/officer/61092100101"} {
		if _, ok := pages[ref]; !ok {
			t.Errorf("crawl did not reach %s", ref)
		}
	}
	if _, ok := pages[fmt.Sprintf("/publications/%d", s.pending.ID)]; ok {
		t.Errorf("crawl reached the pending publication")
	}
	// The withdrawn decision stays reachable, as a withdrawal notice.
	for _, ref := range []string{"/publications?status=withdrawn", fmt.Sprintf("/publications/%d", s.withdrawn.ID),
		fmt.Sprintf("/api/v1/publications/%d", s.withdrawn.ID)} {
		if _, ok := pages[ref]; !ok {
			t.Errorf("crawl did not reach %s", ref)
		}
	}
	allowed := agencyPhones(t, s.svc)
	if !slices.Contains(allowed, "0915-5211315") {
		t.Fatalf("agency phones %q", allowed)
	}
	checkCrawl(t, pages, allowed)
	for ref, body := range pages {
		checkNoSecrets(t, ref, string(body))
	}
	// The detector does look: the agency phone is on the agency's page,
	// and is found there (and allowed).
	found := false
	for ref, body := range pages {
		if strings.HasPrefix(ref, "/agencies/") && slices.Contains(findPersonalData(body), "固定电话 0915-5211315") {
			found = true
		}
	}
	if !found {
		t.Errorf("the agency's office phone was not seen by the crawl")
	}
	t.Logf("crawled %d pages", len(pages))
}

// TestCrawlDemoPortal crawls the portal of `zhifa demo`: whatever the demo
// data holds, no public page shows personal data.
func TestCrawlDemoPortal(t *testing.T) {
	if testing.Short() {
		t.Skip("demo crawl skipped in -short mode")
	}
	ctx := context.Background()
	db := storetest.MustOpenSQLite(t)
	svc := service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), testdate.Clock(t))
	if err := svc.OpenBlobs(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, svc, serverOpts{Origin: "demo.example/zhifa"})

	pages := crawlPublic(t, srv.URL)
	for _, ref := range []string{"/", "/publications", "/agencies", "/matters", "/verify/officer"} {
		if _, ok := pages[ref]; !ok {
			t.Errorf("crawl did not reach %s", ref)
		}
	}
	checkCrawl(t, pages, agencyPhones(t, svc))
	// The detector looks where the data is: the decision of
	// demo/redact_cases.go is on the portal, its dwelling and other persons
	// masked (issue 17.6).
	for _, want := range []string{"在其租住的城关镇新民路****住宅内", "邻居卞某、证人邬某证实"} {
		if !slices.ContainsFunc(slices.Collect(maps.Values(pages)), func(b []byte) bool { return bytes.Contains(b, []byte(want)) }) {
			t.Errorf("no public page shows %q", want)
		}
	}

	ps, n, err := svc.PublicPublications(ctx, publicity.PublicationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if _, ok := pages[fmt.Sprintf("/publications/%d", p.ID)]; !ok {
			t.Errorf("crawl did not reach publication %d (%s)", p.ID, p.Number)
		}
	}
	t.Logf("crawled %d pages; the demo has %d published decisions", len(pages), n)
}
