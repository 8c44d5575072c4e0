package testdate

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string // RFC 3339, "" for an error
	}{
		{"2026-10-09", "2026-10-09T00:00:00+08:00"},
		{"2027-02-04", "2027-02-04T00:00:00+08:00"},
		{"2026-02-30", ""},
		{"2026-1-09", ""},
		{"20261009", ""},
		{"", ""},
	} {
		got, err := Parse(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("Parse(%q) = %v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got.Format(time.RFC3339) != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestToday(t *testing.T) {
	t.Setenv(Env, "2027-02-04")
	if got := String(t); got != "2027-02-04" {
		t.Errorf("String = %s, want 2027-02-04", got)
	}
	if got := Now(t).UTC().Format(time.RFC3339); got != "2027-02-04T02:00:00Z" {
		t.Errorf("Now = %s, want 10:00 China time", got)
	}
	t.Setenv(Env, "")
	if got := String(t); got != Default {
		t.Errorf("unset: String = %s, want %s", got, Default)
	}
}
