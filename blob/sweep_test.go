package blob

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// base is a fixed instant: file times in these tests are set, never read
// from the clock.
var base = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func TestSweepTmp(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mk := func(name string, mtime time.Time) string {
		p := filepath.Join(s.dir, "tmp", name)
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return p
	}
	old := mk("upload-111", base.Add(-2*time.Hour))
	oldAside := mk("expire-abc", base.Add(-2*time.Hour))
	fresh := mk("upload-222", base.Add(-time.Minute)) // an upload in progress
	other := mk("README", base.Add(-48*time.Hour))    // not ours
	n, err := s.SweepTmp(base.Add(-time.Hour))
	if err != nil || n != 2 {
		t.Fatalf("SweepTmp = %d, %v; want 2", n, err)
	}
	for p, want := range map[string]bool{old: false, oldAside: false, fresh: true, other: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}

func TestExpireKeepsAttached(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	put := func(content string, mtime time.Time) string {
		info, err := s.Put(strings.NewReader(content), 0)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := s.Open(info.Digest)
		p := f.Name()
		f.Close()
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return info.Digest
	}
	cutoff := base.Add(-24 * time.Hour)
	attachedOld := put("现场照片", base.Add(-72*time.Hour))
	unattachedOld := put("无人引用的旧文件", base.Add(-25*time.Hour))
	unattachedNew := put("刚上传尚未引用", base.Add(-time.Hour))
	attachedLate := put("第二次询问时已被引用", base.Add(-30*time.Hour))
	failing := put("查询失败的文件", base.Add(-30*time.Hour))
	asked := map[string]int{}
	attached := func(d string) (bool, error) {
		asked[d]++
		switch d {
		case attachedOld:
			return true, nil
		case attachedLate: // a step attaches it between the two questions
			return asked[d] > 1, nil
		case failing:
			return false, errors.New("database down")
		}
		return false, nil
	}
	gone, err := s.Expire(cutoff, attached)
	if err != nil {
		t.Fatal(err)
	}
	if len(gone) != 1 || gone[0] != unattachedOld {
		t.Fatalf("Expire deleted %v, want only %s", gone, unattachedOld)
	}
	for d, want := range map[string]bool{attachedOld: true, unattachedOld: false, unattachedNew: true, attachedLate: true, failing: true} {
		f, err := s.Open(d)
		if err == nil {
			f.Close()
		}
		if (err == nil) != want {
			t.Errorf("%s present = %v, want %v", d[:15], err == nil, want)
		}
	}
	if ents, _ := os.ReadDir(filepath.Join(s.dir, "tmp")); len(ents) != 0 {
		t.Errorf("tmp holds %d files after Expire", len(ents))
	}
}

func TestPutRefreshesKnownContent(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Put(strings.NewReader("同一文件"), 0)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := s.Open(info.Digest)
	p := f.Name()
	f.Close()
	old := base.Add(-100 * 24 * time.Hour)
	os.Chtimes(p, old, old)
	if _, err := s.Put(strings.NewReader("同一文件"), 0); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil || !st.ModTime().After(old) {
		t.Fatalf("re-upload left mtime %v (err %v); Expire would delete a file just uploaded", st.ModTime(), err)
	}
	// Removed behind Put's back (by Expire): the next Put stores it anew.
	os.Remove(p)
	if _, err := s.Put(strings.NewReader("同一文件"), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("Put after removal: %v", err)
	}
}

func TestFreeInjectable(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.Free(); err != nil || n == 0 {
		t.Fatalf("Free = %d, %v", n, err)
	}
	s.Statfs = func(string) (uint64, error) { return 42, nil }
	if n, _ := s.Free(); n != 42 {
		t.Fatalf("Free with injected statfs = %d", n)
	}
}
