package complaint

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/zhifa/zhifa"
)

// The 12345 hot line's work orders (工单) about enforcement, imported as
// complaints: a CSV file exported by the hot-line platform, one order per
// row, imported whole or not at all.

// HotlineColumns are the columns of an import file, in order, with a
// header row naming them.
var HotlineColumns = []string{"工单号", "类型", "被投诉举报单位", "标题", "内容", "联系人", "联系电话"}

// MaxHotlineRows bounds one import.
const MaxHotlineRows = 1000

// ParseHotline reads an import file: agencies maps an agency's full name
// to its id. Every problem is named by its row (as a spreadsheet numbers
// it, the header being row 1) in one EINVALID error, so that a file with
// one bad row imports nothing and says which.
func ParseHotline(r io.Reader, agencies map[string]int64) ([]Filing, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, zhifa.Invalid(map[string]string{"file": "文件为空或不是 CSV 文件"})
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	if strings.Join(header, ",") != strings.Join(HotlineColumns, ",") {
		return nil, zhifa.Invalid(map[string]string{"file": "第 1 行应为表头:" + strings.Join(HotlineColumns, ",")})
	}
	kinds := map[string]Kind{"投诉": KindComplaint, "举报": KindReport}
	problems := map[string]string{}
	var out []Filing
	seen := map[string]int{}
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		key := fmt.Sprintf("row %d", row)
		if err != nil {
			problems[key] = fmt.Sprintf("第 %d 行:无法读取(%s)", row, csvProblem(err))
			break
		}
		if len(out)+len(problems) >= MaxHotlineRows {
			problems["file"] = fmt.Sprintf("一次最多导入 %d 条工单", MaxHotlineRows)
			break
		}
		if len(rec) != len(HotlineColumns) {
			problems[key] = fmt.Sprintf("第 %d 行:应有 %d 列,实有 %d 列", row, len(HotlineColumns), len(rec))
			continue
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		f := Filing{Channel: ChannelHotline, ExternalRef: rec[0], Kind: kinds[rec[1]], AgencyID: agencies[rec[2]], Subject: rec[3], Content: rec[4],
			ContactName: rec[5], ContactPhone: rec[6]}
		var msgs []string
		if f.Kind == "" {
			msgs = append(msgs, "类型“"+rec[1]+"”应为“投诉”或“举报”")
		}
		if f.AgencyID == 0 && rec[2] != "" {
			msgs = append(msgs, "被投诉举报单位“"+rec[2]+"”不在执法主体名录中")
		}
		if prev, dup := seen[f.ExternalRef]; dup && f.ExternalRef != "" {
			msgs = append(msgs, fmt.Sprintf("工单号与第 %d 行重复", prev))
		}
		seen[f.ExternalRef] = row
		if err := f.Validate(); err != nil {
			var e *zhifa.Error
			if errors.As(err, &e) {
				for _, c := range []string{"external_ref", "kind", "agency_id", "subject", "content", "contact_name", "contact_phone"} {
					if m := e.Problems[c]; m != "" && !(c == "kind" && f.Kind == "") && !(c == "agency_id" && rec[2] != "" && f.AgencyID == 0) {
						msgs = append(msgs, m)
					}
				}
			}
		}
		if len(msgs) > 0 {
			problems[key] = fmt.Sprintf("第 %d 行(工单号 %s):%s", row, rec[0], strings.Join(msgs, ";"))
			continue
		}
		out = append(out, f)
	}
	if len(problems) > 0 {
		return nil, zhifa.Invalid(problems)
	}
	if len(out) == 0 {
		return nil, zhifa.Invalid(map[string]string{"file": "文件中没有工单"})
	}
	return out, nil
}

func csvProblem(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return "格式有误"
}

// Imported is one imported work order with the query code made for it,
// which the hot line passes on to the caller.
type Imported struct {
	ExternalRef string
	Code        string
	Complaint   *Complaint
}

// ImportHotline files the work orders fs (from ParseHotline) as a, in one
// transaction: all of them or, on any refusal (a work order imported
// before, an agency a may not handle), none.
func (s *Service) ImportHotline(ctx context.Context, a zhifa.Actor, fs []Filing) ([]Imported, error) {
	var prepared []Imported
	for _, f := range fs {
		c, code, err := s.prepare(ctx, a, f)
		if err != nil {
			return nil, zhifa.Errorf(zhifa.ErrorCode(err), "工单号 %s:%s", f.ExternalRef, zhifa.ErrorMessage(err))
		}
		prepared = append(prepared, Imported{ExternalRef: f.ExternalRef, Code: code, Complaint: c})
	}
	err := s.Store.Write(ctx, func(tx Tx) error {
		for _, p := range prepared {
			if err := tx.CreateComplaint(p.Complaint); err != nil {
				return zhifa.Errorf(zhifa.ErrorCode(err), "工单号 %s:%s", p.ExternalRef, zhifa.ErrorMessage(err))
			}
			if err := record(tx, p.Complaint, a, "complaint.received", map[string]string{"kind": string(p.Complaint.Kind), "channel": p.Complaint.Channel,
				"accept_due": p.Complaint.AcceptDue.String()}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return prepared, nil
}
