package demo

import (
	"context"
	"fmt"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
)

// loadTodos gives the administrators something on their to-do lists (issue
// 16), after the cases: the system administrator made an account for a new
// colleague that the security administrator has still to grant a role,
// and an officer tried to open the user administration, a refusal the
// audit administrator should look into. The enforcement roles' to-dos come
// from the cases themselves (cases.go); officers in the registry without a
// login are the system administrator's.
func loadTodos(ctx context.Context, l *loader) error {
	admin, ok := l.actors["admin"]
	if !ok {
		return fmt.Errorf("demo to-dos: no admin account")
	}
	in := identity.AccountInput{Username: "scj-xinren", Name: "陈新", AgencyID: l.agencies["scj"], Password: Password}
	if _, err := l.svc.CreateAccount(ctx, admin, in); err != nil {
		return fmt.Errorf("demo account %s: %w", in.Username, err)
	}
	// A refusal, recorded in the ledger as access.denied.
	if _, err := l.svc.ListUsers(ctx, l.actors["scj-zhifa1"]); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
		return fmt.Errorf("demo refusal: officer listing users = %v, want forbidden", err)
	}
	return nil
}
