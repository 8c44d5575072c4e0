package api

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/web/ui"
)

// The OpenAPI document (openapi.json) against the code: every route under
// /api/v1 is documented and every documented operation has a route; each
// operation has an operationId from its handler's name, its security, its
// 4xx answers with the shared error schema (apiError), tags and a Chinese
// summary; and the per-action schemas of POST /cases/{id}/steps are the
// procedure table's actions and fields.

type oaDoc struct {
	Servers    []oaServer                            `json:"servers"`
	Security   []map[string][]string                 `json:"security"`
	Tags       []struct{ Name string }               `json:"tags"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		SecuritySchemes map[string]json.RawMessage `json:"securitySchemes"`
		Schemas         map[string]*oaSchema       `json:"schemas"`
		Responses       map[string]oaResponse      `json:"responses"`
	} `json:"components"`
}

type oaServer struct {
	URL string `json:"url"`
}

type oaOperation struct {
	OperationID string                 `json:"operationId"`
	Summary     string                 `json:"summary"`
	Tags        []string               `json:"tags"`
	Security    *[]map[string][]string `json:"security"`
	Responses   map[string]oaResponse  `json:"responses"`
}

type oaResponse struct {
	Ref         string `json:"$ref"`
	Description string `json:"description"`
	Content     map[string]struct {
		Schema *oaSchema `json:"schema"`
	} `json:"content"`
}

type oaSchema struct {
	Ref           string               `json:"$ref"`
	Title         string               `json:"title"`
	Enum          []string             `json:"enum"`
	Required      []string             `json:"required"`
	Properties    map[string]*oaSchema `json:"properties"`
	AllOf         []*oaSchema          `json:"allOf"`
	OneOf         []*oaSchema          `json:"oneOf"`
	Discriminator *struct {
		PropertyName string            `json:"propertyName"`
		Mapping      map[string]string `json:"mapping"`
	} `json:"discriminator"`
}

func readOpenAPI(t *testing.T) oaDoc {
	t.Helper()
	b, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(b, openAPIDoc) {
		t.Fatal("openapi.json differs from the embedded document")
	}
	var d oaDoc
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return d
}

// apiRoute is a route of routes.go: "GET /api/v1/cases" →
// s.v1.cases.HandleAPICases (receiver s.v1.cases, handler HandleAPICases),
// a Server method such as s.handleAPIOpenAPI, or a flow's handler such as
// agencyAPI.HandleList.
type apiRoute struct{ method, path, receiver, handler string }

// sourceRoutes reads the routes with a method from routes.go.
func sourceRoutes(t *testing.T) []apiRoute {
	t.Helper()
	src, err := os.ReadFile("../routes.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`m\.HandleFunc\("([A-Z]+) (/[^"]*)", (?:s\.(?:api|page)\()?([\w.]+)\.([hH]andle\w+)`)
	var out []apiRoute
	for _, m := range re.FindAllStringSubmatch(string(src), -1) {
		out = append(out, apiRoute{m[1], m[2], m[3], m[4]})
	}
	if len(out) < 50 {
		t.Fatalf("found only %d routes in routes.go", len(out))
	}
	return out
}

// operationID is the operationId of a handler: its name without "handle"
// (or "Handle") and "API", in camelCase (HandleAPICaseStep → caseStep,
// handlePublicationCSV → publicationCSV, handleAPIOpenAPI → openAPI).
func operationID(handler string) string {
	n := strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(handler, "handle"), "Handle"), "API")
	i := 0
	for i < len(n) && unicode.IsUpper(rune(n[i])) {
		i++
	}
	if i > 1 && i < len(n) {
		i-- // the last capital of a run begins the next word
	}
	return strings.ToLower(n[:i]) + n[i:]
}

var camelCase = regexp.MustCompile(`^[a-z][a-zA-Z0-9]*$`)

