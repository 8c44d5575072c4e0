package blob

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

func statfs(dir string) (uint64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, fmt.Errorf("blob: statfs %s: %w", dir, err)
	}
	return st.Bavail * uint64(st.Bsize), nil
}

func touch(path string) error {
	now := time.Now()
	return os.Chtimes(path, now, now)
}

// SweepTmp removes the temporary files of uploads that stopped before they
// were stored (a killed server or a dropped connection) and were last
// written before before. An upload in progress writes its file all the
// time, so a cutoff some minutes back leaves it alone even when another
// process shares the directory. It returns how many files it removed.
func (s *Store) SweepTmp(before time.Time) (int, error) {
	ents, err := os.ReadDir(filepath.Join(s.dir, "tmp"))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range ents {
		if e.IsDir() || !strings.HasPrefix(e.Name(), "upload-") && !strings.HasPrefix(e.Name(), "expire-") {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.ModTime().Before(before) {
			continue
		}
		if err := os.Remove(filepath.Join(s.dir, "tmp", e.Name())); err == nil {
			n++
		} else if !errors.Is(err, fs.ErrNotExist) {
			return n, err
		}
	}
	return n, nil
}

// Expire deletes stored files last uploaded before before that attached
// reports as referenced by no record. A file is first moved aside, then
// asked about again, and put back if it became attached meanwhile: a step
// that attaches it either sees it missing (and refuses, asking for the
// upload again) or is seen by the second question. A file for which
// attached fails is kept. It returns the digests it deleted.
func (s *Store) Expire(before time.Time, attached func(digest string) (bool, error)) ([]string, error) {
	var gone []string
	root := filepath.Join(s.dir, "sha256")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path == root {
				return filepath.SkipDir
			}
			return err
		}
		if d.IsDir() || len(d.Name()) != 64 {
			return nil
		}
		info, err := d.Info()
		if err != nil || !info.ModTime().Before(before) {
			return nil
		}
		digest := "sha256:" + d.Name()
		if ok, err := attached(digest); err != nil || ok {
			return nil
		}
		aside := filepath.Join(s.dir, "tmp", "expire-"+d.Name())
		if err := os.Rename(path, aside); err != nil {
			return nil // removed or replaced meanwhile
		}
		if ok, err := attached(digest); err != nil || ok {
			if err := os.Rename(aside, path); err != nil {
				return fmt.Errorf("blob: put back %s: %w", digest, err)
			}
			return nil
		}
		if err := os.Remove(aside); err != nil {
			return err
		}
		gone = append(gone, digest)
		return nil
	})
	return gone, err
}
