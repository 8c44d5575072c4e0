package blob

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/emmansun/gmsm/sm3"
	"github.com/tus/tusd/v2/pkg/handler"
)

// The SM3 reference is gmsm's; check it against the standard's example
// (GB/T 32905-2016 附录 A, "abc").
func TestSM3Reference(t *testing.T) {
	sum := sm3.Sum([]byte("abc"))
	if got := hex.EncodeToString(sum[:]); got != "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0" {
		t.Fatalf("SM3(abc) = %s", got)
	}
}

// TestUploadDigests writes an upload in chunks through fresh store values
// (as after a restart), once with its saved hash state lost, and checks the
// digests and the stored file.
func TestUploadDigests(t *testing.T) {
	ctx := context.Background()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("执法记录仪 DSJ-0001 视频 "), 40000)
	u, err := s.OpenUploads()
	if err != nil {
		t.Fatal(err)
	}
	up, err := u.NewUpload(ctx, handler.FileInfo{Size: int64(len(data)), MetaData: handler.MetaData{"filename": "a.mp4"}})
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := up.GetInfo(ctx)
	id := fi.ID
	if !uploadID.MatchString(id) {
		t.Fatalf("id %q", id)
	}
	cuts := []int{0, 5000, 300000, 600001, len(data)}
	for i := 1; i < len(cuts); i++ {
		u, _ := s.OpenUploads() // a new value each time: state comes from disk
		up, err := u.GetUpload(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if i == 3 {
			// A crash lost the saved state: the chunk rehashes the file.
			os.Remove(filepath.Join(s.Dir(), "uploads", id+".hash"))
		}
		n, err := up.WriteChunk(ctx, int64(cuts[i-1]), bytes.NewReader(data[cuts[i-1]:cuts[i]]))
		if err != nil || n != int64(cuts[i]-cuts[i-1]) {
			t.Fatalf("chunk %d: %d, %v", i, n, err)
		}
		if info, _ := u.Info(ctx, id); info.Complete || info.Offset != int64(cuts[i]) {
			t.Fatalf("after chunk %d: %+v", i, info)
		}
	}
	up, _ = u.GetUpload(ctx, id)
	if err := up.FinishUpload(ctx); err != nil {
		t.Fatal(err)
	}
	info, err := u.Info(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	sha, sm := sha256.Sum256(data), sm3.Sum(data)
	if !info.Complete || info.SHA256 != hex.EncodeToString(sha[:]) || info.SM3 != hex.EncodeToString(sm[:]) || info.Size != int64(len(data)) {
		t.Fatalf("Info = %+v", info)
	}
	if ok, err := s.Verify(info.Digest); !ok || err != nil {
		t.Fatalf("stored: %v %v", ok, err)
	}
	if _, err := u.Info(ctx, "../../etc"); err != ErrNoUpload {
		t.Fatalf("bad id: %v", err)
	}
	if err := u.AsTerminatableUpload(up).Terminate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := u.Info(ctx, id); err != ErrNoUpload {
		t.Fatalf("after Terminate: %v", err)
	}
	if ok, err := s.Verify(info.Digest); !ok || err != nil {
		t.Fatalf("stored after Terminate: %v %v", ok, err)
	}
}
