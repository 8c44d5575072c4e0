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
	in := identity.AccountInput{Username: newColleague.username, Name: newColleague.name, AgencyID: l.agencies[newColleague.agency], Password: Password}
	if _, err := l.svc.CreateAccount(ctx, admin, in); err != nil {
		return fmt.Errorf("demo account %s: %w", in.Username, err)
	}
	// A refusal, recorded in the ledger as access.denied.
	if _, err := l.svc.ListUsers(ctx, l.actors["scj-zhifa1"]); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
		return fmt.Errorf("demo refusal: officer listing users = %v, want forbidden", err)
	}
	return nil
}

// newColleague is the account loadTodos makes, still without a role.
var newColleague = struct{ username, name, agency string }{"scj-xinren", "陈新", "scj"}

// todoAccounts are the accounts loadTodos adds to the demo's list; names
// are the agencies' names by key.
func todoAccounts(names map[string]string) []Account {
	return []Account{{Username: newColleague.username, Name: newColleague.name, Agency: names[newColleague.agency]}}
}
