package web_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/emmansun/gmsm/sm3"
)

// tusDo sends one tus request with a bearer token (none when empty).
func tusDo(t *testing.T, method, u, token string, hdr map[string]string, body []byte) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Tus-Resumable", "1.0.0")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// TestTusUploadResumes uploads a file by tus, cuts the connection in the
// middle of a PATCH, learns the offset by HEAD, sends the rest from there,
// and checks the digests against crypto/sha256 and gmsm's SM3 of the same
// bytes; the public and users who may not upload are refused.
func TestTusUploadResumes(t *testing.T) {
	srv, svc := coreServer(t)
	officer := coreLogin(t, srv.URL, "officer")
	admin := coreLogin(t, srv.URL, "admin")

	data := make([]byte, 3<<20+777)
	rng := rand.New(rand.NewPCG(13, 2026))
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	create := map[string]string{"Upload-Length": strconv.Itoa(len(data)), "Upload-Metadata": "filename ZmllbGQubXA0,filetype dmlkZW8vbXA0,zhifa-user OTk5"}

	// Refused: the public, an administrator (may not record steps), a
	// creation without a length.
	if r := tusDo(t, "POST", srv.URL+"/api/v1/uploads/", "", create, nil); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("anonymous POST = %d, want 401", r.StatusCode)
	}
	if r := tusDo(t, "POST", srv.URL+"/api/v1/uploads/", admin, create, nil); r.StatusCode != http.StatusForbidden {
		t.Fatalf("admin POST = %d, want 403", r.StatusCode)
	}
	if r := tusDo(t, "POST", srv.URL+"/api/v1/uploads/", officer, nil, nil); r.StatusCode != http.StatusBadRequest {
		t.Fatalf("POST without Upload-Length = %d, want 400", r.StatusCode)
	}
	// A cookie session from another site is stopped by the CSRF guard.
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/uploads/", nil)
	req.Header.Set("Tus-Resumable", "1.0.0")
	req.Header.Set("Upload-Length", "10")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.AddCookie(&http.Cookie{Name: "zhifa_session", Value: officer})
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site cookie POST = %v, %v; want 403", resp.StatusCode, err)
	}

	r := tusDo(t, "POST", srv.URL+"/api/v1/uploads/", officer, create, nil)
	if r.StatusCode != http.StatusCreated || r.Header.Get("Tus-Resumable") != "1.0.0" {
		t.Fatalf("POST = %d %v", r.StatusCode, r.Header)
	}
	loc, err := url.Parse(r.Header.Get("Location"))
	if err != nil || !strings.HasPrefix(loc.Path, "/api/v1/uploads/") {
		t.Fatalf("Location = %q", r.Header.Get("Location"))
	}
	up := srv.URL + loc.Path

	// The public and another user do not see the upload.
	if r := tusDo(t, "HEAD", up, "", nil, nil); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("anonymous HEAD = %d", r.StatusCode)
	}
	if r := tusDo(t, "PATCH", up, admin, map[string]string{"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}, data[:10]); r.StatusCode != http.StatusForbidden {
		t.Fatalf("admin PATCH = %d", r.StatusCode)
	}

	// A PATCH for the whole file whose connection breaks after cut bytes.
	cut := 1<<20 + 12345
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "PATCH %s HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer %s\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: %d\r\n\r\n", loc.Path, officer, len(data))
	if _, err := conn.Write(data[:cut]); err != nil {
		t.Fatal(err)
	}
	conn.(*net.TCPConn).CloseWrite()
	// The server answers (or closes) once it has saved what it got.
	if resp, err := http.ReadResponse(bufio.NewReader(conn), nil); err == nil {
		resp.Body.Close()
	}
	conn.Close()

	r = tusDo(t, "HEAD", up, officer, nil, nil)
	if got := r.Header.Get("Upload-Offset"); r.StatusCode != http.StatusOK || got != strconv.Itoa(cut) {
		t.Fatalf("HEAD after the break = %d, offset %q; want %d", r.StatusCode, got, cut)
	}
	if r.Header.Get("Upload-Length") != strconv.Itoa(len(data)) {
		t.Fatalf("Upload-Length = %q", r.Header.Get("Upload-Length"))
	}
	var got struct {
		Size     int64  `json:"size"`
		Offset   int64  `json:"offset"`
		Complete bool   `json:"complete"`
		SHA256   string `json:"sha256"`
		SM3      string `json:"sm3"`
		Digest   string `json:"digest"`
		Filename string `json:"filename"`
	}
	getJSON := func() {
		t.Helper()
		resp, body := send(t, srv.URL, "GET", loc.Path, officer, "", "")
		if resp.StatusCode != 200 {
			t.Fatalf("GET upload = %d %s", resp.StatusCode, body)
		}
		got.SHA256, got.SM3 = "", ""
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
	}
	getJSON()
	if got.Complete || got.Offset != int64(cut) || got.SHA256 != "" {
		t.Fatalf("incomplete upload = %+v", got)
	}

	// Resuming at a wrong offset is refused; at the offset it completes.
	patch := func(off int, body []byte) *http.Response {
		return tusDo(t, "PATCH", up, officer, map[string]string{"Upload-Offset": strconv.Itoa(off), "Content-Type": "application/offset+octet-stream"}, body)
	}
	if r := patch(0, data); r.StatusCode != http.StatusConflict {
		t.Fatalf("PATCH at 0 = %d, want 409", r.StatusCode)
	}
	mid := cut + 1<<20
	if r := patch(cut, data[cut:mid]); r.StatusCode != http.StatusNoContent || r.Header.Get("Upload-Offset") != strconv.Itoa(mid) {
		t.Fatalf("PATCH %d = %d %q", cut, r.StatusCode, r.Header.Get("Upload-Offset"))
	}
	if r := patch(mid, data[mid:]); r.StatusCode != http.StatusNoContent || r.Header.Get("Upload-Offset") != strconv.Itoa(len(data)) {
		t.Fatalf("PATCH %d = %d %q", mid, r.StatusCode, r.Header.Get("Upload-Offset"))
	}

	getJSON()
	sha := sha256.Sum256(data)
	sm := sm3.Sum(data)
	if !got.Complete || got.Size != int64(len(data)) || got.SHA256 != hex.EncodeToString(sha[:]) || got.SM3 != hex.EncodeToString(sm[:]) ||
		got.Digest != "sha256:"+got.SHA256 || got.Filename != "field.mp4" {
		t.Fatalf("complete upload = %+v; want sha256 %x sm3 %x", got, sha, sm)
	}
	f, err := svc.Blobs.Open(got.Digest)
	if err != nil {
		t.Fatalf("stored file: %v", err)
	}
	stored, _ := io.ReadAll(f)
	f.Close()
	if !bytes.Equal(stored, data) {
		t.Fatal("stored file differs from the upload")
	}

	// Termination removes the upload, not the stored file.
	if r := tusDo(t, "DELETE", up, officer, nil, nil); r.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE = %d", r.StatusCode)
	}
	if r := tusDo(t, "HEAD", up, officer, nil, nil); r.StatusCode != http.StatusNotFound {
		t.Fatalf("HEAD after DELETE = %d", r.StatusCode)
	}
	if ok, err := svc.Blobs.Verify(got.Digest); !ok || err != nil {
		t.Fatalf("stored file after DELETE: %v %v", ok, err)
	}
}
