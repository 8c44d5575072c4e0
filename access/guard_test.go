package access

import (
	"context"
	"errors"
	"testing"

	"github.com/zhifa/zhifa"
)

type denials []string

func (d *denials) RecordDenial(_ context.Context, a zhifa.Actor, op Op, _ int64, object string) error {
	*d = append(*d, a.Ref()+" "+string(op)+" "+object)
	return errors.New("disk full") // logged, not returned
}

func TestGuard(t *testing.T) {
	var d denials
	g := Guard{Denials: &d}
	officer := zhifa.Actor{UserID: 7, AgencyID: 1, Roles: []zhifa.Role{zhifa.RoleOfficer}}
	if err := g.Authorize(context.Background(), officer, CaseRead, 1, "case/1"); err != nil {
		t.Fatalf("own agency: %v", err)
	}
	if err := g.Authorize(context.Background(), officer, CaseRead, 2, "case/9"); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
		t.Fatalf("other agency: %v, want EFORBIDDEN", err)
	}
	if err := g.Authorize(context.Background(), zhifa.Actor{}, CaseRead, 2, "case/9"); zhifa.ErrorCode(err) != zhifa.EUNAUTHORIZED {
		t.Fatalf("public: %v, want EUNAUTHORIZED", err)
	}
	if got, want := len(d), 1; got != want || d[0] != "user/7 case.read case/9" {
		t.Errorf("recorded %q, want one denial of user/7", d)
	}
}
