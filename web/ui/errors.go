package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strconv"
	"strings"
	"syscall"

	"github.com/zhifa/zhifa"
)

// statusOf maps error codes to HTTP statuses: the one table.
var statusOf = map[string]int{
	zhifa.EINVALID:      http.StatusBadRequest,
	zhifa.EUNAUTHORIZED: http.StatusUnauthorized,
	zhifa.EFORBIDDEN:    http.StatusForbidden,
	zhifa.ENOTFOUND:     http.StatusNotFound,
	zhifa.ECONFLICT:     http.StatusConflict,
	zhifa.ERULE:         http.StatusUnprocessableEntity,
	zhifa.ELOCKED:       http.StatusLocked,
	zhifa.EINTERNAL:     http.StatusInternalServerError,
	zhifa.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	zhifa.ESTORAGE:      http.StatusInsufficientStorage,
	zhifa.EMEDIATYPE:    http.StatusUnsupportedMediaType,
	zhifa.EMETHOD:       http.StatusMethodNotAllowed,
	zhifa.EUNAVAILABLE:  http.StatusServiceUnavailable,
	zhifa.ETIMEOUT:      http.StatusRequestTimeout,
}

// ErrorCodes are the error codes statusOf maps, for the OpenAPI document's
// check.
func ErrorCodes() []string {
	out := make([]string, 0, len(statusOf))
	for c := range statusOf {
		out = append(out, c)
	}
	return out
}

// ErrorStatus is the HTTP status of err: its code's, 500 for an internal error.
func ErrorStatus(err error) int {
	if st, ok := statusOf[zhifa.ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// APIError is the JSON body of an error (the OpenAPI document's Error
// schema).
type APIError struct {
	Code     string            `json:"code"`
	Message  string            `json:"message"`
	Problems map[string]string `json:"problems,omitempty"`
	// RequestID names the request in the server's log; given with internal
	// errors so that a user can quote it to the administrator.
	RequestID string `json:"request_id,omitempty"`
}

// publicError is what a user may see of err: err itself when it is safe, a
// Chinese error naming the field for a decoding, size, timeout or disk
// error found among its causes, and err (internal) otherwise.
func publicError(err error) error {
	if e := explain(err); e != nil {
		return e
	}
	return err
}

// explain recognises, among err's causes, the errors of reading a request
// (JSON syntax and types, a body over its limit, a body sent too slowly) and
// of a full disk, whose own text is Go-English or internal, and returns the
// Chinese error to show instead; nil if there is none.
func explain(err error) *zhifa.Error {
	var own *zhifa.Error
	if err == nil || errors.As(err, &own) && own.Code != zhifa.EINVALID && own.Code != zhifa.EINTERNAL {
		return nil // a safe error that already says what went wrong
	}
	var (
		syn    *json.SyntaxError
		typ    *json.UnmarshalTypeError
		big    *http.MaxBytesError
		netErr net.Error
	)
	switch {
	case errors.As(err, &big):
		return &zhifa.Error{Code: zhifa.ETOOLARGE, Message: "请求体超过 " + LimitText(big.Limit) + " 上限", Problems: map[string]string{"body": "请求体超过 " + LimitText(big.Limit) + " 上限"}, Err: err}
	case errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		return &zhifa.Error{Code: zhifa.ETIMEOUT, Message: "请求体发送过慢,连接已超时,请检查网络后重试", Err: err}
	case noSpace(err):
		return &zhifa.Error{Code: zhifa.ESTORAGE, Message: "服务器存储空间不足,未能保存;请联系系统管理员清理空间后重试", Err: err}
	case errors.As(err, &syn):
		msg := fmt.Sprintf("%s第 %d 个字节附近有语法错误", notJSON, syn.Offset)
		return &zhifa.Error{Code: zhifa.EINVALID, Message: msg, Problems: map[string]string{"body": msg}, Err: err}
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "body"
		}
		msg := fmt.Sprintf("字段“%s”应为%s", field, kindName(typ.Type))
		if field == "body" {
			msg = "整个请求体应为" + kindName(typ.Type)
		}
		return &zhifa.Error{Code: zhifa.EINVALID, Message: notJSON + msg, Problems: map[string]string{field: msg}, Err: err}
	case errors.Is(err, io.EOF):
		msg := "请求体为空,应为 JSON 对象"
		return &zhifa.Error{Code: zhifa.EINVALID, Message: notJSON + msg, Problems: map[string]string{"body": msg}, Err: err}
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg := "内容不完整,提前结束"
		return &zhifa.Error{Code: zhifa.EINVALID, Message: notJSON + msg, Problems: map[string]string{"body": msg}, Err: err}
	}
	for c := err; c != nil; c = errors.Unwrap(c) {
		text := c.Error()
		if name, ok := strings.CutPrefix(text, `json: unknown field "`); ok {
			name = strings.TrimSuffix(name, `"`)
			msg := "不认识的字段“" + name + "”"
			return &zhifa.Error{Code: zhifa.EINVALID, Message: notJSON + msg, Problems: map[string]string{name: msg}, Err: err}
		}
		if strings.HasPrefix(text, "json: ") {
			msg := "内容无法按接口定义读取"
			return &zhifa.Error{Code: zhifa.EINVALID, Message: notJSON + msg, Problems: map[string]string{"body": msg}, Err: err}
		}
		if _, isZ := c.(*zhifa.Error); isZ && c != err {
			break // a safe error wrapped by a safe one keeps its own message
		}
	}
	return nil
}

// notJSON begins the message of every JSON decoding error.
const notJSON = "请求体不是有效的 JSON:"

// noSpace reports whether err says the disk is full: ENOSPC from a file
// write, SQLite's SQLITE_FULL, PostgreSQL's disk_full (53100).
func noSpace(err error) bool {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return true
	}
	text := err.Error()
	return strings.Contains(text, "database or disk is full") || strings.Contains(text, "SQLSTATE 53100") || strings.Contains(text, "No space left on device")
}

