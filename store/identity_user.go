package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
)

const userColumns = `u.id, u.username, u.name, COALESCE(u.agency_id, 0), COALESCE(a.name, ''), COALESCE(u.officer_id, 0), u.disabled, u.failed_logins, u.locked_until, u.created`

func scanUser(s interface{ Scan(...any) error }) (*identity.User, error) {
	var u identity.User
	var locked, created string
	if err := s.Scan(&u.ID, &u.Username, &u.Name, &u.AgencyID, &u.AgencyName, &u.OfficerID, &u.Disabled, &u.FailedLogin, &locked, &created); err != nil {
		return nil, err
	}
	u.LockedUntil, u.Created = parseTime(locked), parseTime(created)
	return &u, nil
}

// FindUsers returns the users matching f, with their roles, ordered by id.
func (c *conn) FindUsers(ctx context.Context, f identity.UserFilter) ([]*identity.User, error) {
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
	var users []*identity.User
	byID := map[int64]*identity.User{}
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
func (c *conn) FindUser(ctx context.Context, f identity.UserFilter) (*identity.User, error) {
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
func (tx *Tx) CreateUser(u *identity.User, passwordHash string) error {
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

// SetRoles replaces the roles of a user and ends its sessions.
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
	// A session carries the roles it was opened with: a changed role
	// starts a new session.
	return tx.EndSessions(userID)
}

// SetPassword stores a new password hash, clears the failure counters and
// ends the user's sessions: whoever held the old password (or a session
// opened with it) must log in again.
func (tx *Tx) SetPassword(userID int64, hash string) error {
	_, err := tx.exec(tx.ctx, `UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = '' WHERE id = ?`, hash, userID)
	tx.touch("users", userID)
	if err != nil {
		return err
	}
	return tx.EndSessions(userID)
}

// SetDisabled enables or disables a user; disabling ends its sessions.
func (tx *Tx) SetDisabled(userID int64, disabled bool) error {
	if _, err := tx.exec(tx.ctx, `UPDATE users SET disabled = ? WHERE id = ?`, disabled, userID); err != nil {
		return err
	}
	tx.touch("users", userID)
	if disabled {
		return tx.EndSessions(userID)
	}
	return nil
}

// EndSessions deletes every session of a user (sessions are not records:
// the event of the write that ends them says why).
func (tx *Tx) EndSessions(userID int64) error {
	_, err := tx.exec(tx.ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
	return err
}

// CountLoginAttempt counts one login attempt of address against account
// (the digest of the typed user name) before its password is checked, in
// one atomic upsert: parallel attempts each get their own N, so no more
// than the limit of them can ever reach the password check. A lock that
// has ended, or a count whose last attempt is older than window, starts
// again from 1. It is bookkeeping (a security counter, no ledger event).
func (db *DB) CountLoginAttempt(ctx context.Context, account, address string, now time.Time, window time.Duration) (identity.LoginAttempt, error) {
	t, stale := fmtTime(now), fmtTime(now.Add(-window))
	q := `INSERT INTO login_attempts (account, address, failures, locked_until, updated) VALUES (?, ?, 1, '', ?)
		ON CONFLICT (account, address) DO UPDATE SET
		failures = CASE WHEN (login_attempts.locked_until <> '' AND login_attempts.locked_until <= ?)
			OR (login_attempts.locked_until = '' AND login_attempts.updated <= ?) THEN 1 ELSE login_attempts.failures + 1 END,
		locked_until = CASE WHEN login_attempts.locked_until <> '' AND login_attempts.locked_until <= ? THEN '' ELSE login_attempts.locked_until END,
		updated = excluded.updated
		RETURNING failures, locked_until`
	var a identity.LoginAttempt
	var locked string
	err := db.w.QueryRowContext(ctx, db.rebind(q), account, address, t, t, stale, t).Scan(&a.N, &locked)
	a.LockedUntil = parseTime(locked)
	return a, err
}

// CountLoginFailure counts a failed login in one transaction: the user's
// failure counter (incremented in the statement, never read and written
// back), the pair's lock, and the account's window. Bookkeeping, no ledger
// event: the caller records one when Opened.
func (db *DB) CountLoginFailure(ctx context.Context, f identity.LoginFailure) (identity.LoginWindow, error) {
	var w identity.LoginWindow
	sqlTx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return w, err
	}
	defer sqlTx.Rollback()
	c := conn{q: sqlTx, dialect: db.dialect}
	now := db.Now().UTC()
	if f.UserID != 0 {
		err := c.queryRow(ctx, `UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins`, f.UserID).Scan(&w.AccountFailures)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return w, err
		}
	}
	if !f.LockUntil.IsZero() {
		if _, err := c.exec(ctx, `UPDATE login_attempts SET locked_until = ? WHERE account = ? AND address = ?`, fmtTime(f.LockUntil), f.Account, f.Address); err != nil {
			return w, err
		}
	}
	err = c.queryRow(ctx, `UPDATE login_windows SET failures = failures + 1 WHERE account = ? AND started > ? RETURNING failures`,
		f.Window, fmtTime(now.Add(-f.WindowLen))).Scan(&w.Failures)
	switch {
	case err == nil:
	case errors.Is(err, sql.ErrNoRows):
		var started string
		err := c.queryRow(ctx, `DELETE FROM login_windows WHERE account = ? RETURNING started, failures`, f.Window).Scan(&started, &w.PrevFailures)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return w, err
		}
		w.PrevStarted = parseTime(started)
		// A parallel failure may have opened the window meanwhile: then
		// this one only counts, and the event is that one's.
		err = c.queryRow(ctx, `INSERT INTO login_windows (account, started, failures) VALUES (?, ?, 1)
			ON CONFLICT (account) DO UPDATE SET failures = login_windows.failures + 1 RETURNING failures`, f.Window, fmtTime(now)).Scan(&w.Failures)
		if err != nil {
			return w, err
		}
		w.Opened = w.Failures == 1
	default:
		return w, err
	}
	return w, sqlTx.Commit()
}

