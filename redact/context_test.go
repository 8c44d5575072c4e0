package redact

import (
	"strings"
	"testing"
)

func TestIDWithBadCheckDigitInContext(t *testing.T) {
	p, _ := PolicyFor("处罚")
	out, _ := Redact("当事人张三,身份证号610921199001011236,男。", p, Known{})
	if strings.Contains(out, "199001011236") {
		t.Fatalf("labelled ID with a wrong check digit survives: %s", out)
	}
}
