package main

import (
	"strconv"
	"strings"
	"testing"
)

// TestDrawVerify recomputes the demo's 双随机 draw from outside, with public
// data only; after the published object list is changed behind the
// store's back, the recomputation fails on the announced digest.
func TestDrawVerify(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	dir := copyDir(t, demoData(t))
	db := rawSQL(t, dir)
	id := queryInt(t, db, `SELECT MIN(id) FROM inspection_draws WHERE status = 'drawn'`)
	base := startServer(t, "--addr", "127.0.0.1:0", "--data", dir)
	page := base + "/inspection-draws/" + strconv.FormatInt(id, 10)
	out, _, err := runCmd(t, "", "draw", "--url", page)
	if err != nil || !strings.Contains(out, "验证通过") || strings.Contains(out, "不通过") {
		t.Fatalf("draw --url %s: %v\n%s", page, err, out)
	}
	if _, err := db.Exec(`UPDATE inspection_draws SET objects = replace(objects, '好再来', '好再去') WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCmd(t, "", "draw", "--url", page)
	if err == nil || !strings.Contains(out, "名录在公告后被改动") {
		t.Fatalf("changed list: %v\n%s", err, out)
	}
	if _, _, err := runCmd(t, "", "draw", "--url", "ftp://x/inspection-draws/1"); err == nil || !strings.Contains(err.Error(), "--url") {
		t.Fatalf("bad url: %v", err)
	}
}
