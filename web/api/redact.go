package api

import (
	"net/http"

	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/redact"
	"github.com/zhifa/zhifa/web/ui"
)

// apiRedactRequest is the body of POST /api/v1/redact.
type apiRedactRequest struct {
	Text      string   `json:"text"`
	Policy    string   `json:"policy"`
	NameStyle string   `json:"name_style"`
	PartyName string   `json:"party_name"`
	Keep      []string `json:"keep"`
	Remove    []int    `json:"remove"`
	Add       []string `json:"add"`
}

func (in apiRedactRequest) input() publicity.RedactInput {
	return publicity.RedactInput{Text: in.Text, Policy: in.Policy, NameStyle: in.NameStyle, Remove: in.Remove, Add: in.Add,
		Known: redact.Known{PartyName: in.PartyName, Keep: in.Keep}}
}

type apiRedactResult struct {
	Text   string        `json:"text"`
	Report redact.Report `json:"report"`
	Digest string        `json:"digest"`
	Index  *int64        `json:"ledger_index,omitempty"`
}

func toAPIRedact(r *publicity.RedactResult) apiRedactResult {
	out := apiRedactResult{Text: r.Public, Report: r.Report, Digest: r.Digest}
	if r.Index >= 0 {
		out.Index = &r.Index
	}
	return out
}

// HandleAPIRedact serves POST /api/v1/redact.
func (s *Redact) HandleAPIRedact(w http.ResponseWriter, r *http.Request) error {
	in, err := ui.JSONBody[apiRedactRequest](r)
	if err != nil {
		return err
	}
	res, err := s.svc.Redact(r.Context(), ui.ActorFrom(r.Context()), in.input())
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, toAPIRedact(res))
	return nil
}

// HandleAPIRedactConfirm serves POST /api/v1/redact/confirm.
func (s *Redact) HandleAPIRedactConfirm(w http.ResponseWriter, r *http.Request) error {
	in, err := ui.JSONBody[apiRedactRequest](r)
	if err != nil {
		return err
	}
	res, err := s.svc.ConfirmRedaction(r.Context(), ui.ActorFrom(r.Context()), in.input())
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusCreated, toAPIRedact(res))
	return nil
}
