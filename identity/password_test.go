package identity

import "testing"

func TestPasswordProblem(t *testing.T) {
	tests := []struct {
		password, username string
		ok                 bool
	}{
		{"Zhifa-Test-2026", "admin", true},
		{"Hanyin-Yanshi-2026", "jiandu", true}, // the demo password
		{"Tq7#mVb2-lake", "officer", true},
		{"short1A!", "admin", false},             // under 10 characters
		{"alllowercaseletters", "admin", false},  // one kind of character
		{"Password12", "admin", false},           // common
		{"Zhifa-Demo-2026", "admin", false},      // the old, published demo password
		{"woaini1314", "admin", false},           // common (Chinese pattern)
		{"Woaini1314!!", "admin", false},         // common core with symbols added
		{"a123456789", "admin", false},           // common
		{"Qq123456789", "admin", false},          // common
		{"5201314520Aa", "admin", true},          // love numbers are not the whole password here
		{"Admin@2026!", "someone", false},        // core "admin"
		{"P@ssw0rd2026", "someone", false},       // core "p@ssw0rd"
		{"1qaz@WSX3edc", "someone", false},       // keyboard run
		{"Zhangsan-2026x!", "zhangsan", false},   // contains the user name
		{"Big-ZHANGSAN-2026", "zhangsan", false}, // in any case
		{"Xy-Li-2026-Qz", "li", true},            // a two-letter name is not looked for
	}
	for _, tt := range tests {
		msg := passwordProblem(tt.password, tt.username)
		if (msg == "") != tt.ok {
			t.Errorf("passwordProblem(%q, %q) = %q, want ok=%v", tt.password, tt.username, msg, tt.ok)
		}
	}
	if len(commonPasswords) < 200 {
		t.Errorf("%d common passwords embedded, want the list", len(commonPasswords))
	}
}
