package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
)

const userColumns = `u.id, u.username, u.name, COALESCE(u.agency_id, 0), COALESCE(a.name, ''), COALESCE(u.officer_id, 0), u.disabled, u.failed_logins, u.locked_until, u.created`

func scanUser(s interface{ Scan(...any) error }) (*zhifa.User, error) {
	var u zhifa.User
	var locked, created string
	if err := s.Scan(&u.ID, &u.Username, &u.Name, &u.AgencyID, &u.AgencyName, &u.OfficerID, &u.Disabled, &u.FailedLogin, &locked, &created); err != nil {
		return nil, err
	}
	u.LockedUntil, u.Created = parseTime(locked), parseTime(created)
	return &u, nil
}

// UserFilter selects users; nil fields do not filter.
type UserFilter struct {
	ID       *int64
	Username *string
	AgencyID *int64
}

// FindUsers returns the users matching f, with their roles, ordered by id.
func (c *conn) FindUsers(ctx context.Context, f UserFilter) ([]*zhifa.User, error) {
	q := `SELECT ` + userColumns + ` FROM users u LEFT JOIN agencies a ON a.id = u.agency_id WHERE 1=1`
	var args []any
	if f.ID != nil {
		q += ` AND u.id = ?`
		args = append(args, *f.ID)
	}
	if f.Username != nil {
		q += ` AND u.username = ?`
		args = append(args, *f.Username)
	}
	if f.AgencyID != nil {
		q += ` AND u.agency_id = ?`
		args = append(args, *f.AgencyID)
	}
	rows, err := c.query(ctx, q+` ORDER BY u.id`, args...)
	if err != nil {
		return nil, err
	}
	var users []*zhifa.User
	byID := map[int64]*zhifa.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		users = append(users, u)
		byID[u.ID] = u
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(users) == 0 {
		return users, nil
	}
	rq := `SELECT user_id, role FROM user_roles ORDER BY user_id, role`
	var rargs []any
	if len(users) == 1 {
		rq = `SELECT user_id, role FROM user_roles WHERE user_id = ? ORDER BY role`
		rargs = append(rargs, users[0].ID)
	}
	rrows, err := c.query(ctx, rq, rargs...)
	if err != nil {
		return nil, err
	}
	defer rrows.Close()
	for rrows.Next() {
		var id int64
		var role string
		if err := rrows.Scan(&id, &role); err != nil {
			return nil, err
		}
		if u := byID[id]; u != nil {
			u.Roles = append(u.Roles, zhifa.Role(role))
		}
	}
	return users, rrows.Err()
}

// FindUser returns the one user matching f, or ENOTFOUND.
func (c *conn) FindUser(ctx context.Context, f UserFilter) (*zhifa.User, error) {
	us, err := c.FindUsers(ctx, f)
	if err != nil {
		return nil, err
	}
	if len(us) == 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "用户不存在")
	}
	return us[0], nil
}

// PasswordHash returns the stored password hash of a user.
func (c *conn) PasswordHash(ctx context.Context, userID int64) (string, error) {
	var h string
	err := c.queryRow(ctx, `SELECT password_hash FROM users WHERE id = ?`, userID).Scan(&h)
	return h, err
}

// CreateUser inserts u with its roles and password hash and sets u.ID.
func (tx *Tx) CreateUser(u *zhifa.User, passwordHash string) error {
	id, err := tx.insert(tx.ctx, `INSERT INTO users (username, name, agency_id, officer_id, password_hash, disabled, created) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		u.Username, u.Name, nullID(u.AgencyID), nullID(u.OfficerID), passwordHash, u.Disabled, fmtTime(tx.Now))
	if err != nil {
		if isUniqueViolation(err) {
			return zhifa.Invalid(map[string]string{"username": "用户名“" + u.Username + "”已被使用"})
		}
		return err
	}
	u.ID, u.Created = id, tx.Now
	tx.touch("users", id)
	return tx.SetRoles(u.ID, u.Roles)
}

// SetRoles replaces the roles of a user.
func (tx *Tx) SetRoles(userID int64, roles []zhifa.Role) error {
	tx.touch("user_roles", userID)
	if _, err := tx.exec(tx.ctx, `DELETE FROM user_roles WHERE user_id = ?`, userID); err != nil {
		return err
	}
	for _, r := range roles {
		if _, err := tx.exec(tx.ctx, `INSERT INTO user_roles (user_id, role) VALUES (?, ?)`, userID, string(r)); err != nil {
			return err
		}
	}
	return nil
}

// SetPassword stores a new password hash and clears the lockout.
func (tx *Tx) SetPassword(userID int64, hash string) error {
	_, err := tx.exec(tx.ctx, `UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = '' WHERE id = ?`, hash, userID)
	tx.touch("users", userID)
	return err
}

// SetDisabled enables or disables a user; disabling ends its sessions.
func (tx *Tx) SetDisabled(userID int64, disabled bool) error {
	if _, err := tx.exec(tx.ctx, `UPDATE users SET disabled = ? WHERE id = ?`, disabled, userID); err != nil {
		return err
	}
	tx.touch("users", userID)
	if disabled {
		_, err := tx.exec(tx.ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
		return err
	}
	return nil
}

// SetLoginFailures records the failed-login counter and lockout end.
func (tx *Tx) SetLoginFailures(userID int64, n int, lockedUntil time.Time) error {
	_, err := tx.exec(tx.ctx, `UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?`, n, fmtTime(lockedUntil), userID)
	return err
}

// CreateSession stores a session by the hash of its token.
func (tx *Tx) CreateSession(tokenHash string, userID int64) error {
	_, err := tx.exec(tx.ctx, `INSERT INTO sessions (token_hash, user_id, created, last_seen) VALUES (?, ?, ?, ?)`, tokenHash, userID, fmtTime(tx.Now), fmtTime(tx.Now))
	return err
}

// DeleteSession removes a session.
func (tx *Tx) DeleteSession(tokenHash string) error {
	_, err := tx.exec(tx.ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
	return err
}

// Session returns the user id and last-seen time of a session.
func (c *conn) Session(ctx context.Context, tokenHash string) (userID int64, lastSeen time.Time, err error) {
	var ls string
	err = c.queryRow(ctx, `SELECT user_id, last_seen FROM sessions WHERE token_hash = ?`, tokenHash).Scan(&userID, &ls)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, zhifa.Errorf(zhifa.EUNAUTHORIZED, "会话已失效,请重新登录")
	}
	return userID, parseTime(ls), err
}

// TouchSession updates the last-seen time of a session. It is bookkeeping,
// not a state change of the domain, so it has no ledger event.
func (db *DB) TouchSession(ctx context.Context, tokenHash string, now time.Time) error {
	_, err := db.w.ExecContext(ctx, db.rebind(`UPDATE sessions SET last_seen = ? WHERE token_hash = ?`), fmtTime(now), tokenHash)
	return err
}

// ExpireSession deletes an idle session (bookkeeping, no ledger event: the
// expiry follows from the recorded login and the configured timeout).
func (db *DB) ExpireSession(ctx context.Context, tokenHash string) error {
	_, err := db.w.ExecContext(ctx, db.rebind(`DELETE FROM sessions WHERE token_hash = ?`), tokenHash)
	return err
}

func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505") || strings.Contains(s, "duplicate key")
}
