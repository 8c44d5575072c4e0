package procedure

import (
	"testing"

	"github.com/zhifa/zhifa"
)

func TestCheckAV(t *testing.T) {
	for _, tc := range []struct {
		name     string
		level    AVLevel
		textOnly bool
		av       AVRecords
		code     string
	}{
		{"not needed, nothing", AVNotNeeded, false, AVRecords{}, ""},
		{"needed, none", AVNeeded, false, AVRecords{}, zhifa.ERULE},
		{"needed, one", AVNeeded, false, AVRecords{Linked: 1}, ""},
		{"needed, text-only allowed with a reason", AVNeeded, true, AVRecords{TextOnly: "询问笔录已逐页签字确认"}, ""},
		{"needed, text-only allowed, no reason", AVNeeded, true, AVRecords{TextOnly: " 无 "}, zhifa.ERULE},
		{"needed, text-only not allowed", AVNeeded, false, AVRecords{TextOnly: "询问笔录已逐页签字确认"}, zhifa.ERULE},
		{"full, none", AVFull, true, AVRecords{TextOnly: "询问笔录已逐页签字确认"}, zhifa.ERULE},
		{"full, one uninterrupted", AVFull, false, AVRecords{Linked: 1}, ""},
		{"full, irregular interruption", AVFull, false, AVRecords{Linked: 2, Irregular: 1}, zhifa.ERULE},
	} {
		err := CheckAV(tc.level, tc.textOnly, tc.av)
		if got := zhifa.ErrorCode(err); err == nil && tc.code != "" || err != nil && got != tc.code {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.code)
		}
	}
}
