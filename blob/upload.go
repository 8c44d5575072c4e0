package blob

import (
	"context"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"github.com/emmansun/gmsm/sm3"
	"github.com/tus/tusd/v2/pkg/filestore"
	"github.com/tus/tusd/v2/pkg/handler"
)

// Uploads is the area of resumable (tus) uploads beside the store: a tusd
// data store that computes SHA-256 and SM3 while the bytes stream in. The
// state of both hashes is saved after every chunk next to the upload
// (<id>.hash), so a resumed upload goes on hashing where it stopped and a
// file is never read twice; memory stays at a few buffers whatever the
// size. When the last byte is in, the file is linked into the store under
// its SHA-256 (Store.adopt), and Info tells its digests.
//
// Only the creation and termination extensions are offered: an upload
// declares its length when it is created, and is never concatenated.
type Uploads struct {
	fs    filestore.FileStore
	store *Store
}

// OpenUploads returns the upload area of s (directory uploads/ in it).
func (s *Store) OpenUploads() (*Uploads, error) {
	dir := filepath.Join(s.dir, "uploads")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("创建续传目录 %s: %w", dir, err)
	}
	fs := filestore.New(dir)
	fs.DirModePerm, fs.FileModePerm = 0o700, 0o600
	return &Uploads{fs: fs, store: s}, nil
}

// UseIn makes u the core and terminater of a tusd store composer.
func (u *Uploads) UseIn(c *handler.StoreComposer) {
	c.UseCore(u)
	c.UseTerminater(u)
}

// UploadInfo is what is known about a resumable upload.
type UploadInfo struct {
	ID       string
	Size     int64 // declared length
	Offset   int64 // bytes received
	Complete bool
	SHA256   string // hex, once complete
	SM3      string // hex, once complete
	Digest   string // "sha256:<hex>" in the store, once complete
	MetaData map[string]string
}

// ErrNoUpload is returned by Info for an unknown upload.
var ErrNoUpload = errors.New("blob: no such upload")

var uploadID = regexp.MustCompile(`^[0-9a-f]{16,64}$`)

// Info returns the upload id.
func (u *Uploads) Info(ctx context.Context, id string) (UploadInfo, error) {
	if !uploadID.MatchString(id) {
		return UploadInfo{}, ErrNoUpload
	}
	up, err := u.fs.GetUpload(ctx, id)
	if errors.Is(err, handler.ErrNotFound) {
		return UploadInfo{}, ErrNoUpload
	}
	if err != nil {
		return UploadInfo{}, err
	}
	fi, err := up.GetInfo(ctx)
	if err != nil {
		return UploadInfo{}, err
	}
	out := UploadInfo{ID: id, Size: fi.Size, Offset: fi.Offset, MetaData: fi.MetaData}
	st, err := u.readState(id)
	if err != nil {
		return UploadInfo{}, err
	}
	if st.Done {
		out.Complete, out.SHA256, out.SM3, out.Digest = true, st.SHA256, st.SM3, "sha256:"+st.SHA256
	}
	return out, nil
}

// NewUpload implements handler.DataStore. The id is always the store's
// own (random hex): a client-chosen one is never used as a file name.
func (u *Uploads) NewUpload(ctx context.Context, info handler.FileInfo) (handler.Upload, error) {
	if info.SizeIsDeferred || info.IsPartial || info.IsFinal {
		return nil, handler.NewError("ERR_UNSUPPORTED", "上传须在创建时声明长度(Upload-Length),不支持拼接", 400)
	}
	info.ID, info.Storage = "", nil
	up, err := u.fs.NewUpload(ctx, info)
	if err != nil {
		return nil, err
	}
	fi, err := up.GetInfo(ctx)
	if err != nil {
		return nil, err
	}
	d := newDigests()
	if err := u.writeState(fi.ID, d.state(0)); err != nil {
		return nil, err
	}
	return &upload{Upload: up, u: u, id: fi.ID}, nil
}

// GetUpload implements handler.DataStore.
func (u *Uploads) GetUpload(ctx context.Context, id string) (handler.Upload, error) {
	if !uploadID.MatchString(id) {
		return nil, handler.ErrNotFound
	}
	up, err := u.fs.GetUpload(ctx, id)
	if err != nil {
		return nil, err
	}
	return &upload{Upload: up, u: u, id: id}, nil
}

// AsTerminatableUpload implements handler.TerminaterDataStore. Terminating
// a complete upload removes the upload, never the stored file.
func (u *Uploads) AsTerminatableUpload(up handler.Upload) handler.TerminatableUpload {
	return up.(*upload)
}

// upload is one tus upload with its digests.
type upload struct {
	handler.Upload // the filestore's
	u              *Uploads
	id             string
}

func (up *upload) binPath() string  { return filepath.Join(up.u.fs.Path, up.id) }
func (up *upload) hashPath() string { return filepath.Join(up.u.fs.Path, up.id+".hash") }

// WriteChunk appends src and feeds the same bytes to the hashes, then
// saves their state. If the saved state does not match the file (a crash
// between writing and saving), the file's bytes are hashed again first.
func (up *upload) WriteChunk(ctx context.Context, offset int64, src io.Reader) (int64, error) {
	d, err := up.u.resume(up.id, offset, up.binPath())
	if err != nil {
		return 0, err
	}
	defer d.close()
	n, err := up.Upload.WriteChunk(ctx, offset, io.TeeReader(src, d))
	st := d.state(offset + d.n)
	if d.n != n {
		// The file and the hashes disagree (a failed write): the next
		// chunk rehashes from the file.
		st.Offset = -1
	}
	if serr := up.u.writeState(up.id, st); err == nil {
		err = serr
	}
	return n, err
}

