package api

import (
	"net/http"
	"strconv"

	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/web/ui"
)

// HandleAPIProof serves GET /api/v1/ledger/proof/{index}.
func (s *Ledger) HandleAPIProof(w http.ResponseWriter, r *http.Request) error {
	idx, err := ui.PathIndex(r, "index")
	if err != nil {
		return err
	}
	p, err := s.svc.Proof(r.Context(), s.signer, s.origin, idx)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write(p)
	return nil
}

type apiEvent struct {
	Index int64        `json:"index"`
	Leaf  string       `json:"leaf"` // the exact stored leaf, as text
	Event ledger.Event `json:"event"`
	Proof string       `json:"proof_url"`
}

// HandleAPIEvent serves GET /api/v1/ledger/events/{index}.
func (s *Ledger) HandleAPIEvent(w http.ResponseWriter, r *http.Request) error {
	idx, err := ui.PathIndex(r, "index")
	if err != nil {
		return err
	}
	leaf, e, err := s.svc.Event(r.Context(), idx)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, apiEvent{Index: idx, Leaf: string(leaf), Event: e, Proof: "/api/v1/ledger/proof/" + strconv.FormatInt(idx, 10)})
	return nil
}
