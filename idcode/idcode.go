// Package idcode validates the national identifier formats that zhifa reads
// and writes: the 居民身份证号 (GB 11643) and the 统一社会信用代码 (GB 32100).
//
// It is a leaf package: standard library only, no knowledge of cases.
package idcode

import (
	"strings"
	"time"
)

var residentWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const residentChecks = "10X98765432"

// ResidentCheckDigit returns the GB 11643 check character for the first 17
// digits of an ID number, or 0 if first17 is not 17 ASCII digits.
func ResidentCheckDigit(first17 string) byte {
	if len(first17) != 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0
		}
		sum += int(c-'0') * residentWeights[i]
	}
	return residentChecks[sum%11]
}

// ValidResident reports whether s is an 18-character 居民身份证号 with a
// correct check digit and a real birth date. A lower-case x is accepted.
func ValidResident(s string) bool {
	if len(s) != 18 {
		return false
	}
	c := ResidentCheckDigit(s[:17])
	if c == 0 {
		return false
	}
	last := s[17]
	if last == 'x' {
		last = 'X'
	}
	if last != c {
		return false
	}
	_, ok := ResidentBirthDate(s)
	return ok
}

// ResidentBirthDate returns the birth date encoded in an 18-digit ID number
// (characters 7–14), and whether it is a real calendar date between 1900 and
// 2100.
func ResidentBirthDate(s string) (time.Time, bool) {
	if len(s) < 14 {
		return time.Time{}, false
	}
	t, err := time.Parse("20060102", s[6:14])
	if err != nil || t.Year() < 1900 || t.Year() > 2100 {
		return time.Time{}, false
	}
	return t, true
}

// ValidLegacyResident reports whether s is a plausible 15-digit 居民身份证号
// (issued before 1999): 15 digits with a real birth date YYMMDD in 19YY.
func ValidLegacyResident(s string) bool {
	if len(s) != 15 {
		return false
	}
	for i := 0; i < 15; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	_, err := time.Parse("20060102", "19"+s[6:12])
	return err == nil
}

// creditAlphabet is the GB 32100 character set: digits and upper-case letters
// without I, O, S, V and Z. A character's value is its index.
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCheckChar returns the GB 32100 check character for the first 17
// characters of a 统一社会信用代码, or 0 if they are not in its alphabet.
func CreditCheckChar(first17 string) byte {
	if len(first17) != 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditAlphabet, first17[i])
		if v < 0 {
			return 0
		}
		sum += v * creditWeights[i]
	}
	return creditAlphabet[(31-sum%31)%31]
}

// ValidCredit reports whether s is an 18-character 统一社会信用代码 with a
// correct check character.
func ValidCredit(s string) bool {
	if len(s) != 18 {
		return false
	}
	c := CreditCheckChar(s[:17])
	return c != 0 && s[17] == c
}