// ClearLoginFailures ends the failure counting of a user after a successful
// login from address: the user's counter, the pair's attempts and the
// account's window. It returns the window's failures, for the login event.
func (tx *Tx) ClearLoginFailures(userID int64, account, address string) (failures int, started time.Time, err error) {
	if _, err := tx.exec(tx.ctx, `UPDATE users SET failed_logins = 0, locked_until = '' WHERE id = ?`, userID); err != nil {
		return 0, time.Time{}, err
	}
	if _, err := tx.exec(tx.ctx, `DELETE FROM login_attempts WHERE account = ? AND address = ?`, account, address); err != nil {
		return 0, time.Time{}, err
	}
	return tx.takeLoginWindow("user/" + strconv.FormatInt(userID, 10))
}

// UnlockUser lifts every lock on a user (all addresses) and clears its
// counters; it returns the window's failures, for the unlock event.
func (tx *Tx) UnlockUser(userID int64, account string) (failures int, started time.Time, err error) {
	if _, err := tx.exec(tx.ctx, `UPDATE users SET failed_logins = 0, locked_until = '' WHERE id = ?`, userID); err != nil {
		return 0, time.Time{}, err
	}
	if _, err := tx.exec(tx.ctx, `DELETE FROM login_attempts WHERE account = ?`, account); err != nil {
		return 0, time.Time{}, err
	}
	return tx.takeLoginWindow("user/" + strconv.FormatInt(userID, 10))
}

func (tx *Tx) takeLoginWindow(account string) (int, time.Time, error) {
	var n int
	var started string
	err := tx.queryRow(tx.ctx, `DELETE FROM login_windows WHERE account = ? RETURNING failures, started`, account).Scan(&n, &started)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, nil
	}
	return n, parseTime(started), err
}

// LockedPairs returns how many addresses are locked out of account now.
func (c *conn) LockedPairs(ctx context.Context, account string, now time.Time) (int, error) {
	var n int
	err := c.queryRow(ctx, `SELECT COUNT(*) FROM login_attempts WHERE account = ? AND locked_until > ?`, account, fmtTime(now)).Scan(&n)
	return n, err
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

// Session returns a session by the hash of its token, or EUNAUTHORIZED.
func (c *conn) Session(ctx context.Context, tokenHash string) (identity.SessionInfo, error) {
	var si identity.SessionInfo
	var created, ls string
	err := c.queryRow(ctx, `SELECT user_id, created, last_seen FROM sessions WHERE token_hash = ?`, tokenHash).Scan(&si.UserID, &created, &ls)
	if errors.Is(err, sql.ErrNoRows) {
		return si, zhifa.Errorf(zhifa.EUNAUTHORIZED, "会话已失效,请重新登录")
	}
	si.Created, si.LastSeen = parseTime(created), parseTime(ls)
	return si, err
}

// TouchSession updates the last-seen time of a session. It is bookkeeping,
// not a state change of the domain, so it has no ledger event.
func (db *DB) TouchSession(ctx context.Context, tokenHash string, now time.Time) error {
	_, err := db.w.ExecContext(ctx, db.rebind(`UPDATE sessions SET last_seen = ? WHERE token_hash = ?`), fmtTime(now), tokenHash)
	return err
}

// ExpireSession deletes an idle or too old session (bookkeeping, no ledger
// event: the expiry follows from the recorded login and the configured
// timeouts).
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
