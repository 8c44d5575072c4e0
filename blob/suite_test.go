package blob

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/emmansun/gmsm/sm3"
	"github.com/tus/tusd/v2/pkg/handler"
)

// The blob suite runs over each backend: the local disk alone, and the
// local disk in front of a real S3-compatible server (ZHIFA_TEST_S3, set by
// .ci/run, which starts versitygw; e.g.
// s3://zhifa-test?endpoint=127.0.0.1:7070&secure=false with
// ZHIFA_S3_ACCESS_KEY and ZHIFA_S3_SECRET_KEY).

func TestBlobSuiteDisk(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	blobSuite(t, s)
}

func TestBlobSuiteS3(t *testing.T) {
	raw := os.Getenv("ZHIFA_TEST_S3")
	if raw == "" {
		t.Skip("ZHIFA_TEST_S3 is not set: no S3 server to test against (.ci/run starts one)")
	}
	r, err := OpenS3(context.Background(), raw, os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s.UseS3(r)
	blobSuite(t, s)

	// The bucket, not the local disk, is the store: a file lost locally
	// comes back from it, checked; an unknown one is still not found.
	data := []byte("执法记录仪 DSJ-0001 " + t.Name())
	info, err := s.Put(bytes.NewReader(data), 0)
	if err != nil {
		t.Fatal(err)
	}
	hexsum := strings.TrimPrefix(info.Digest, "sha256:")
	if ok, err := r.has(context.Background(), hexsum); !ok || err != nil {
		t.Fatalf("object in the bucket: %v %v", ok, err)
	}
	if err := os.Remove(s.path(hexsum)); err != nil {
		t.Fatal(err)
	}
	f, err := s.Open(info.Digest)
	if err != nil {
		t.Fatalf("Open after the local copy was lost: %v", err)
	}
	got, _ := io.ReadAll(f)
	f.Close()
	if !bytes.Equal(got, data) {
		t.Fatal("fetched content differs")
	}
	t.Logf("bucket Object Lock: %v", r.Locked)
}

func blobSuite(t *testing.T, s *Store) {
	data := bytes.Repeat([]byte("现场执法录像"), 50000)
	info, err := s.Put(bytes.NewReader(data), 0)
	if err != nil {
		t.Fatal(err)
	}
	sum, sm := sha256.Sum256(data), sm3.Sum(data)
	if info.Digest != "sha256:"+hex.EncodeToString(sum[:]) || info.SM3 != hex.EncodeToString(sm[:]) || info.Size != int64(len(data)) {
		t.Fatalf("Put = %+v", info)
	}
	// The same content is stored once, under the same name.
	if again, err := s.Put(bytes.NewReader(data), 0); err != nil || again != info {
		t.Fatalf("Put again = %+v, %v", again, err)
	}
	f, err := s.Open(info.Digest)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(f)
	f.Close()
	if !bytes.Equal(got, data) {
		t.Fatal("content differs")
	}
	if ok, err := s.Verify(info.Digest); !ok || err != nil {
		t.Fatalf("Verify = %v %v", ok, err)
	}
	if _, err := s.Put(bytes.NewReader(data), 100); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("over the limit: %v", err)
	}
	if _, err := s.Open("sha256:" + strings.Repeat("0", 64)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("unknown digest: %v", err)
	}
	if _, err := s.Open("md5:abc"); !errors.Is(err, ErrBadDigest) {
		t.Fatalf("bad digest: %v", err)
	}
	// A resumable upload lands in the same store.
	u, err := s.OpenUploads()
	if err != nil {
		t.Fatal(err)
	}
	small := []byte("询问笔录录音 " + t.Name())
	up, err := u.NewUpload(context.Background(), uploadInfo(int64(len(small))))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := up.WriteChunk(context.Background(), 0, bytes.NewReader(small)); err != nil {
		t.Fatal(err)
	}
	if err := up.FinishUpload(context.Background()); err != nil {
		t.Fatal(err)
	}
	ss := sha256.Sum256(small)
	if ok, err := s.Verify("sha256:" + hex.EncodeToString(ss[:])); !ok || err != nil {
		t.Fatalf("uploaded file: %v %v", ok, err)
	}
}

func uploadInfo(size int64) handler.FileInfo { return handler.FileInfo{Size: size} }
