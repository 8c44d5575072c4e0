package publicity

import (
	"testing"
	"time"

	"github.com/zhifa/zhifa"
)

func TestDisplayEndAndWanYuan(t *testing.T) {
	day := func(s string) time.Time { d, _ := zhifa.ParseDate(s); return d }
	pub := day("2026-03-10")
	for _, tt := range []struct {
		kind string
		fine int64
		want string
	}{
		{"通报批评", 0, "2026-06-09"},
		{"警告", 0, "2026-06-09"},
		{"罚款", LowFineMax, "2026-06-09"},
		{"罚款", LowFineMax + 1, "2029-03-09"},
		{"警告、罚款", 5000, "2026-06-09"},
		{"没收违法所得、罚款", 5000, "2029-03-09"},
		{"吊销许可证件", 0, "2029-03-09"},
	} {
		p := &Publication{PenaltyKind: tt.kind, Fine: tt.fine, PublishedAt: pub, DecidedOn: day("2026-03-01")}
		if got := zhifa.FormatDate(DisplayEnd(p)); got != tt.want {
			t.Errorf("DisplayEnd(%s, %d) = %s, want %s", tt.kind, tt.fine, got, tt.want)
		}
	}
	for yuan, want := range map[int64]string{0: "", 1: "0.000100", 18000: "1.800000", 12300: "1.230000", 1234567: "123.456700"} {
		if got := WanYuan(yuan); got != want {
			t.Errorf("WanYuan(%d) = %q, want %q", yuan, got, want)
		}
	}
	row := CreditPenaltyRow(&Publication{PartyKind: zhifa.PartyPerson, PartyName: "张某", PenaltyKind: "警告", DecidedOn: day("2026-03-01")}, "11610921MB1A00025T")
	if len(row) != len(CreditPenaltyFields) || row[2] != "" || row[3] != "" || row[10] != "" || row[17] != "11610921MB1A00025T" {
		t.Errorf("row of a natural person with a warning: %q", row)
	}
}
