package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/demo"
	"github.com/zhifa/zhifa/store"
)

// demoParties returns the demo's cases as the store reads them (decrypted
// with the data key of dir), by id.
func demoParties(t *testing.T, dir string) map[int64]zhifa.Party {
	t.Helper()
	ctx := context.Background()
	c := config{data: dir}
	db, err := c.openDB(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := c.useDataKeys(ctx, db); err != nil {
		t.Fatal(err)
	}
	cases, err := db.FindCases(ctx, store.CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]zhifa.Party{}
	for _, cs := range cases {
		out[cs.ID] = cs.Party
	}
	return out
}

// dbFileBytes returns the SQLite files of dir as they are on disk: the
// database and its WAL.
func dbFileBytes(t *testing.T, dir string) []byte {
	t.Helper()
	var all []byte
	for _, name := range []string{"zhifa.db", "zhifa.db-wal"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	if len(all) == 0 {
		t.Fatal("no database file")
	}
	return all
}

// checkNoPlaintext fails for every party ID number, phone and address of
// parties found in the bytes of the database files of dir (for
// organisations only the phone: see below).
func checkNoPlaintext(t *testing.T, dir string, parties map[int64]zhifa.Party) {
	t.Helper()
	raw := dbFileBytes(t, dir)
	checked := 0
	for id, p := range parties {
		for what, v := range map[string]string{"身份号码": p.IDNumber, "电话": p.Phone, "住址": p.Address} {
			if v == "" {
				continue
			}
			if p.Kind == zhifa.PartyOrganization && what != "电话" {
				// An organisation's credit code and registered address are
				// public and published with its decision (publications
				// holds them by law); its phone is not published.
				continue
			}
			checked++
			if bytes.Contains(raw, []byte(v)) {
				t.Errorf("case %d: the party's %s %q is in the database file in plaintext", id, what, v)
			}
		}
	}
	if checked == 0 {
		t.Fatal("the demo has no party ID number, phone or address: nothing checked")
	}
	t.Logf("%d values of %d parties, none in %d bytes of database files", checked, len(parties), len(raw))
}

// TestDemoPersonalDataAtRest reads the demo's database files directly and
// finds none of the parties' ID numbers, phones or addresses, while the
// API still gives them to an officer of the case's agency, and verify
// passes.
func TestDemoPersonalDataAtRest(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	dir := copyDir(t, demoData(t))
	if fi, err := os.Stat(filepath.Join(dir, "data.key")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the demo's data key file: %v, %v", fi, err)
	}
	parties := demoParties(t, dir)
	var ids, phones int
	for _, p := range parties {
		if p.IDNumber != "" {
			ids++
		}
		if p.Phone != "" {
			phones++
		}
	}
	if ids == 0 || phones == 0 {
		t.Fatalf("the demo's parties have %d ID numbers and %d phones: nothing to look for", ids, phones)
	}
	checkNoPlaintext(t, dir, parties)

	if out, _, err := runCmd(t, "", "verify", "--data", dir); err != nil || !strings.Contains(out, "结果:通过") {
		t.Fatalf("verify of the encrypted demo: %v\n%s", err, out)
	}

	// The API shows them to an officer of the agency.
	var officer string
	raw := rawSQL(t, dir)
	if err := raw.QueryRow(`SELECT u.username FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = ? ORDER BY u.id LIMIT 1`, string(zhifa.RoleOfficer)).Scan(&officer); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	base := startServer(t, "--addr", "127.0.0.1:0", "--data", dir)
	token := cryptLogin(t, base, officer)
	var list struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	cryptGet(t, base, token, "/api/v1/cases", &list)
	shown, inDocs := 0, 0
	for _, it := range list.Items {
		var got struct {
			Case struct {
				Party struct {
					IDNumber string `json:"id_number"`
					Phone    string `json:"phone"`
					Address  string `json:"address"`
				} `json:"party"`
			} `json:"case"`
			Steps []struct {
				Fields map[string]string `json:"fields"`
			} `json:"steps"`
		}
		cryptGet(t, base, token, "/api/v1/cases/"+strconv.FormatInt(it.ID, 10), &got)
		want, p := parties[it.ID], got.Case.Party
		if p.IDNumber != want.IDNumber || p.Phone != want.Phone || p.Address != want.Address {
			t.Errorf("case %d: the API shows %+v, want %q %q %q", it.ID, p, want.IDNumber, want.Phone, want.Address)
		}
		if want.IDNumber != "" && want.Phone != "" {
			shown++
		}
		for _, st := range got.Steps { // the documents, stored encrypted, restate the party
			for _, v := range st.Fields {
				if want.IDNumber != "" && strings.Contains(v, want.IDNumber) {
					inDocs++
				}
			}
		}
	}
	if shown == 0 || inDocs == 0 {
		t.Fatalf("officer %s saw %d cases with a party ID number and phone, %d documents restating one: nothing checked", officer, shown, inDocs)
	}
	t.Logf("officer %s: %d cases with the party's ID number and phone, %d step fields restating the ID number", officer, shown, inDocs)
}

// TestRotateDataKey rotates the demo's data key (AES-256-GCM, the
// default) to an SM4-GCM version: verify passes, the values
// still read, and no stored value names the old key version; a second
// rotation keeps both versions in the file.
func TestRotateDataKey(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	dir := copyDir(t, demoData(t))
	keyFile := filepath.Join(dir, "data.key")
	before, err := store.LoadFieldKeyFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	beforeText, err := os.ReadFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	parties := demoParties(t, dir)
	out, _, err := runCmd(t, "", "key", "rotate-data", "--data", dir, "--batch", "7", "--cipher", store.FieldSM4)
	if err != nil {
		t.Fatalf("rotate-data: %v\n%s", err, out)
	}
	after, err := store.LoadFieldKeyFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	if ids := after.IDs(); len(ids) != 2 || ids[0] != before.Current() || after.Current() == before.Current() {
		t.Fatalf("key versions after rotation %v (current %s), before %s", ids, after.Current(), before.Current())
	}
	if got := [2]string{before.Cipher(before.Current()), after.Cipher(after.Current())}; got != [2]string{store.FieldAES, store.FieldSM4} {
		t.Errorf("ciphers before and after rotation %v, want AES-256-GCM then SM4-GCM", got)
	}
	for _, w := range []string{after.Current(), "重新加密 " + strconv.Itoa(len(parties)) + " 个案件", "个环节的记录", "重启"} {
		if !strings.Contains(out, w) {
			t.Errorf("rotate-data output does not say %q:\n%s", w, out)
		}
	}
	if out, _, err := runCmd(t, "", "verify", "--data", dir); err != nil || !strings.Contains(out, "结果:通过") {
		t.Fatalf("verify after rotation: %v\n%s", err, out)
	}
	if got := demoParties(t, dir); !equalParties(got, parties) {
		t.Errorf("after rotation the parties read differently")
	}
	raw := rawSQL(t, dir)
	var old, steps int
	like := "%" + before.Current() + "%"
	if err := raw.QueryRow(`SELECT (SELECT COUNT(*) FROM cases WHERE party_id_number LIKE ? OR party_phone LIKE ? OR party_address LIKE ?)
		+ (SELECT COUNT(*) FROM case_steps WHERE fields LIKE ? OR review LIKE ?)
		+ (SELECT COUNT(*) FROM inspection_steps WHERE fields LIKE ?), (SELECT COUNT(*) FROM case_steps)`,
		like, like, like, like, like, like).Scan(&old, &steps); err != nil {
		t.Fatal(err)
	}
	var events, complaints int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM ledger_leaves WHERE type = 'data_key.rotated'`).Scan(&events); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT COUNT(*) FROM complaints`).Scan(&complaints); err != nil {
		t.Fatal(err)
	}
	var inspectionSteps int // 现场检查笔录 fields are encrypted too (store/fieldcrypt.go)
	if err := raw.QueryRow(`SELECT COUNT(*) FROM inspection_steps`).Scan(&inspectionSteps); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if old != 0 {
		t.Errorf("%d rows still hold values under the old key version %s", old, before.Current())
	}
	if want := (len(parties)+6)/7 + (steps+6)/7 + (complaints+6)/7 + (inspectionSteps+6)/7; events != want {
		t.Errorf("%d rotation events for %d cases, %d steps, %d complaints and %d inspection steps in batches of 7, want %d", events, len(parties), steps, complaints, inspectionSteps, want)
	}
	checkNoPlaintext(t, dir, parties)

	// A server started with only the old key file is refused by name.
	stale := filepath.Join(t.TempDir(), "old.key")
	if err := os.WriteFile(stale, beforeText, 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err = runCmd(t, "", "serve", "--addr", "127.0.0.1:0", "--data", dir, "--data-key", stale)
	if err == nil || !strings.Contains(err.Error(), after.Current()) || !strings.Contains(err.Error(), "拒绝启动") {
		t.Errorf("serve with the old key file: %v", err)
	}
	// And one whose key file is gone is refused rather than given a new key.
	os.Rename(keyFile, keyFile+".moved")
	_, _, err = runCmd(t, "", "serve", "--addr", "127.0.0.1:0", "--data", dir)
	if err == nil || !strings.Contains(err.Error(), "不存在") {
		t.Errorf("serve without the key file: %v", err)
	}
	if _, err := os.Stat(keyFile); err == nil {
		t.Error("serve created a new data key over encrypted data")
	}
	// verify still checks the log and every record without the key: the
	// digests cover the ciphertext.
	if out, _, err := runCmd(t, "", "verify", "--data", dir); err != nil || !strings.Contains(out, "结果:通过") || !strings.Contains(out, "期限表未核验") {
		t.Errorf("verify without the data key: %v\n%s", err, out)
	}
	if _, err := os.Stat(keyFile); err == nil {
		t.Error("verify created a data key")
	}
}

func equalParties(a, b map[int64]zhifa.Party) bool {
	if len(a) != len(b) {
		return false
	}
	for id, p := range a {
		if b[id] != p {
			return false
		}
	}
	return true
}

func cryptLogin(t *testing.T, base, username string) string {
	t.Helper()
	resp, err := http.Post(base+"/api/v1/session", "application/json", strings.NewReader(`{"username":"`+username+`","password":"`+demo.Password+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil || resp.StatusCode != 201 || s.Token == "" {
		t.Fatalf("login %s: %d %v", username, resp.StatusCode, err)
	}
	return s.Token
}

func cryptGet(t *testing.T, base, token, path string, v any) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %.300s", path, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}
