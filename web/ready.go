package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/web/portal"
	"github.com/zhifa/zhifa/web/ui"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// readiness is the answer of /readyz.
type readiness struct {
	Status string            `json:"status"` // "ok" or "未就绪"
	Checks map[string]string `json:"checks"` // check → "ok" or why not, in Chinese
	// Code and Message, when not ready, as in every error answer of the API.
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
}

// handleReady is the readiness probe: the database takes a write (a write
// transaction rolled back, so the probe adds nothing to the log), the data
// disk has more than its reserve free, and the signing key signs. /healthz
// stays the liveness probe: a full disk makes the server unready, not dead.
func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	out := readiness{Status: "ok", Checks: map[string]string{"database": "ok", "disk": "ok", "signing_key": "ok"}}
	fail := func(check, msg string, err error) {
		out.Status, out.Code = "未就绪", "unavailable"
		if out.Message == "" {
			out.Message = "服务暂未就绪:"
		} else {
			out.Message += ";"
		}
		out.Message += msg
		out.Checks[check] = msg
		if err != nil {
			s.log.Warn("readyz", "check", check, "err", err)
		}
	}
	if err := s.svc.Ready(ctx); err != nil {
		fail("database", "数据库不能写入", err)
	}
	if free, err := s.freeSpace(); err != nil {
		fail("disk", "无法读取数据盘可用空间", err)
	} else if free < s.limits.MinFree {
		// The probe is public: the amount goes to the log, not the answer.
		fail("disk", "数据盘可用空间低于须保留的 "+ui.LimitText(int64(s.limits.MinFree)), fmt.Errorf("free %d bytes, reserve %d", free, s.limits.MinFree))
	}
	if err := checkSigner(s.signer, s.origin); err != nil {
		fail("signing_key", "检查点签名密钥不可用", err)
	}
	st := http.StatusOK
	if out.Status != "ok" {
		st = http.StatusServiceUnavailable
	}
	w.Header().Set("Cache-Control", "no-store")
	ui.WriteJSON(w, st, out)
	return nil
}

// freeSpace is the free space of the evidence store's disk.
func (s *Server) freeSpace() (uint64, error) {
	if s.svc.Blobs == nil {
		return 0, zhifa.Errorf(zhifa.EINTERNAL, "no blob store")
	}
	return s.svc.Blobs.Free()
}

// checkSigner signs an empty checkpoint and verifies the signature.
func checkSigner(s *ledger.Signer, origin string) error {
	if s == nil {
		return fmt.Errorf("no signer")
	}
	msg, err := ledger.SignCheckpoint(s, origin, 0, tlog.Hash{})
	if err != nil {
		return err
	}
	v, err := s.Verifier()
	if err != nil {
		return err
	}
	_, err = note.Open(msg, note.VerifierList(v))
	return err
}

// diskWarning is the workbench's warning to a system administrator when
// the data disk runs low; "" when there is nothing to say or a is not one.
func (s *Server) diskWarning(a zhifa.Actor) string {
	if !slices.Contains(a.Roles, zhifa.RoleSysAdmin) {
		return ""
	}
	free, err := s.freeSpace()
	switch {
	case err != nil:
		return "无法读取数据盘可用空间,请检查服务器日志。"
	case free < s.limits.MinFree:
		return fmt.Sprintf("数据盘可用空间仅剩 %s,已低于须保留的 %s:上传与写入将被拒绝,请立即清理或扩容。", ui.SizeText(int64(free)), ui.LimitText(int64(s.limits.MinFree)))
	case free < s.limits.WarnFree:
		return fmt.Sprintf("数据盘可用空间仅剩 %s(预警线 %s),请尽快清理或扩容。", ui.SizeText(int64(free)), ui.LimitText(int64(s.limits.WarnFree)))
	}
	return ""
}

// templateFuncs are the functions the templates call on this server.
func (s *Server) templateFuncs() template.FuncMap {
	return template.FuncMap{"diskWarning": s.diskWarning, "certClass": portal.CertClass}
}

// WatchDisk checks the data disk's free space now and every interval until
// ctx ends, and logs a change of level: a warning below the warning line,
// an error below the reserve, a notice when space comes back.
func (s *Server) WatchDisk(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if free, err := s.freeSpace(); err == nil {
			var now int32
			if free < s.limits.MinFree {
				now = 2
			} else if free < s.limits.WarnFree {
				now = 1
			}
			if level := s.edge.diskLevel.Swap(now); now != level {
				attrs := []any{"free", ui.SizeText(int64(free)), "warn", ui.LimitText(int64(s.limits.WarnFree)), "reserve", ui.LimitText(int64(s.limits.MinFree))}
				switch now {
				case 2:
					s.log.Error("数据盘可用空间低于保留线,上传与写入将被拒绝", attrs...)
				case 1:
					s.log.Warn("数据盘可用空间不足,请清理或扩容", attrs...)
				default:
					s.log.Info("数据盘可用空间已恢复", attrs...)
				}
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
