// Package identity is the identity context: the accounts of the workbench
// (users), their roles, passwords and sessions, and the defences of the
// login (pair lockout, rate limits, a bounded hashing pool). Roles are the
// kernel's zhifa.Role; the three separated administrator roles (三员分立:
// sysadmin 系统管理员, secadmin 安全管理员, auditor 审计管理员) are
// assigned and kept apart here, and their further separation will be
// built here too.
//
// Files:
//   - identity.go: the types (User, UserFilter, Session and the stored
//     login counters), the Store and Tx it needs, Metrics, and Service
//     with its settings (SessionIdle, SessionMaxAge, MaxFailedLogins,
//     LockFor, LoginLimits);
//   - auth.go: Login, LoginFrom, UnlockUser, Logout, Authenticate, the
//     login guard and its rate limits (LoginLimits, DefaultLoginLimits);
//   - users.go: CreateUser (UserInput), FindUserByName, ListUsers,
//     SetUserDisabled, ResetPassword, SetRoles;
//   - password.go, common_passwords.txt: argon2id hashing and the password
//     policy; hashpool.go: the pool that bounds concurrent password checks.
//
// Every write runs in one Store.Write transaction with its ledger event;
// access is checked through an access.Guard, which records denials.
//
// Imports: the root package zhifa, access, ledger and the leaf packages;
// never store (it declares the storage it needs: store.IdentityStore
// implements it) nor service or web.
package identity