// kindName names a Go type for users.
func kindName(t reflect.Type) string {
	if t == nil {
		return "其他类型"
	}
	switch t.Kind() {
	case reflect.String:
		return "文本(字符串)"
	case reflect.Bool:
		return "true 或 false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "整数"
	case reflect.Float32, reflect.Float64:
		return "数字"
	case reflect.Slice, reflect.Array:
		return "数组"
	case reflect.Map, reflect.Struct:
		return "JSON 对象"
	case reflect.Pointer:
		return kindName(t.Elem())
	}
	return "其他类型"
}

// LimitText writes a round limit for users ("1 MiB").
func LimitText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

// SizeText is a file size for people.
func SizeText(n int64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatInt(n, 10) + " 字节"
	}
	f, units := float64(n), []string{"KiB", "MiB", "GiB", "TiB"}
	i := -1
	for f >= unit && i < len(units)-1 {
		f /= unit
		i++
	}
	return strconv.FormatFloat(f, 'f', 1, 64) + " " + units[i] + "(" + strconv.FormatInt(n, 10) + " 字节)"
}

// userMessage returns the message and problems a user sees for err (after
// publicError), logging an internal error once, here, with the request id
// the message quotes.
func (s *Responder) userMessage(r *http.Request, kind string, err error) (msg string, problems map[string]string, id string) {
	if !zhifa.Safe(err) {
		id = RequestID(r.Context())
		s.log.Error(kind, "request", id, "method", r.Method, "path", r.URL.Path, "err", err)
		return zhifa.InternalMessage + "(请求编号 " + id + ")", nil, id
	}
	var e *zhifa.Error
	errors.As(err, &e)
	return e.Message, e.Problems, ""
}

// APIFail writes err as JSON; internal errors are logged once, here.
func (s *Responder) APIFail(w http.ResponseWriter, r *http.Request, err error) {
	err = publicError(err)
	msg, problems, id := s.userMessage(r, "api", err)
	WriteJSON(w, ErrorStatus(err), APIError{Code: zhifa.ErrorCode(err), Message: msg, Problems: problems, RequestID: id})
}

// ErrorPage is the data of the error page.
type ErrorPage struct {
	Page
	Status    int
	Heading   string // what happened, in a few words
	RequestID string // for internal errors
}

// headings are the error page's titles by status.
var headings = map[int]string{
	http.StatusBadRequest:            "输入有误",
	http.StatusUnauthorized:          "请先登录",
	http.StatusForbidden:             "无权访问",
	http.StatusNotFound:              "页面不存在",
	http.StatusMethodNotAllowed:      "不支持的请求方式",
	http.StatusRequestTimeout:        "请求超时",
	http.StatusConflict:              "状态不允许此操作",
	http.StatusRequestEntityTooLarge: "提交的内容过大",
	http.StatusUnsupportedMediaType:  "不支持的内容类型",
	http.StatusUnprocessableEntity:   "不符合办案规则",
	http.StatusLocked:                "账号已锁定",
	http.StatusInsufficientStorage:   "存储空间不足",
	http.StatusServiceUnavailable:    "服务暂不可用",
	http.StatusInternalServerError:   "系统内部错误",
}

// PageFail renders an error page; an unauthenticated workbench request goes
// to the login page.
func (s *Responder) PageFail(w http.ResponseWriter, r *http.Request, err error) {
	err = publicError(err)
	code := zhifa.ErrorCode(err)
	if code == zhifa.EUNAUTHORIZED && r.Method == http.MethodGet {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	msg, _, id := s.userMessage(r, "page", err)
	st := ErrorStatus(err)
	section := "portal"
	if !ActorFrom(r.Context()).Public() {
		section = "workbench"
	}
	heading := headings[st]
	if heading == "" {
		heading = "出错了"
	}
	s.Render(w, r, st, "error", ErrorPage{Page: Page{Title: heading, Section: section, Actor: ActorFrom(r.Context()), Error: msg}, Status: st, Heading: heading, RequestID: id})
}

// ReadFormError is the error of a form that could not be read: a size, timeout
// or disk error as explain gives it, otherwise an EINVALID error on the form
// whose message says what (Go's parser text is never shown).
func ReadFormError(err error, what string) error {
	if e := explain(err); e != nil && e.Code != zhifa.EINVALID {
		return e
	}
	return zhifa.Invalid(map[string]string{"form": what})
}