var methods = []string{"get", "put", "post", "delete", "patch", "head", "options"}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	d := readOpenAPI(t)
	if len(d.Servers) != 1 {
		t.Fatalf("servers = %v, want one", d.Servers)
	}
	routes := map[string]apiRoute{}
	for _, r := range sourceRoutes(t) {
		routes[r.method+" "+r.path] = r
	}
	tags := map[string]bool{}
	for _, tg := range d.Tags {
		tags[tg.Name] = true
	}
	documented := map[string]bool{}
	ids := map[string]string{}
	for path, item := range d.Paths {
		base := d.Servers[0].URL
		if raw, ok := item["servers"]; ok {
			var ss []oaServer
			if err := json.Unmarshal(raw, &ss); err != nil || len(ss) != 1 {
				t.Fatalf("%s: servers %s", path, raw)
			}
			base = ss[0].URL
		}
		for key, raw := range item {
			if key == "servers" || key == "parameters" || key == "summary" || key == "description" {
				continue
			}
			if !slices.Contains(methods, key) {
				t.Errorf("%s: unknown key %q", path, key)
				continue
			}
			name := strings.ToUpper(key) + " " + strings.TrimSuffix(base, "/") + path
			documented[name] = true
			var op oaOperation
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			r, ok := routes[name]
			if !ok {
				t.Errorf("%s is documented but routes.go has no such route", name)
				continue
			}
			checkOperation(t, d, name, op, r, tags)
			if prev, dup := ids[op.OperationID]; dup && op.OperationID != "" {
				t.Errorf("operationId %q of %s repeats that of %s", op.OperationID, name, prev)
			}
			ids[op.OperationID] = name
		}
	}
	for name := range routes {
		if strings.HasPrefix(strings.SplitN(name, " ", 2)[1], "/api/v1/") && !documented[name] {
			t.Errorf("route %s is missing from openapi.json", name)
		}
	}
}

func checkOperation(t *testing.T, d oaDoc, name string, op oaOperation, r apiRoute, tags map[string]bool) {
	t.Helper()
	// A method of the Server or of one of its resources (s.v1.cases) has
	// the operationId of its name; a flow's handler (agencyAPI.HandleList)
	// names too little, so its id need only be camelCase.
	resource := r.receiver == "s" || strings.HasPrefix(r.receiver, "s.")
	if want := operationID(r.handler); resource && op.OperationID != want {
		t.Errorf("%s: operationId %q, want %q (from %s)", name, op.OperationID, want, r.handler)
	}
	if !camelCase.MatchString(op.OperationID) {
		t.Errorf("%s: operationId %q is not camelCase", name, op.OperationID)
	}
	if !strings.ContainsFunc(op.Summary, func(c rune) bool { return unicode.Is(unicode.Han, c) }) {
		t.Errorf("%s: summary %q is not in Chinese", name, op.Summary)
	}
	if len(op.Tags) == 0 {
		t.Errorf("%s: no tags", name)
	}
	for _, tg := range op.Tags {
		if !tags[tg] {
			t.Errorf("%s: tag %q is not declared in tags", name, tg)
		}
	}
	if op.Security == nil {
		t.Errorf("%s: security is not stated ([] for a public operation)", name)
	} else {
		for _, req := range *op.Security {
			for scheme := range req {
				if _, ok := d.Components.SecuritySchemes[scheme]; !ok {
					t.Errorf("%s: unknown security scheme %q", name, scheme)
				}
			}
		}
		if needsLogin(*op.Security) && op.Responses["401"].Ref == "" {
			t.Errorf("%s: needs a login but does not answer 401", name)
		}
	}
	n4xx := 0
	for code, resp := range op.Responses {
		if !strings.HasPrefix(code, "4") {
			continue
		}
		n4xx++
		if resp.Ref == "" {
			continue // a non-JSON answer (the CSV export's plain-text 400)
		}
		const prefix = "#/components/responses/"
		named, ok := d.Components.Responses[strings.TrimPrefix(resp.Ref, prefix)]
		if !strings.HasPrefix(resp.Ref, prefix) || !ok {
			t.Errorf("%s: %s refers to %q, not a shared response", name, code, resp.Ref)
			continue
		}
		if s := named.Content["application/json"].Schema; s == nil || s.Ref != "#/components/schemas/Error" {
			t.Errorf("%s: %s answer is not the shared Error schema", name, code)
		}
	}
	if n4xx == 0 {
		t.Errorf("%s: no 4xx answer", name)
	}
}

// needsLogin reports whether a security requirement list demands a login
// (no empty requirement, which makes it optional).
func needsLogin(sec []map[string][]string) bool {
	if len(sec) == 0 {
		return false
	}
	for _, req := range sec {
		if len(req) == 0 {
			return false
		}
	}
	return true
}

