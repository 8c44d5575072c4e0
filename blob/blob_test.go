package blob

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"strings"
	"testing"
)

func TestPutOpen(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("现场照片"), 100000)
	info, err := s.Put(bytes.NewReader(data), 0)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if want := "sha256:" + hex.EncodeToString(sum[:]); info.Digest != want || info.Size != int64(len(data)) {
		t.Fatalf("Put = %+v, want %s size %d", info, want, len(data))
	}
	again, err := s.Put(bytes.NewReader(data), 0)
	if err != nil || again != info {
		t.Fatalf("second Put = %+v, %v", again, err)
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
		t.Fatalf("Verify = %v, %v", ok, err)
	}
	// Tampering on disk is detected.
	hexsum := strings.TrimPrefix(info.Digest, "sha256:")
	if err := os.WriteFile(s.path(hexsum), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.Verify(info.Digest); ok {
		t.Fatal("Verify accepted tampered content")
	}
}

func TestPutLimit(t *testing.T) {
	s, _ := Open(t.TempDir())
	if _, err := s.Put(strings.NewReader("12345"), 4); err != ErrTooLarge {
		t.Fatalf("Put over limit = %v, want ErrTooLarge", err)
	}
	if _, err := s.Open("sha256:zz"); err == nil {
		t.Fatal("Open accepted a bad digest")
	}
}
