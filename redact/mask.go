package redact

import (
	"strings"
	"unicode/utf8"
)

// MaskValue returns the public form of a value of the given kind. Redact uses
// it for every finding; callers use it for structured fields:
//
//	身份证号, 居住证号  610921************ (region code kept; 15 digits: 610921*********)
//	手机号             138****5678
//	固定电话           0915-*******
//	银行账号           6222***********1234 (first and last 4 digits)
//	通行证号, 护照号    C********
//	电子邮箱           z***@163.com
//	车牌号             陕G·*****
//	住址               陕西省安康市汉阴县**** (kept down to the county)
//	姓名               张某
//
// The value is read in its NFKC form (６１０９２１… is 610921…), and the
// characters kept are given in that form. A value that does not have the
// expected shape is replaced by asterisks only. The empty string stays empty.
func MaskValue(kind Kind, v string) string {
	if v == "" {
		return ""
	}
	v = fold(v).text // NFKC, without allocating when v is already
	var buf [32]byte
	d := idChars(buf[:0], v)
	switch kind {
	case KindID, KindResidence:
		if len(d) == 18 || len(d) == 15 {
			return string(d[:6]) + stars(len(d)-6)
		}
		return stars(max(len(d), 4))
	case KindMobile:
		if len(d) == 13 && d[0] == '8' && d[1] == '6' {
			d = d[2:]
		}
		if len(d) == 11 {
			return string(d[:3]) + "****" + string(d[7:])
		}
		return stars(max(len(d), 4))
	case KindLandline:
		area := 4
		if len(d) > 1 && (d[1] == '1' || d[1] == '2') {
			area = 3
		}
		if len(d) > area+4 && d[0] == '0' {
			return string(d[:area]) + "-" + stars(len(d)-area)
		}
		return stars(max(len(d), 4))
	case KindBank:
		if len(d) >= 12 {
			return string(d[:4]) + stars(len(d)-8) + string(d[len(d)-4:])
		}
		return stars(max(len(d), 4))
	case KindPermit, KindPassport:
		if len(v) > 1 && isUpper(v[0]) {
			return v[:1] + stars(len(v)-1)
		}
		return stars(utf8.RuneCountInString(v))
	case KindEmail:
		if at := strings.LastIndexByte(v, '@'); at > 0 {
			return v[:1] + "***" + v[at:]
		}
		return "***"
	case KindPlate:
		_, size := utf8.DecodeRuneInString(v)
		if len(v) > size+1 && isUpper(v[size]) {
			head := v[:size+1]
			rest := v[size+1:]
			for _, sep := range []string{"·", "•", ".", " ", "-"} {
				if strings.HasPrefix(rest, sep) {
					head += sep
					rest = rest[len(sep):]
					break
				}
			}
			return head + stars(utf8.RuneCountInString(rest))
		}
		return stars(utf8.RuneCountInString(v))
	case KindAddress:
		return v[:cutAddress(v)] + "****"
	case KindName:
		return surnameOf(v) + "某"
	}
	return stars(utf8.RuneCountInString(v))
}

// idChars appends to d the ASCII digits of v and an upper-cased X (also
// typed as ×).
func idChars(d []byte, v string) []byte {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case isDigit(c):
			d = append(d, c)
		case c == 'x' || c == 'X':
			d = append(d, 'X')
		case strings.HasPrefix(v[i:], "×"):
			d = append(d, 'X')
			i++
		}
	}
	return d
}

func stars(n int) string { return strings.Repeat("*", n) }
