package zhifa_test

import (
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
	".":                         {},
	"access":                    {"."},
	"registry":                  {".", "access", "idcode", "ledger"},
	"blob":                      {},
	"calendar":                  {},
	"deadline":                  {"calendar"},
	"idcode":                    {},
	"ledger":                    {},
	"procedure":                 {"."},
	"redact":                    {"idcode"},
	"publicity":                 {".", "access", "ledger", "redact", "calendar", "deadline", "idcode"},
	"store":                     {".", "access", "ledger", "publicity"},
	"service":                   {".", "access", "blob", "calendar", "deadline", "idcode", "ledger", "procedure", "publicity", "redact", "store"},
	"web":                       {".", "access", "calendar", "deadline", "ledger", "procedure", "publicity", "redact", "service"},
	"demo":                      {".", "calendar", "idcode", "procedure", "publicity", "service", "store"},
	"cmd/zhifa":                 {"*"},
	"store/storetest":           {"store"},
	"internal/testdate":         {}, // tests' date; standard library only
	"redact/internal/gencorpus": {"*"},
}

const module = "github.com/zhifa/zhifa"

// TestLayers fails when a package imports a module package above it or
// beside it: web never speaks SQL, the rules never touch the database, the
// leaf packages know nothing of cases.
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
		ok, known := allowed[pkg]
		if !known {
			t.Errorf("package %s is not in the layers table of layers_test.go", pkg)
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p != module && !strings.HasPrefix(p, module+"/") {
				continue
			}
			rel := strings.TrimPrefix(strings.TrimPrefix(p, module), "/")
			if rel == "" {
				rel = "."
			}
			if !slices.Contains(ok, "*") && !slices.Contains(ok, rel) {
				t.Errorf("%s imports %s: %s may import only %v", path, p, pkg, ok)
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