// TestOpenAPIErrorSchema: the shared Error schema is apiError, and its
// codes are those of statusOf.
func TestOpenAPIErrorSchema(t *testing.T) {
	d := readOpenAPI(t)
	s := d.Components.Schemas["Error"]
	if s == nil {
		t.Fatal("no Error schema")
	}
	var fields []string
	rt := reflect.TypeFor[ui.APIError]()
	for i := range rt.NumField() {
		fields = append(fields, strings.Split(rt.Field(i).Tag.Get("json"), ",")[0])
	}
	var props []string
	for p := range s.Properties {
		props = append(props, p)
	}
	sort.Strings(fields)
	sort.Strings(props)
	if !slices.Equal(fields, props) {
		t.Errorf("Error schema properties %v, apiError fields %v", props, fields)
	}
	codes := ui.ErrorCodes()
	enum := slices.Clone(s.Properties["code"].Enum)
	sort.Strings(codes)
	sort.Strings(enum)
	if !slices.Equal(codes, enum) {
		t.Errorf("Error code enum %v, statusOf has %v", enum, codes)
	}
	for name, resp := range d.Components.Responses {
		if sc := resp.Content["application/json"].Schema; sc == nil || sc.Ref != "#/components/schemas/Error" {
			t.Errorf("response %s is not the Error schema", name)
		}
	}
}

// stepAction is what the document must say of one action of POST
// /cases/{id}/steps.
type stepAction struct {
	Name     string
	Fields   map[string]string // code → label
	Required []string
}

// stepActions reads the procedure table: every action but registration
// (which is POST /cases), with its form fields. It is the one place the
// document's check knows the table's shape.
func stepActions() map[string]stepAction {
	out := map[string]stepAction{}
	for _, tr := range penalty.Actions() {
		if tr.Action == penalty.Register {
			continue
		}
		a := stepAction{Name: tr.Name, Fields: map[string]string{}}
		for _, f := range tr.Fields {
			a.Fields[f.Code] = f.Label
			if f.Required {
				a.Required = append(a.Required, f.Code)
			}
		}
		out[string(tr.Action)] = a
	}
	return out
}

// TestOpenAPIStepSchemas: StepInput is a oneOf with a discriminator on
// action, one schema per action of the procedure table, with its fields,
// their labels and which are required.
func TestOpenAPIStepSchemas(t *testing.T) {
	d := readOpenAPI(t)
	in := d.Components.Schemas["StepInput"]
	if in == nil || in.Discriminator == nil || in.Discriminator.PropertyName != "action" {
		t.Fatal("StepInput is not a oneOf with a discriminator on action")
	}
	want := stepActions()
	mapping := in.Discriminator.Mapping
	var refs []string
	for _, s := range in.OneOf {
		refs = append(refs, s.Ref)
	}
	for act := range mapping {
		if _, ok := want[act]; !ok {
			t.Errorf("StepInput documents action %q, which the procedure table does not have", act)
		}
	}
	for act, w := range want {
		ref, ok := mapping[act]
		if !ok {
			t.Errorf("StepInput lacks action %q (%s) of the procedure table", act, w.Name)
			continue
		}
		if !slices.Contains(refs, ref) {
			t.Errorf("StepInput: %s is in the mapping but not in oneOf", ref)
		}
		s := d.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")]
		if s == nil {
			t.Errorf("action %q: no schema %s", act, ref)
			continue
		}
		if s.Title != w.Name {
			t.Errorf("action %q: title %q, want %q", act, s.Title, w.Name)
		}
		var own *oaSchema
		for _, part := range s.AllOf {
			if part.Properties["action"] != nil {
				own = part
			}
		}
		if own == nil || !slices.Equal(own.Properties["action"].Enum, []string{act}) || !slices.Contains(own.Required, "action") {
			t.Errorf("action %q: the schema does not fix action to %q", act, act)
			continue
		}
		got := stepAction{Name: s.Title, Fields: map[string]string{}}
		if f := own.Properties["fields"]; f != nil {
			for code, p := range f.Properties {
				got.Fields[code] = p.Title
			}
			got.Required = f.Required
			if len(f.Required) > 0 && !slices.Contains(own.Required, "fields") {
				t.Errorf("action %q: fields has required codes but is not required", act)
			}
		}
		if !reflect.DeepEqual(got.Fields, w.Fields) || !slices.Equal(got.Required, w.Required) {
			t.Errorf("action %q: the document says fields %v required %v; the procedure table has %v required %v",
				act, got.Fields, got.Required, w.Fields, w.Required)
		}
	}
}
