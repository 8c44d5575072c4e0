package ui

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
)

// WriteJSON writes v as JSON.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// DecodeJSON decodes a JSON request body (≤1 MiB) into v.
func DecodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return zhifa.Errorf(zhifa.EINVALID, "请求体不是有效的 JSON:%v", err)
	}
	return nil
}

// PathIndex reads the path value name as a number ≥ 0.
func PathIndex(r *http.Request, name string) (int64, error) {
	v, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || v < 0 {
		return 0, zhifa.Invalid(map[string]string{name: "“" + r.PathValue(name) + "”不是有效的编号"})
	}
	return v, nil
}

// QueryID parses an optional numeric query parameter.
func QueryID(r *http.Request, name string) (*int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return nil, zhifa.Invalid(map[string]string{name: "“" + v + "”不是有效的编号"})
	}
	return &n, nil
}

// List is the JSON body of a list.
type List[T any] struct {
	Items []T `json:"items"`
}

// QueryString is an optional query parameter, trimmed; nil when empty.
func QueryString(r *http.Request, name string) *string {
	if v := strings.TrimSpace(r.URL.Query().Get(name)); v != "" {
		return &v
	}
	return nil
}

// FormDate parses an optional date field written YYYY-MM-DD: the zero Date
// when it is blank, and for text that is no existing date (2025-13-45,
// "abc") a Date that is not zero and not Valid, so that the service reports
// the field as an invalid date rather than as missing.
func FormDate(s string) zhifa.Date {
	s = strings.TrimSpace(s)
	if s == "" {
		return zhifa.Date{}
	}
	if d, ok := zhifa.ParseCivilDate(s); ok {
		return d
	}
	return zhifa.Date{Y: -1}
}

// FormID parses an optional numeric form field; a bad number gives -1 so the
// service reports the field.
func FormID(s string) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// JSONBody decodes the request's JSON body as a T (see DecodeJSON).
func JSONBody[T any](r *http.Request) (T, error) {
	var v T
	err := DecodeJSON(r, &v)
	return v, err
}

// PathIndexAndBody reads the path number name, then the JSON body as a T:
// the shape of a POST or PUT to /api/v1/…/{id}/….
func PathIndexAndBody[T any](r *http.Request, name string) (int64, T, error) {
	var v T
	id, err := PathIndex(r, name)
	if err != nil {
		return 0, v, err
	}
	v, err = JSONBody[T](r)
	return id, v, err
}