// FinishUpload completes the digests and links the file into the store.
func (up *upload) FinishUpload(ctx context.Context) error {
	fi, err := up.GetInfo(ctx)
	if err != nil {
		return err
	}
	d, err := up.u.resume(up.id, fi.Size, up.binPath())
	if err != nil {
		return err
	}
	d.close()
	st := digestState{Offset: fi.Size, Done: true, SHA256: hex.EncodeToString(d.sha.Sum(nil)), SM3: hex.EncodeToString(d.sm3.Sum(nil))}
	if err := up.u.store.adopt(up.binPath(), st.SHA256); err != nil {
		return err
	}
	return up.u.writeState(up.id, st)
}

// Terminate removes the upload and its state.
func (up *upload) Terminate(ctx context.Context) error {
	if err := up.Upload.(handler.TerminatableUpload).Terminate(ctx); err != nil {
		return err
	}
	if err := os.Remove(up.hashPath()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// digestState is the saved state of an upload's hashes.
type digestState struct {
	Offset int64  `json:"offset"` // bytes hashed; -1: unknown, rehash
	SHA    []byte `json:"sha256_state,omitempty"`
	SM     []byte `json:"sm3_state,omitempty"`
	Done   bool   `json:"done,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
	SM3    string `json:"sm3,omitempty"`
}

func (u *Uploads) readState(id string) (digestState, error) {
	var st digestState
	b, err := os.ReadFile(filepath.Join(u.fs.Path, id+".hash"))
	if errors.Is(err, os.ErrNotExist) {
		return digestState{Offset: -1}, nil
	}
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return digestState{Offset: -1}, nil
	}
	return st, nil
}

// writeState saves st atomically (temporary file and rename).
func (u *Uploads) writeState(id string, st digestState) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	p := filepath.Join(u.fs.Path, id+".hash")
	if err := os.WriteFile(p+".tmp", b, 0o600); err != nil {
		return err
	}
	return os.Rename(p+".tmp", p)
}

// resume returns the hashes of the first offset bytes of the upload: from
// the saved state when it is at offset, else by hashing the file again.
func (u *Uploads) resume(id string, offset int64, bin string) (*digests, error) {
	st, err := u.readState(id)
	if err != nil {
		return nil, err
	}
	d := newDigests()
	if st.Offset == offset && !st.Done && st.SHA != nil {
		if err := d.sha.(encoding.BinaryUnmarshaler).UnmarshalBinary(st.SHA); err != nil {
			return nil, err
		}
		if err := d.sm3.(encoding.BinaryUnmarshaler).UnmarshalBinary(st.SM); err != nil {
			return nil, err
		}
		d.n = 0
		return d, nil
	}
	f, err := os.Open(bin)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := io.CopyN(d, f, offset); err != nil {
		d.close()
		return nil, fmt.Errorf("rehash upload %s: %w", id, err)
	}
	d.n = 0
	return d, nil
}

// digests hashes with SHA-256 and SM3 at once: SM3 on a helper goroutine
// while SHA-256 runs on the caller's, so the two cost the time of the
// slower one.
type digests struct {
	sha, sm3 hash.Hash
	n        int64
	work     chan []byte
	done     chan struct{}
}

func newDigests() *digests {
	d := &digests{sha: sha256.New(), sm3: sm3.New(), work: make(chan []byte), done: make(chan struct{})}
	// The helper holds its own copies of the channels and the hash: close
	// sets d.work to nil while the helper may not have read it yet.
	work, done, h := d.work, d.done, d.sm3
	go func() {
		for p := range work {
			h.Write(p)
			done <- struct{}{}
		}
	}()
	return d
}

func (d *digests) Write(p []byte) (int, error) {
	if len(p) >= 4096 {
		d.work <- p
		d.sha.Write(p)
		<-d.done
	} else {
		d.sha.Write(p)
		d.sm3.Write(p)
	}
	d.n += int64(len(p))
	return len(p), nil
}

// close stops the helper goroutine; the hashes stay usable.
func (d *digests) close() {
	if d.work != nil {
		close(d.work)
		d.work = nil
	}
}

func (d *digests) state(offset int64) digestState {
	a, _ := d.sha.(encoding.BinaryMarshaler).MarshalBinary()
	b, _ := d.sm3.(encoding.BinaryMarshaler).MarshalBinary()
	return digestState{Offset: offset, SHA: a, SM: b}
}

// adopt links the file at path, whose SHA-256 is hexsum, into the store
// (a hard link: no byte is copied); where the store lies on another file
// system it is copied and checked.
func (s *Store) adopt(path, hexsum string) error {
	dst := s.path(hexsum)
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	if err := touch(dst); err == nil {
		return s.toRemote(hexsum)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return err
	}
	if err := os.Link(path, dst); err == nil {
		if d, err := os.Open(filepath.Dir(dst)); err == nil {
			d.Sync()
			d.Close()
		}
		return s.toRemote(hexsum)
	}
	info, err := s.Put(f, 0)
	if err != nil {
		return err
	}
	if info.Digest != "sha256:"+hexsum {
		return fmt.Errorf("blob: upload changed on disk: %s, want sha256:%s", info.Digest, hexsum)
	}
	return nil
}
