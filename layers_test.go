package zhifa_test

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// allowed lists, for each package of the module, the module's packages it
// may import (DESIGN.md "Layers": imports point downward only). A new
// package must be added here, with its place in the layers.
var allowed = map[string][]string{
	".":               {},
	"access":          {"."},
	"registry":        {".", "access", "idcode", "ledger"},
	"blob":            {},
	"calendar":        {"."},
	"deadline":        {"calendar"},
	"idcode":          {},
	"ledger":          {},
	"procedure":       {".", "registry"},
	"redact":          {"idcode"},
	"store":           {".", "access", "ledger", "registry", "identity", "publicity", "penalty", "complaint", "supervision", "review", "document", "recording", "inspection"},
	"service":         {".", "access", "blob", "calendar", "deadline", "idcode", "ledger", "procedure", "redact", "store", "registry", "penalty", "review", "identity", "publicity", "complaint", "supervision", "document", "recording", "inspection"},
	"web":             {".", "access", "calendar", "deadline", "ledger", "procedure", "redact", "service", "registry", "penalty", "review", "publicity", "web/api", "web/portal", "web/staff", "web/ui", "web/workbench", "complaint", "supervision", "document", "blob", "recording", "inspection"},
	"web/ui":          {".", "access"},
	"web/staff":       {".", "calendar", "deadline", "procedure", "registry", "penalty", "review", "publicity", "web/ui"},
	"web/api":         {".", "access", "calendar", "deadline", "ledger", "procedure", "redact", "service", "registry", "penalty", "review", "publicity", "identity", "web/staff", "web/ui", "web/portal", "inspection"},
	"web/workbench":   {".", "access", "calendar", "deadline", "procedure", "redact", "service", "registry", "penalty", "review", "publicity", "identity", "web/staff", "web/ui", "complaint", "supervision", "ledger", "document", "blob", "recording", "inspection"},
	"web/portal":      {".", "ledger", "registry", "publicity", "web/ui", "complaint", "document"},
	"demo":            {".", "calendar", "idcode", "procedure", "service", "store", "registry", "penalty", "review", "identity", "publicity", "complaint", "supervision", "document", "recording", "inspection"},
	"cmd/zhifa":       {"*"},
	"store/storetest": {"store"},
	// Places of the contexts to come (doc.go only for now).
	"recording":                 {".", "access", "ledger", "blob", "registry", "procedure"},
	"inspection":                {".", "access", "ledger", "calendar", "deadline", "idcode", "redact", "registry", "procedure", "review"},
	"coercion":                  {".", "access", "ledger", "registry", "procedure", "review"},
	"permit":                    {".", "access", "ledger", "registry", "procedure", "review"},
	"complaint":                 {".", "access", "ledger", "registry", "calendar", "deadline"},
	"supervision":               {".", "access", "ledger", "registry"},
	"penalty":                   {".", "access", "ledger", "blob", "calendar", "deadline", "idcode", "registry", "procedure", "review", "publicity"},
	"review":                    {".", "access", "calendar", "deadline", "ledger", "registry", "procedure"},
	"identity":                  {".", "access", "ledger"},
	"publicity":                 {".", "access", "ledger", "redact", "calendar", "deadline", "idcode", "registry"},
	"document":                  {".", "access", "blob", "ledger", "registry"},
	"internal/testdate":         {}, // tests' date; standard library only
	"internal/stopwatch":        {}, // benchmarks' durations; standard library only
	"redact/internal/gencorpus": {"*"},
}

const module = "github.com/zhifa/zhifa"

// sqlPackages are the imports that speak SQL: only store (and its
// sub-packages) may import them.
var sqlPackages = []string{"database/sql", "modernc.org/sqlite", "github.com/jackc/pgx", "github.com/lib/pq", "github.com/mattn/go-sqlite3"}

// caseContexts are the packages that hold cases, their steps and the
// people in them. The public portal never imports them (invariant 4: the
// public side reads only published data), whatever the table says.
// complaint is not among them: the portal is where the public files a
// complaint and follows it with its query code, and what the context gives
// back to the public (complaint.PublicView) holds no personal data.
var caseContexts = []string{"service", "penalty", "review", "procedure", "identity", "inspection", "coercion", "permit", "recording", "supervision", "store"}

// importProblems returns what is wrong with package pkg (a path relative
// to the module, "." for the root) importing imp (a full import path).
func importProblems(pkg, imp string) []string {
	var out []string
	if pkg != "store" && !strings.HasPrefix(pkg, "store/") {
		for _, q := range sqlPackages {
			if imp == q || strings.HasPrefix(imp, q+"/") {
				out = append(out, "only store may speak SQL")
			}
		}
	}
	if imp != module && !strings.HasPrefix(imp, module+"/") {
		return out
	}
	rel := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
	if rel == "" {
		rel = "."
	}
	if pkg == "web/portal" || strings.HasPrefix(pkg, "web/portal/") {
		for _, c := range caseContexts {
			if rel == c || strings.HasPrefix(rel, c+"/") {
				out = append(out, "the public portal reads only published data (publicity, registry), never a case context")
			}
		}
	}
	ok, known := allowed[pkg]
	switch {
	case !known:
		out = append(out, "package "+pkg+" is not in the layers table of layers_test.go")
	case !slices.Contains(ok, "*") && !slices.Contains(ok, rel):
		out = append(out, fmt.Sprintf("%s may import only %v", pkg, ok))
	}
	return out
}

// TestLayerRules shows that each rule of importProblems bites.
func TestLayerRules(t *testing.T) {
	for _, tc := range []struct {
		pkg, imp string
		bad      bool
	}{
		{"store", "database/sql", false},
		{"store", "github.com/jackc/pgx/v5/stdlib", false},
		{"store/storetest", "modernc.org/sqlite", false},
		{"service", "database/sql", true},
		{"cmd/zhifa", "github.com/jackc/pgx/v5", true},
		{"registry", "modernc.org/sqlite", true},
		{"registry", module + "/web", true},       // upward
		{"calendar", module + "/ledger", true},    // sideways between leaves
		{"access", module, false},                 // the kernel
		{"web/portal", module + "/penalty", true}, // a case context
		{"web/portal", module + "/service", true},
		{"web/portal", module + "/store", true},
		{"nosuch", module, true}, // unknown package
	} {
		if got := importProblems(tc.pkg, tc.imp); (len(got) > 0) != tc.bad {
			t.Errorf("%s importing %s: problems %q, want bad=%v", tc.pkg, tc.imp, got, tc.bad)
		}
	}
}

// TestLayers fails when a package imports a module package above it or
// beside it, when a package outside store imports a SQL driver, and when
// the public portal imports a case context: web never speaks SQL, the rules
// never touch the database, the leaf packages know nothing of cases.
func TestLayers(t *testing.T) {
	seen := map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		pkg := filepath.ToSlash(filepath.Dir(path))
		seen[pkg] = true
		if _, known := allowed[pkg]; !known {
			t.Errorf("package %s is not in the layers table of layers_test.go", pkg)
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			for _, problem := range importProblems(pkg, p) {
				t.Errorf("%s imports %s: %s", path, p, problem)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for pkg := range allowed {
		if !seen[pkg] {
			t.Errorf("layers table names %s, which has no Go files", pkg)
		}
	}
}
