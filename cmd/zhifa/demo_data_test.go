package main

import (
	"context"
	"errors"
	"flag"
	"path/filepath"
	"strings"
	"testing"
)

// `zhifa demo -h` names the folder the demo really uses, in the user's
// cache folder, never the current directory (where the README's command
// left an untracked zhifa-demo/) nor serve's zhifa-data.
func TestDemoHelpNamesItsDataFolder(t *testing.T) {
	home := t.TempDir()
	for _, tt := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"home", map[string]string{"HOME": home}, filepath.Join(home, ".cache", "zhifa", "demo")},
		{"xdg", map[string]string{"HOME": home, "XDG_CACHE_HOME": filepath.Join(home, "c")}, filepath.Join(home, "c", "zhifa", "demo")},
		{"relative xdg ignored", map[string]string{"HOME": home, "XDG_CACHE_HOME": "rel"}, filepath.Join(home, ".cache", "zhifa", "demo")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out syncBuffer
			e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &out, getenv: func(k string) string { return tt.env[k] }}
			err := run(context.Background(), e, []string{"demo", "-h"})
			if !errors.Is(err, flag.ErrHelp) {
				t.Fatalf("demo -h: %v", err)
			}
			help := out.String()
			if !strings.Contains(help, `(default "`+tt.want+`")`) {
				t.Errorf("demo -h does not name %s as the default data folder:\n%s", tt.want, help)
			}
			if strings.Contains(help, `"zhifa-data"`) || strings.Contains(help, `"zhifa-demo"`) {
				t.Errorf("demo -h names a folder in the current directory:\n%s", help)
			}
		})
	}
}
