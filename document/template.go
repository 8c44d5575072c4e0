package document

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"text/template"
	"time"

	"github.com/zhifa/zhifa"
)

//go:embed templates/*.tmpl
var builtin embed.FS

// Templates are the document templates: the built-in ones, each of which an
// agency may replace by a file of the same name (<code>.tmpl) in Dir, read
// when first used, so that wording changes need no release.
type Templates struct {
	Dir string // "" for the built-in templates only

	once sync.Once
	set  map[string]*template.Template
	err  error
}

var funcs = template.FuncMap{
	"date": func(t time.Time) string { return chineseDate(t) },
}

func (t *Templates) load() {
	t.set = map[string]*template.Template{}
	for _, k := range Kinds {
		name := k.Code + ".tmpl"
		src, err := fs.ReadFile(builtin, "templates/"+name)
		if err != nil {
			t.err = err
			return
		}
		if t.Dir != "" {
			b, err := os.ReadFile(filepath.Join(t.Dir, name))
			switch {
			case err == nil:
				src = b
			case !errors.Is(err, fs.ErrNotExist):
				t.err = fmt.Errorf("文书模板 %s: %w", name, err)
				return
			}
		}
		tp, err := template.New(name).Option("missingkey=zero").Funcs(funcs).Parse(string(src))
		if err != nil {
			t.err = fmt.Errorf("文书模板 %s: %w", name, err)
			return
		}
		t.set[k.Code] = tp
	}
}

// Check parses every template and returns the first error, for a check at
// start.
func (t *Templates) Check() error {
	t.once.Do(t.load)
	return t.err
}

// Render writes document kind for step st of src and returns its blocks.
func (t *Templates) Render(k Kind, src Source, st *zhifa.Step) ([]Block, error) {
	t.once.Do(t.load)
	if t.err != nil {
		return nil, t.err
	}
	tp := t.set[k.Code]
	if tp == nil {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "没有文书种类“%s”", k.Code)
	}
	var buf bytes.Buffer
	if err := tp.Execute(&buf, build(k, src, st)); err != nil {
		return nil, fmt.Errorf("文书模板 %s: %w", k.Code, err)
	}
	return Parse(buf.String()), nil
}
