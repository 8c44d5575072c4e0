package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
)

// Decoding and checking a request's input: one helper per shape, each
// returning the coded error (EINVALID naming the field) that the handler
// returns as it is. queryID, queryString and formID, used mostly by the
// registry's handlers, are in handlers_registry.go.

// pathIndex reads the path value name as a number ≥ 0.
func pathIndex(r *http.Request, name string) (int64, error) {
	v, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || v < 0 {
		return 0, zhifa.Invalid(map[string]string{name: "“" + r.PathValue(name) + "”不是有效的编号"})
	}
	return v, nil
}

// decodeJSON decodes a JSON request body (≤1 MiB) into v.
func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return zhifa.Errorf(zhifa.EINVALID, "请求体不是有效的 JSON:%v", err)
	}
	return nil
}

// jsonBody decodes the request's JSON body as a T (see decodeJSON).
func jsonBody[T any](r *http.Request) (T, error) {
	var v T
	err := decodeJSON(r, &v)
	return v, err
}

// pathIndexAndBody reads the path number name, then the JSON body as a T:
// the shape of a POST or PUT to /api/v1/…/{id}/….
func pathIndexAndBody[T any](r *http.Request, name string) (int64, T, error) {
	var v T
	id, err := pathIndex(r, name)
	if err != nil {
		return 0, v, err
	}
	v, err = jsonBody[T](r)
	return id, v, err
}

// publicationStatus reads the "status" filter of an agency's publications:
// "" (all) or one of publicationStatuses.
func publicationStatus(r *http.Request) (string, error) {
	status := strings.TrimSpace(r.URL.Query().Get("status"))
	if status != "" && !slices.Contains(publicationStatuses, status) {
		return "", zhifa.Invalid(map[string]string{"status": "公示状态须为" + strings.Join(publicationStatuses, "、") + "之一"})
	}
	return status, nil
}
