package inspection

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/zhifa/zhifa/idcode"
)

func sha256hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// creditFor returns a valid 统一社会信用代码 whose serial ends in n.
func creditFor(n int) string {
	first := "91610921MA7000" + string(rune('0'+n/100%10)) + string(rune('0'+n/10%10)) + string(rune('0'+n%10))
	return first + string(idcode.CreditCheckChar(first))
}
