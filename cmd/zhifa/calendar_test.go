package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCalendarCommands(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		args []string
		want string
		code int
	}{
		{[]string{"add", "2025-09-26", "7工作日"}, "2025-10-13", 0},
		{[]string{"add", "2024-09-13", "3工作日"}, "2024-09-19", 0},
		{[]string{"add", "2025-09-01", "30日", "--roll"}, "2025-10-09", 0},
		{[]string{"add", "2025-09-01", "30日"}, "2025-10-01", 0},
		{[]string{"add", "2025-01-31", "1月"}, "2025-02-28", 0},
		{[]string{"day", "2025-10-01"}, "法定节假日", 0},
		{[]string{"day", "2025-09-28"}, "调休上班", 0},
		{[]string{"day", "2024-02-09"}, "工作日", 0},
		{[]string{"between", "2025-09-26", "2025-10-13"}, "7", 0},
		{[]string{"add", "2025-13-01", "7工作日"}, "", 2},
		{[]string{"add", "2025-09-26", "7周"}, "", 2},
		{[]string{"day", "2031-05-01"}, "", 1},
	}
	for _, tt := range tests {
		args := append([]string{"calendar"}, tt.args...)
		args = append(args, "--data", data)
		out, _, err := runCmd(t, "", args...)
		if tt.code == 0 {
			if err != nil || !strings.Contains(out, tt.want) {
				t.Errorf("zhifa %v = %q, %v; want %q", tt.args, out, err, tt.want)
			}
			continue
		}
		if got := exitCode(err); got != tt.code {
			t.Errorf("zhifa %v exit = %d (%v), want %d", tt.args, got, err, tt.code)
		}
	}
	// The missing year is named.
	_, _, err := runCmd(t, "", "calendar", "day", "2031-05-01", "--data", data)
	if err == nil || !strings.Contains(err.Error(), "2031") {
		t.Errorf("missing year error = %v", err)
	}
}

func TestCalendarImportTakesEffect(t *testing.T) {
	data := t.TempDir()
	if _, _, err := runCmd(t, "", "migrate", "--data", data); err != nil {
		t.Fatal(err)
	}
	csv := "# source: 测试通知\ndate,kind,name\n2028-01-01,法定节假日,元旦\n2028-01-03,调休休息,元旦\n2028-01-08,调休上班,元旦\n"
	file := filepath.Join(t.TempDir(), "2028.csv")
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, "", "calendar", "day", "2028-01-03", "--data", data); err == nil {
		t.Fatal("2028 known before import")
	}
	out, _, err := runCmd(t, "", "calendar", "import", file, "--data", data)
	if err != nil || !strings.Contains(out, "已导入 2028") {
		t.Fatalf("import: %q %v", out, err)
	}
	out, _, err = runCmd(t, "", "calendar", "day", "2028-01-03", "--data", data)
	if err != nil || !strings.Contains(out, "调休休息") {
		t.Fatalf("day after import: %q %v", out, err)
	}
	// A bad file is refused with the line named and changes nothing.
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("date,kind,name\n2029-01-01,放假,元旦\n"), 0o600)
	if _, _, err := runCmd(t, "", "calendar", "import", bad, "--data", data); err == nil || !strings.Contains(err.Error(), "行") {
		t.Fatalf("bad import = %v", err)
	}
	out, _, err = runCmd(t, "", "verify", "--data", data)
	var ee *exitError
	if errors.As(err, &ee) && ee.code == 1 {
		t.Fatalf("ledger after import does not verify:\n%s", out)
	}
}
