package api

import (
	_ "embed"
	"net/http"
)

// openAPIDoc is the OpenAPI 3 document of /api/v1; openapi_test.go fails
// when it and routes.go, the error shape or the procedure table's step
// fields drift apart.
//
//go:embed openapi.json
var openAPIDoc []byte

// HandleOpenAPI serves GET /api/v1/openapi.json.
func HandleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPIDoc)
	return nil
}
