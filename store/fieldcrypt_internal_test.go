package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenField(t *testing.T) {
	for _, alg := range []string{FieldAES, FieldSM4} {
		t.Run(alg, func(t *testing.T) { testOpenField(t, alg) })
	}
}

func testOpenField(t *testing.T, alg string) {
	k1, err := ParseFieldKeys(mustKeyLine(t, alg))
	if err != nil {
		t.Fatal(err)
	}
	k2, err := ParseFieldKeys(mustKeyLine(t, alg))
	if err != nil {
		t.Fatal(err)
	}
	if got := k1.Cipher(k1.Current()); got != alg {
		t.Fatalf("cipher of the key %q, want %q", got, alg)
	}
	sealed, err := k1.seal("cases.party_phone", "13891534567")
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := k1.seal("cases.party_phone", "13891534567"); again == sealed {
		t.Error("the same value sealed twice gives the same ciphertext (nonce reused)")
	}
	if empty, _ := k1.seal("cases.party_phone", ""); empty != "" {
		t.Errorf("empty value sealed to %q, want empty", empty)
	}
	for _, tc := range []struct {
		name    string
		keys    *FieldKeys
		col, v  string
		want    string
		wantErr string
	}{
		{"sealed", k1, "cases.party_phone", sealed, "13891534567", ""},
		{"plaintext of an old row", k1, "cases.party_phone", "13891534567", "13891534567", ""},
		{"plaintext without keys", nil, "cases.party_phone", "13891534567", "13891534567", ""},
		{"empty", k1, "cases.party_phone", "", "", ""},
		{"no keys", nil, "cases.party_phone", sealed, "", "no data key is set"},
		{"another key file", k2, "cases.party_phone", sealed, "", "does not hold"},
		{"moved to another column", k1, "cases.party_address", sealed, "", "does not open"},
		{"damaged", k1, "cases.party_phone", sealed[:len(sealed)-2] + "AA", "", "does not open"},
		{"malformed", k1, "cases.party_phone", "enc1:" + k1.Current(), "", "malformed"},
	} {
		got, err := openField(tc.keys, tc.col, tc.v)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s: got %q, %v; want error %q", tc.name, got, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}

func TestParseFieldKeys(t *testing.T) {
	line := mustKeyLine(t, FieldAES)
	f := strings.Fields(line)
	sm := strings.Fields(mustKeyLine(t, FieldSM4))
	for _, tc := range []struct {
		name, text, wantErr string
	}{
		{"a key line", line, ""},
		{"a bare key", f[2], ""},
		{"comments only", "# nothing\n", "没有任何密钥"},
		{"wrong id", f[0] + " 00000000 " + f[2], "与密钥不符"},
		{"short key", f[0] + " " + f[1] + " AAAA", "32 字节"},
		{"unknown algorithm", "des " + f[1] + " " + f[2], "不受支持"},
		{"an AES key named SM4", "sm4-gcm " + f[1] + " " + f[2], "16 字节"},
		{"an SM4 key then the AES one", strings.Join(sm, " ") + "\n" + line, ""},
	} {
		k, err := ParseFieldKeys(tc.text)
		if tc.wantErr == "" {
			if err != nil || k.Current() != f[1] {
				t.Errorf("%s: current %v, %v; want %s", tc.name, k, err, f[1])
			}
		} else if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("%s: err %v, want %q", tc.name, err, tc.wantErr)
		}
	}
}

func mustKeyLine(t *testing.T, alg string) string {
	t.Helper()
	l, err := newFieldKeyLine(alg)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestCreateFieldKeyFile: the file is 0600, reads back as the ring it
// returned, and is never overwritten.
func TestCreateFieldKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "data.key")
	k, err := CreateFieldKeyFile(path, FieldSM4)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file %v, %v; want mode 0600", fi, err)
	}
	back, err := LoadFieldKeyFile(path)
	if err != nil || back.Current() != k.Current() || back.Cipher(back.Current()) != FieldSM4 {
		t.Fatalf("read back %v, %v; want key %s (sm4-gcm)", back, err, k.Current())
	}
	if _, err := CreateFieldKeyFile(path, FieldAES); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second create: %v, want an error wrapping fs.ErrExist", err)
	}
	if again, _ := LoadFieldKeyFile(path); again == nil || again.Current() != k.Current() {
		t.Error("the key file was overwritten")
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("files left beside the key: %v", entries)
	}
	os.Chmod(path, 0o644)
	if _, err := LoadFieldKeyFile(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a key file others may read: %v", err)
	}
}
