package web

import (
	"context"
	"net/http"

	"github.com/zhifa/zhifa/web/ui"
)

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.svc.LogSize(); err != nil {
		ui.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "数据库不可用"})
		return nil
	}
	ui.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

func (s *Server) latestCheckpoint() ([]byte, int64, error) {
	return s.svc.Checkpoint(context.Background(), s.signer, s.origin)
}
