package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/recording"
	"github.com/zhifa/zhifa/registry"
)

// TestRecordingPages registers a recording by the plain form (no
// JavaScript), one from a completed tus upload, shows the record's page with
// its player, and plays part of the file with a range request, which the
// ledger records; another agency's officer cannot open it.
func TestRecordingPages(t *testing.T) {
	srv, svc := coreServer(t)
	ctx := context.Background()
	ags, _ := svc.Agencies(ctx)
	ag := ags[0]
	d := func(years int) zhifa.Date { return zhifa.DateFromTime(testdate.Today(t).AddDate(years, 0, 0)) }
	o := &registry.Officer{AgencyID: ag.ID, Name: "李晓燕", Gender: "女", Post: "科员", CertNo: "61092100102", Category: "市场监管", ValidFrom: d(-2), ValidTo: d(3)}
	if err := svc.CreateOfficer(ctx, zhifa.Console, o); err != nil {
		t.Fatal(err)
	}
	other := &registry.Agency{Name: "汉阴县城市管理执法局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00033M", Region: "610921"}
	if err := svc.CreateAgency(ctx, zhifa.Console, other); err != nil {
		t.Fatal(err)
	}
	for _, u := range []identity.UserInput{
		{Username: "li", Name: "李晓燕", AgencyID: ag.ID, OfficerID: o.ID, Roles: []zhifa.Role{zhifa.RoleOfficer}, Password: "Zhifa-Test-2026"},
		{Username: "chen", Name: "陈建军", AgencyID: other.ID, Roles: []zhifa.Role{zhifa.RoleOfficer}, Password: "Zhifa-Test-2026"},
	} {
		if _, err := svc.CreateUser(ctx, zhifa.Console, u); err != nil {
			t.Fatal(err)
		}
	}
	dev := &registry.Device{AgencyID: ag.ID, Number: "DSJ-0007", Kind: registry.DeviceBodyCamera, Model: "DSJ-V9", CustodianID: o.ID}
	if err := svc.Devices.CreateDevice(ctx, zhifa.Console, dev); err != nil {
		t.Fatal(err)
	}
	li, chen := coreLogin(t, srv.URL, "li"), coreLogin(t, srv.URL, "chen")

	resp, body := send(t, srv.URL, "GET", "/workbench/recordings", li, "", "")
	if resp.StatusCode != 200 || !strings.Contains(string(body), "DSJ-0007") || !strings.Contains(string(body), `src="/static/upload.js"`) {
		t.Fatalf("list page = %d\n%s", resp.StatusCode, body)
	}

	video := bytes.Repeat([]byte("\x00\x00\x00\x18ftypmp42"), 4000)
	form := func(file []byte, uploadID, reason string) (string, string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		day := testdate.Today(t).Format("2006-01-02")
		for _, kv := range [][2]string{{"upload_id", uploadID}, {"kind", "video"}, {"device_id", strconv.FormatInt(dev.ID, 10)},
			{"officer_ids", strconv.FormatInt(o.ID, 10)}, {"start", day + "T09:00"}, {"end", day + "T09:40"}, {"place", "城关镇农贸市场"},
			{"int_from", day + "T09:10"}, {"int_to", day + "T09:12"}, {"int_reason", reason}, {"int_technical", "1"}, {"mark", ""}} {
			mw.WriteField(kv[0], kv[1])
		}
		if file != nil {
			h := make(map[string][]string)
			h["Content-Disposition"] = []string{`form-data; name="file"; filename="现场.mp4"`}
			h["Content-Type"] = []string{"video/mp4"}
			pw, _ := mw.CreatePart(h)
			pw.Write(file)
		}
		mw.Close()
		return mw.FormDataContentType(), b.String()
	}
	// A refusal keeps the form and names the field.
	ct, b := form(video, "", "")
	resp, body = send(t, srv.URL, "POST", "/workbench/recordings", li, ct, b)
	if resp.StatusCode != 400 || !strings.Contains(string(body), "须写明原因") {
		t.Fatalf("interruption without reason = %d\n%s", resp.StatusCode, body)
	}
	ct, b = form(video, "", "电池耗尽,更换电池")
	resp, _ = send(t, srv.URL, "POST", "/workbench/recordings", li, ct, b)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/workbench/recordings/") {
		t.Fatalf("plain form = %d %q", resp.StatusCode, loc)
	}
	resp, body = send(t, srv.URL, "GET", loc, li, "", "")
	sum := sha256.Sum256(video)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `<video class="av-player" controls`) || !strings.Contains(string(body), hex.EncodeToString(sum[:])) || !strings.Contains(string(body), "电池耗尽") {
		t.Fatalf("record page = %d\n%s", resp.StatusCode, body)
	}

	// Playing a range: 206 with the bytes asked for, and one event.
	before, _ := svc.DB.LogSize()
	req, _ := http.NewRequest("GET", srv.URL+loc+"/media", nil)
	req.Header.Set("Authorization", "Bearer "+li)
	req.Header.Set("Range", "bytes=100-199")
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	part, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if r.StatusCode != http.StatusPartialContent || !bytes.Equal(part, video[100:200]) || r.Header.Get("Content-Type") != "video/mp4" {
		t.Fatalf("range = %d %q %d bytes", r.StatusCode, r.Header.Get("Content-Type"), len(part))
	}
	after, _ := svc.DB.LogSize()
	_, e, _ := svc.Event(ctx, after-1)
	if after != before+1 || e.Type != "recording.opened" || e.Attrs["range"] != "bytes=100-199" {
		t.Fatalf("log %d → %d, last %s %v", before, after, e.Type, e.Attrs)
	}
	if resp, _ := send(t, srv.URL, "GET", loc+"/media", chen, "", ""); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("other agency's officer = %d", resp.StatusCode)
	}

	// From a completed tus upload of the same user.
	up := tusDo(t, "POST", srv.URL+"/api/v1/uploads/", li, map[string]string{"Upload-Length": strconv.Itoa(len(video) / 2), "Upload-Metadata": "filename Yi5tcDQ=,filetype dmlkZW8vbXA0"}, nil)
	upURL := up.Header.Get("Location")
	id := upURL[strings.LastIndex(upURL, "/")+1:]
	ct, b = form(nil, id, "电池耗尽,更换电池")
	if resp, body := send(t, srv.URL, "POST", "/workbench/recordings", li, ct, b); resp.StatusCode != 400 || !strings.Contains(string(body), "尚未上传完毕") {
		t.Fatalf("incomplete upload = %d\n%s", resp.StatusCode, body)
	}
	if r := tusDo(t, "PATCH", srv.URL+"/api/v1/uploads/"+id, li, map[string]string{"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}, video[:len(video)/2]); r.StatusCode != 204 {
		t.Fatalf("PATCH = %d", r.StatusCode)
	}
	if resp, _ := send(t, srv.URL, "POST", "/workbench/recordings", li, ct, b); resp.StatusCode != 303 {
		t.Fatalf("from upload = %d", resp.StatusCode)
	}
	recs, err := svc.Recordings.Records(ctx, zhifa.Actor{UserID: 1, AgencyID: ag.ID, Roles: []zhifa.Role{zhifa.RoleOfficer}}, recording.Filter{})
	if err != nil || len(recs) != 2 || recs[0].Name != "b.mp4" || recs[0].Size != int64(len(video)/2) {
		t.Fatalf("records = %v %v", recs, err)
	}
}
