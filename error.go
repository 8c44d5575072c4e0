package zhifa

import (
	"errors"
	"fmt"
)

// Error codes. They are only ever appended to; web maps each to an HTTP
// status in one table.
const (
	EINVALID      = "invalid"      // bad input: 400/422, the field is named
	EUNAUTHORIZED = "unauthorized" // not logged in: 401
	EFORBIDDEN    = "forbidden"    // logged in, not allowed: 403
	ENOTFOUND     = "not_found"    // 404
	ECONFLICT     = "conflict"     // state does not allow it: 409
	ERULE         = "rule"         // refused by a rule of law (certificate, two officers, review gate…): 422
	ELOCKED       = "locked"       // account locked after repeated failures: 423
	EINTERNAL     = "internal"     // 500; the message shown is generic
)

// Error is an error safe to show to users: Message is Chinese and names the
// field or rule at fault. Anything that is not an *Error is internal.
type Error struct {
	Code     string
	Message  string
	Problems map[string]string // field → message, for forms and the API's "problems"
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error for the given per-field problems. Its
// message lists them.
func Invalid(problems map[string]string) *Error {
	msg := "输入有误"
	for _, k := range sortedKeys(problems) {
		msg += ";" + problems[k]
	}
	return &Error{Code: EINVALID, Message: msg, Problems: problems}
}

// ErrorCode returns the code of err, EINTERNAL for errors that are not *Error
// and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err; internal errors get a
// generic message (the details go to the log, never to the user).
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "系统内部错误,请稍后重试或联系系统管理员。"
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}
