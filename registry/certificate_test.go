package registry

import (
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
)

func day(s string) zhifa.Date {
	d, ok := zhifa.ParseCivilDate(s)
	if !ok && s != "" {
		panic(s)
	}
	return d
}

func TestCertificateState(t *testing.T) {
	for _, tc := range []struct {
		status, from, to, today string
		want                    CertState
		refusal                 string // part of the refusal, "" if valid
	}{
		{"有效", "2024-01-01", "2028-12-31", "2026-12-07", CertValid, ""},
		{"有效", "2026-12-07", "2026-12-07", "2026-12-07", CertValid, ""}, // both ends included
		{"有效", "2026-12-08", "2028-12-31", "2026-12-07", CertNotYetValid, "尚未生效(自 2026-12-08 起有效)"},
		{"有效", "2021-01-01", "2026-12-06", "2026-12-07", CertExpired, "已过期(有效期至 2026-12-06)"},
		{"有效", "", "2028-12-31", "2026-12-07", CertUnregistered, "有效期未登记"},
		{"有效", "2024-01-01", "", "2026-12-07", CertUnregistered, "有效期未登记"},
		{"暂扣", "2024-01-01", "2028-12-31", "2026-12-07", CertSuspended, "已暂扣"},
		{"注销", "", "", "2026-12-07", CertRevoked, "已注销"},
		{"未知", "2024-01-01", "2028-12-31", "2026-12-07", CertState("未知"), "状态为“未知”"},
	} {
		c := Certificate{Number: "61092120001", Status: tc.status, ValidFrom: day(tc.from), ValidTo: day(tc.to)}
		if got := c.State(day(tc.today)); got != tc.want {
			t.Errorf("%+v on %s: State = %s, want %s", c, tc.today, got, tc.want)
		}
		err := c.Refusal("张三", day(tc.today))
		switch {
		case tc.refusal == "" && err != nil:
			t.Errorf("%+v: Refusal = %v, want nil", c, err)
		case tc.refusal != "" && (err == nil || !strings.Contains(err.Error(), tc.refusal) || !strings.Contains(err.Error(), "第四十二条") || zhifa.ErrorCode(err) != zhifa.ERULE):
			t.Errorf("%+v: Refusal = %v, want an ERULE naming %q and Art 42", c, err, tc.refusal)
		}
		if got := c.State(day(tc.today)).Valid(); got != (tc.refusal == "") {
			t.Errorf("%+v: Valid = %v", c, got)
		}
	}
}
