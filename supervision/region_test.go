package supervision

import "testing"

func TestCovers(t *testing.T) {
	for _, tc := range []struct {
		sup, ag string
		want    bool
	}{
		{"610921", "610921", true},  // a county's own agencies
		{"610921", "610922", false}, // a neighbouring county
		{"610900", "610921", true},  // the city over its counties
		{"610900", "610900", true},  // and its own agencies
		{"610900", "611021", false}, // another city's county
		{"610000", "611021", true},  // the province over every county
		{"610000", "620102", false}, // another province
		{"", "610921", false},
		{"610921", "", false},
		{"6109", "610921", true}, // not six digits: a plain prefix
	} {
		if got := Covers(tc.sup, tc.ag); got != tc.want {
			t.Errorf("Covers(%q, %q) = %v, want %v", tc.sup, tc.ag, got, tc.want)
		}
	}
}
