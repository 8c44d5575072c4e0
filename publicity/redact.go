package publicity

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/redact"
)

// RedactInput is a text to make public and what is known about it.
type RedactInput struct {
	Text      string
	Policy    string // 处罚, 强制, 检查, 许可, 征收
	NameStyle string // full, surname-mou, surname-star
	Known     redact.Known
	// Remove lists findings (by rune start) the confirming person undoes;
	// Add lists further strings to mask wherever they occur.
	Remove []int
	Add    []string
}

// RedactResult is the public text and its report.
type RedactResult struct {
	Public string
	Report redact.Report
	Digest string // of the report, as recorded
	Index  int64  // ledger index of the confirmation, -1 for a preview
}

// maxRedactText bounds one text (a decision is a few pages).
const maxRedactText = 1 << 20

// Redact applies the redaction engine and the person's edits. It changes
// nothing and needs only a login: it is the preview the workbench shows.
func (s *Service) Redact(ctx context.Context, a zhifa.Actor, in RedactInput) (*RedactResult, error) {
	if err := access.Check(a, access.WorkbenchEnter, 0); err != nil {
		return nil, err
	}
	return redactText(in)
}

func redactText(in RedactInput) (*RedactResult, error) {
	p := map[string]string{}
	if strings.TrimSpace(in.Text) == "" {
		p["text"] = "请填写要公示的文本"
	} else if len(in.Text) > maxRedactText || !utf8.ValidString(in.Text) {
		p["text"] = "文本须为 UTF-8 且不超过 1 MiB"
	}
	if in.Policy == "" {
		in.Policy = "处罚"
	}
	pol, err := redact.PolicyFor(in.Policy)
	if err != nil {
		p["policy"] = "公示类型须为 处罚、强制、检查、许可 或 征收"
	}
	if in.NameStyle != "" {
		st, err := redact.ParseNameStyle(in.NameStyle)
		if err != nil {
			p["name_style"] = "当事人姓名显示方式须为 full、surname-mou 或 surname-star"
		}
		pol.PartyName = st
	}
	if len(p) > 0 {
		return nil, zhifa.Invalid(p)
	}
	public, rep := redact.Redact(in.Text, pol, in.Known)
	var edits []redact.Edit
	for _, start := range in.Remove {
		for _, f := range rep.Findings {
			if f.RuneStart == start {
				edits = append(edits, redact.Edit{Op: redact.EditRemove, RuneStart: f.RuneStart, RuneEnd: f.RuneEnd})
			}
		}
	}
	runes := []rune(in.Text)
	for _, add := range in.Add {
		ar := []rune(strings.TrimSpace(add))
		if len(ar) == 0 {
			continue
		}
		for i := 0; i+len(ar) <= len(runes); i++ {
			if string(runes[i:i+len(ar)]) == string(ar) && !covered(rep, i, i+len(ar)) {
				edits = append(edits, redact.Edit{Op: redact.EditAdd, RuneStart: i, RuneEnd: i + len(ar), Kind: redact.KindManual})
				i += len(ar) - 1
			}
		}
	}
	if len(edits) > 0 {
		public, rep, err = redact.Apply(in.Text, rep, edits)
		if err != nil {
			return nil, zhifa.Invalid(map[string]string{"edits": err.Error()})
		}
	}
	return &RedactResult{Public: public, Report: rep, Digest: rep.Digest(), Index: -1}, nil
}

func covered(rep redact.Report, start, end int) bool {
	for _, f := range rep.Findings {
		if f.Rule != redact.RuleManualRemove && start < f.RuneEnd && f.RuneStart < end {
			return true
		}
	}
	return false
}

// ConfirmRedaction records that a person checked the redaction of a text
// before publication: the event carries the digests of the original, the
// public text and the report (with the person's manual edits), never the
// text itself.
func (s *Service) ConfirmRedaction(ctx context.Context, a zhifa.Actor, in RedactInput) (*RedactResult, error) {
	if err := s.Guard.Authorize(ctx, a, access.PublicationEdit, a.AgencyID, "redaction"); err != nil {
		return nil, err
	}
	res, err := redactText(in)
	if err != nil {
		return nil, err
	}
	manual := 0
	for _, f := range res.Report.Findings {
		if f.Rule == redact.RuleManualAdd || f.Rule == redact.RuleManualRemove {
			manual++
		}
	}
	orig, pub := digestOf(in.Text), digestOf(res.Public)
	err = s.Store.Write(ctx, func(tx Tx) error {
		idx, err := tx.Record(ledger.Event{Type: "redaction.confirmed", Object: "redaction/" + orig[len("sha256:"):len("sha256:")+16], Actor: a.Ref(), Agency: itoa(a.AgencyID),
			Digest: res.Digest, Attrs: map[string]string{"original": orig, "public": pub, "policy": in.Policy, "findings": itoa0(len(res.Report.Findings)), "manual": itoa0(manual)}})
		res.Index = idx
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func itoa0(n int) string {
	if n == 0 {
		return "0"
	}
	return itoa(int64(n))
}

// digestOf returns "sha256:<hex>" of s: a text's identity in the ledger
// without the text.
func digestOf(s string) string {
	h := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(h[:])
}
