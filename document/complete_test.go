package document

import (
	"reflect"
	"testing"

	"github.com/zhifa/zhifa"
)

func TestMissing(t *testing.T) {
	kind := func(code string) Kind { k, _ := KindOf(code); return k }
	issued := []*Document{{Status: StatusIssued}}
	corrected := []*Document{{Status: StatusCorrected}}
	st := func(seq int) *zhifa.Step { return &zhifa.Step{Seq: seq} }
	for _, tc := range []struct {
		name  string
		items []Item
		want  []string
	}{
		{"nothing to issue", nil, nil},
		{"all standing", []Item{{Kind: kind("filing"), Step: st(2), Issued: issued}, {Kind: kind("decision"), Step: st(9), Issued: issued}}, nil},
		{"decision missing", []Item{{Kind: kind("filing"), Step: st(2), Issued: issued}, {Kind: kind("decision"), Step: st(9)}}, []string{"行政处罚决定书(第 9 步)"}},
		{"only a corrected one", []Item{{Kind: kind("service"), Step: st(10), Issued: corrected}}, []string{"送达回证(第 10 步)"}},
		{"optional kinds do not count", []Item{{Kind: kind("review"), Step: st(8)}, {Kind: kind("evidence_list"), Step: st(6)}}, nil},
		{"each inquiry", []Item{{Kind: kind("inquiry"), Step: st(3), Issued: issued}, {Kind: kind("inquiry"), Step: st(4)}}, []string{"询问笔录(第 4 步)"}},
	} {
		if got := Missing(tc.items); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Missing = %q, want %q", tc.name, got, tc.want)
		}
	}
}
