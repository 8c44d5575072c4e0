package web_test

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/zhifa/zhifa/web"
)

// TestQuotaAndExpiryUseEvidenceRecords: the daily quota counts evidence
// recorded in the database (a restarted server has no memory of uploads),
// and expiry deletes an old unattached upload but never one a step
// attached.
func TestQuotaAndExpiryUseEvidenceRecords(t *testing.T) {
	l := web.Limits{UserDaily: 40 << 10}
	s, o1, caseID := limitSite(t, l)
	head := coreLogin(t, s.srv.URL, "head")
	base := "/api/v1/cases/" + strconv.FormatInt(caseID, 10)
	wantStatus(t, "立案", s.api(head, "POST", base+"/steps", map[string]any{"action": "open", "fields": map[string]string{"opinion": "同意立案"}}), 201, `"action": "open"`)
	r := s.upload(o1, caseID, bytes.NewReader(bytes.Repeat([]byte("a"), 30<<10)))
	wantStatus(t, "upload to attach", r, 201, "sha256:")
	attached := decode[map[string]string](t, r)
	r = s.upload(o1, caseID, bytes.NewReader(bytes.Repeat([]byte("b"), 1<<10)))
	wantStatus(t, "upload left alone", r, 201, "sha256:")
	loose := decode[map[string]string](t, r)
	wantStatus(t, "inspection with the file", s.api(o1, "POST", base+"/steps", map[string]any{"action": "inspection", "officer_ids": []int64{s.off1.ID, s.off2.ID},
		"files": []map[string]string{attached}, "fields": map[string]string{"place": "城关镇新民街餐馆", "content": "现场查见超过保质期的食品 12 袋。"}}), 201, `"action": "inspection"`)

	// A new server over the same database: 30 KiB recorded today, 15 more
	// would pass the 40 KiB quota.
	s.srv.Close()
	s.srv = newTestServer(t, s.svc, serverOpts{Limits: l})
	wantStatus(t, "over the quota after restart", s.upload(o1, caseID, bytes.NewReader(bytes.Repeat([]byte("c"), 15<<10))), 507, "个人限额 40 KiB", "30.0 KiB")
	wantStatus(t, "within the quota after restart", s.upload(o1, caseID, bytes.NewReader(bytes.Repeat([]byte("d"), 5<<10))), 201, "sha256:")

	// Both stored files are old now; only the unattached one expires.
	old := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, d := range []string{attached["digest"], loose["digest"]} {
		f, err := s.svc.Blobs.Open(d)
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		os.Chtimes(f.Name(), old, old)
	}
	gone, err := s.svc.Blobs.Expire(old.Add(time.Hour), func(d string) (bool, error) { return s.svc.DB.DigestAttached(context.Background(), d) })
	if err != nil || len(gone) != 1 || gone[0] != loose["digest"] {
		t.Fatalf("Expire = %v, %v; want only %s", gone, err, loose["digest"])
	}
	if f, err := s.svc.Blobs.Open(attached["digest"]); err != nil {
		t.Fatalf("attached evidence deleted: %v", err)
	} else {
		f.Close()
	}
}
