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
	ETOOLARGE     = "too_large"    // a request body or file over its limit: 413
	ESTORAGE      = "storage"      // no room: disk below its reserve, or an upload quota used up: 507
	EMEDIATYPE    = "media_type"   // a body of a type the route does not take: 415
	EMETHOD       = "method"       // the path exists, the method does not: 405
	EUNAVAILABLE  = "unavailable"  // not ready to serve (readiness probe): 503
	ETIMEOUT      = "timeout"      // the client sent its request too slowly: 408
)

// Error is a coded error. An *Error whose code is not EINTERNAL is marked
// safe: its Message is Chinese, names the field or rule at fault, and is
// shown to users. An EINTERNAL *Error, and anything that is not an *Error,
// is internal: users see a generic message and the details go to the log.
type Error struct {
	Code     string
	Message  string
	Problems map[string]string // field → message, for forms and the API's "problems"
	// Err is the cause, for the log and for errors.Is/As at the edge (web
	// turns a JSON decoding cause into a message naming the field). Its text
	// is never shown on its own.
	Err error
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message. The
// first error among args is kept as the cause (Err), so that the edge can
// still recognise it after it was formatted into the message.
func Errorf(code, format string, args ...any) *Error {
	e := &Error{Code: code, Message: fmt.Sprintf(format, args...)}
	for _, a := range args {
		if err, ok := a.(error); ok {
			e.Err = err
			break
		}
	}
	return e
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

// InternalMessage is what users see of an internal error.
const InternalMessage = "系统内部错误,请稍后重试或联系系统管理员。"

// ErrorMessage returns the user-facing message of err: the message of a safe
// *Error (see Error), InternalMessage for everything else, "" for nil. The
// message of an EINTERNAL *Error may hold a path or a driver's text, so it
// is never returned.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return InternalMessage
}

// Safe reports whether err's message may be shown to users.
func Safe(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Code != EINTERNAL
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
