package registry

import "testing"

func TestAVRequirement(t *testing.T) {
	items := []AVItem{
		{Scene: "现场执法", Level: AVNotNeeded},            // the agency relaxes it everywhere
		{MatterID: 7, Scene: "现场执法", Level: AVFull},    // but not for matter 7
		{Scene: "询问", Level: AVNeeded, TextOnly: true}, // a lower level than the seed's
		{MatterID: 9, Scene: "查封扣押", Level: AVFull, TextOnly: true},
	}
	for _, tc := range []struct {
		items    []AVItem
		matter   int64
		scene    string
		level    int
		textOnly bool
	}{
		{nil, 0, "调查取证", AVNeeded, true},
		{nil, 0, "查封扣押", AVFull, false},
		{nil, 3, "无此环节", AVNotNeeded, false},
		{items, 3, "现场执法", AVNotNeeded, false},
		{items, 7, "现场执法", AVFull, false},
		{items, 3, "询问", AVNeeded, true},
		{items, 9, "查封扣押", AVFull, false}, // full recording admits no text-only record
		{items, 3, "留置送达", AVNeeded, false},
	} {
		if l, to := AVRequirement(tc.items, tc.matter, tc.scene); l != tc.level || to != tc.textOnly {
			t.Errorf("%d %s: %d %v, want %d %v", tc.matter, tc.scene, l, to, tc.level, tc.textOnly)
		}
	}
}
