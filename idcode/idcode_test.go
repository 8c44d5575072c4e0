package idcode

import "testing"

func TestValidResident(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"11010519491231002X", true},
		{"11010519491231002x", true},
		{"110105194912310021", false}, // wrong check digit
		{"610921199002300013", false}, // 30 February
		{"61092119900101001", false},  // 17 characters
		{"6109211990010100AB", false},
	}
	for _, tt := range tests {
		if got := ValidResident(tt.in); got != tt.want {
			t.Errorf("ValidResident(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	// A number built with the check digit function is valid.
	first := "61092119850315123"
	if id := first + string(ResidentCheckDigit(first)); !ValidResident(id) {
		t.Errorf("ValidResident(%q) = false for a constructed number", id)
	}
}

func TestValidCredit(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"91350100M000100Y43", true},
		{"91350100M000100Y44", false},
		{"91350100M000100Y4", false},
		{"91350100I000100Y43", false}, // I is not in the alphabet
	}
	for _, tt := range tests {
		if got := ValidCredit(tt.in); got != tt.want {
			t.Errorf("ValidCredit(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestValidLegacyResident(t *testing.T) {
	if !ValidLegacyResident("610921850315123") {
		t.Error("legacy number with a real date rejected")
	}
	if ValidLegacyResident("610921851315123") {
		t.Error("legacy number with month 13 accepted")
	}
}
