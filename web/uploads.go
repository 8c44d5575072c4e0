package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/web/ui"
)

// edgeState is what the server's guards remember between requests.
type edgeState struct {
	uploads   uploadTally
	diskLevel atomic.Int32 // WatchDisk's last level: 0 fine, 1 below WarnFree, 2 below MinFree
}

// uploadTally counts the bytes streamed through upload routes per user and
// per agency on the current day. Quotas are checked against the larger of
// this and the evidence recorded that day, so uploads never attached to a
// step count too (until the process restarts; they expire anyway).
type uploadTally struct {
	mu     sync.Mutex
	day    string
	user   map[int64]int64
	agency map[int64]int64
}

// add records n bytes for a user and an agency on day, dropping the counts
// of an earlier day.
func (t *uploadTally) add(day string, user, agency, n int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.day != day {
		t.day, t.user, t.agency = day, map[int64]int64{}, map[int64]int64{}
	}
	t.user[user] += n
	if agency != 0 {
		t.agency[agency] += n
	}
}

func (t *uploadTally) get(day string, user, agency int64) (u, a int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.day != day {
		return 0, 0
	}
	return t.user[user], t.agency[agency]
}

// guardUploads refuses, before a byte is stored, an upload that the disk
// reserve or the uploader's quotas cannot take, and watches the body while
// it streams: it stops an upload that runs the disk below its reserve or
// the user or agency over its daily quota. It runs inside identify (it needs
// the actor); anonymous uploads pass to the handler, which refuses them.
func (s *Server) guardUploads(m *http.ServeMux, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := m.Handler(r)
		a := ui.ActorFrom(r.Context())
		if routeKinds[pattern] != routeUpload || a.Public() || s.svc.Blobs == nil {
			next.ServeHTTP(w, r)
			return
		}
		fail := s.pageFail
		if strings.HasPrefix(r.URL.Path, "/api/") {
			fail = s.apiFail
		}
		g := &guardBody{ReadCloser: r.Body, s: s, ctx: r.Context(), user: a.UserID, agency: a.AgencyID, day: s.today().String()}
		if err := g.check(max(r.ContentLength, 0)); err != nil {
			fail(w, r, err)
			return
		}
		r.Body = g
		next.ServeHTTP(w, r)
	})
}

// guardBody is an upload's body under guardUploads.
type guardBody struct {
	io.ReadCloser
	s            *Server
	ctx          context.Context
	user, agency int64
	day          string
	read         int64 // bytes of this upload
	checked      int64 // read when last checked
	failed       bool  // the upload broke; its bytes were taken back
}

// checkEvery is how many bytes an upload may stream between two checks of
// free space and quotas.
const checkEvery = 1 << 20

func (g *guardBody) Read(p []byte) (int, error) {
	if g.failed {
		return 0, io.ErrUnexpectedEOF
	}
	n, err := g.ReadCloser.Read(p)
	g.read += int64(n)
	g.s.edge.uploads.add(g.day, g.user, g.agency, int64(n))
	var big *http.MaxBytesError
	if errors.As(err, &big) {
		err = &zhifa.Error{Code: zhifa.ETOOLARGE, Message: "上传超过单次上限 " + ui.LimitText(g.s.limits.MaxUpload), Err: err}
	} else if err == nil && g.read-g.checked >= checkEvery {
		g.checked = g.read
		err = g.check(0)
	}
	if err != nil && err != io.EOF {
		// A broken upload stores nothing: its bytes leave the tally.
		g.failed = true
		g.s.edge.uploads.add(g.day, g.user, g.agency, -g.read)
	}
	return n, err
}

// check refuses more bytes when the disk would go below its reserve with
// more of them, or a quota is used up.
func (g *guardBody) check(more int64) error {
	l := g.s.limits
	if more > l.MaxUpload+l.MaxBody {
		return zhifa.Errorf(zhifa.ETOOLARGE, "上传超过单次上限 %s", ui.LimitText(l.MaxUpload))
	}
	if free, err := g.s.svc.Blobs.Free(); err == nil && free < l.MinFree+uint64(more) {
		return zhifa.Errorf(zhifa.ESTORAGE, "服务器存储空间不足(可用 %s,须保留 %s),文件未能保存;请联系系统管理员清理空间后重试",
			ui.SizeText(int64(free)), ui.LimitText(int64(l.MinFree)))
	}
	start, err := time.ParseInLocation("2006-01-02", g.day, ui.CST)
	if err != nil {
		return err
	}
	memUser, memAgency := g.s.edge.uploads.get(g.day, g.user, g.agency)
	dbUser, err := g.s.svc.UploadedBytes(g.ctx, g.user, 0, start)
	if err != nil {
		return fmt.Errorf("upload quota: %w", err)
	}
	if used := max(memUser, dbUser+g.read); used+more > l.UserDaily {
		return zhifa.Errorf(zhifa.ESTORAGE, "今日上传已达个人限额 %s(已用 %s),请明日再传或联系系统管理员", ui.LimitText(l.UserDaily), ui.SizeText(used))
	}
	if g.agency != 0 {
		dbAgency, err := g.s.svc.UploadedBytes(g.ctx, 0, g.agency, start)
		if err != nil {
			return fmt.Errorf("upload quota: %w", err)
		}
		if used := max(memAgency, dbAgency+g.read); used+more > l.AgencyDaily {
			return zhifa.Errorf(zhifa.ESTORAGE, "本机关今日上传已达限额 %s(已用 %s),请明日再传或联系系统管理员", ui.LimitText(l.AgencyDaily), ui.SizeText(used))
		}
	}
	return nil
}
