// Package blob is a content-addressed file store on local disk: evidence
// files, audio and video. A file is streamed to a temporary file while its
// SHA-256 is computed, fsynced, and renamed to blobs/sha256/ab/cd/<hex>; the
// same content is stored once and never overwritten.
//
// It is a leaf package: standard library only, no knowledge of cases.
package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Store is a content-addressed store rooted at a directory.
type Store struct {
	dir string
	// Statfs returns the bytes available to this process on the file system
	// holding dir. Open sets it to the operating system's statfs; tests may
	// replace it before the store is used.
	Statfs func(dir string) (uint64, error)
	// remote, if set (UseS3), is where every stored file is copied and
	// whence a file missing locally is fetched (s3.go).
	remote *S3
}

// UseS3 makes r the store's object storage: from now on every file Put (or
// adopted from a resumable upload) is copied to r before Put returns, and
// Open fetches from r a file the local disk lacks.
func (s *Store) UseS3(r *S3) { s.remote = r }

// toRemote copies the stored file of hexsum to the remote, if any.
func (s *Store) toRemote(hexsum string) error {
	if s.remote == nil {
		return nil
	}
	if err := s.remote.put(context.Background(), s.path(hexsum), hexsum); err != nil {
		return fmt.Errorf("复制到 S3 文件存储: %w", err)
	}
	return nil
}

// Open returns the store in dir, creating it.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o700); err != nil {
		return nil, fmt.Errorf("创建文件存储目录 %s: %w", dir, err)
	}
	return &Store{dir: dir, Statfs: statfs}, nil
}

// Dir returns the directory of the store.
func (s *Store) Dir() string { return s.dir }

// Free returns the bytes available on the store's file system.
func (s *Store) Free() (uint64, error) { return s.Statfs(s.dir) }

// Info describes a stored file.
type Info struct {
	Digest string // "sha256:<hex>"
	Size   int64
	SM3    string // hex; Put computes it beside SHA-256 (issue 13)
}

// ErrTooLarge is returned by Put when the content exceeds the limit.
var ErrTooLarge = errors.New("blob: content exceeds the size limit")

// Put streams r into the store, computing its SHA-256 on the way, and
// returns its digest and size. limit ≤ 0 means no limit.
func (s *Store) Put(r io.Reader, limit int64) (Info, error) {
	f, err := os.CreateTemp(filepath.Join(s.dir, "tmp"), "upload-*")
	if err != nil {
		return Info{}, err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op after the rename
	d := newDigests()
	defer d.close()
	h := d.sha
	src := r
	if limit > 0 {
		src = io.LimitReader(r, limit+1)
	}
	n, err := io.Copy(io.MultiWriter(f, d), src)
	if err == nil && limit > 0 && n > limit {
		err = ErrTooLarge
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Info{}, err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	sm := hex.EncodeToString(d.sm3.Sum(nil))
	dst := s.path(sum)
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return Info{}, err
	}
	// Already stored: touch it, so that an upload of known content counts
	// as fresh for Expire. If Expire removed it meanwhile, store it anew.
	if err := touch(dst); err == nil {
		return Info{Digest: "sha256:" + sum, Size: n, SM3: sm}, s.toRemote(sum)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return Info{}, err
	}
	if d, err := os.Open(filepath.Dir(dst)); err == nil {
		d.Sync()
		d.Close()
	}
	return Info{Digest: "sha256:" + sum, Size: n, SM3: sm}, s.toRemote(sum)
}

func (s *Store) path(hexsum string) string {
	return filepath.Join(s.dir, "sha256", hexsum[0:2], hexsum[2:4], hexsum)
}

// ErrBadDigest is returned by Open for a digest that is not sha256:<hex>.
var ErrBadDigest = errors.New("blob: bad digest")

// Open opens the stored file with the given digest; a missing file gives
// an error matching fs.ErrNotExist.
func (s *Store) Open(digest string) (*os.File, error) {
	hexsum, ok := strings.CutPrefix(digest, "sha256:")
	if !ok || len(hexsum) != 64 {
		return nil, fmt.Errorf("%w %q", ErrBadDigest, digest)
	}
	if _, err := hex.DecodeString(hexsum); err != nil {
		return nil, fmt.Errorf("%w %q", ErrBadDigest, digest)
	}
	f, err := os.Open(s.path(hexsum))
	if errors.Is(err, fs.ErrNotExist) && s.remote != nil {
		if ferr := s.remote.fetch(context.Background(), hexsum, s.path(hexsum), filepath.Join(s.dir, "tmp")); ferr != nil {
			if errors.Is(ferr, os.ErrNotExist) {
				return nil, err
			}
			return nil, ferr
		}
		return os.Open(s.path(hexsum))
	}
	return f, err
}

// Verify recomputes the SHA-256 of a stored file and reports whether it
// still matches its name.
func (s *Store) Verify(digest string) (bool, error) {
	f, err := s.Open(digest)
	if err != nil {
		return false, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false, err
	}
	return "sha256:"+hex.EncodeToString(h.Sum(nil)) == digest, nil
}
