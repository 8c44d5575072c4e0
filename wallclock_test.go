package zhifa_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// wallClockCalls returns the calls in a Go file's source that read the wall
// clock (the time package's Now, Since and Until, whatever name the file gives the
// time package), as "line: call".
func wallClockCalls(src string) ([]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, 0)
	if err != nil {
		return nil, err
	}
	name := ""
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "time" {
			name = "time"
			if imp.Name != nil {
				name = imp.Name.Name
			}
		}
	}
	if name == "" || name == "_" {
		return nil, nil
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); ok && id.Name == name && id.Obj == nil {
			switch sel.Sel.Name {
			case "Now", "Since", "Until":
				out = append(out, strconv.Itoa(fset.Position(sel.Pos()).Line)+": time."+sel.Sel.Name)
			}
		}
		return true
	})
	return out, nil
}

func TestWallClockCalls(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want int
	}{
		{"package p\nimport \"time\"\nvar x = time" + ".Now()", 1},
		{"package p\nimport t0 \"time\"\nfunc f() { _ = t0.Since(t0.Time{}) }", 1},
		{"package p\nimport \"time\"\nfunc f() { _ = time" + ".Until(time.Time{}); _ = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }", 1},
		{"package p\nimport \"time\"\nvar d = time.Second", 0},
		{"package p\nfunc f() { time := struct{ Now int }{}; _ = time" + ".Now }", 0}, // no time import
	} {
		got, err := wallClockCalls(tc.src)
		if err != nil || len(got) != tc.want {
			t.Errorf("%q: calls %q (err %v), want %d", tc.src, got, err, tc.want)
		}
	}
}

// TestNoWallClockInTests: no test reads the wall clock, so that the suite
// gives the same result on every date (internal/testdate gives tests their
// "today"; benchmarks time themselves with internal/stopwatch).
func TestNoWallClockInTests(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") || path == "wallclock_test.go" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		calls, err := wallClockCalls(string(b))
		if err != nil {
			return err
		}
		for _, c := range calls {
			t.Errorf("%s:%s reads the wall clock; take the date from internal/testdate or time a benchmark with internal/stopwatch", path, c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
