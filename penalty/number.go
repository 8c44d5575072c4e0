package penalty

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
)

// DocType is a type of document the procedure issues with a number (文号):
// the step that issues it, and the default format of its number.
type DocType struct {
	Code   string // stored code
	Name   string // Chinese
	Action Action // the step whose transaction allocates the number
	Format string // default format (NumberFormat)
}

// DocTypes are the numbered documents of the penalty procedure. The number
// is allocated in the transaction of the step that issues the document and
// stored in the step's field "number" (DOMAIN §10: agency short name + type
// word + 〔year〕 + serial + 号).
var DocTypes = []DocType{
	{Code: "open", Name: "立案审批表", Action: Open, Format: "{简称}立〔{年}〕{序号}号"},
	{Code: "notice", Name: "行政处罚事先告知书", Action: Notify, Format: "{简称}罚告〔{年}〕{序号}号"},
	{Code: "decision", Name: "行政处罚决定书", Action: Decide, Format: "{简称}罚〔{年}〕{序号}号"},
}

// DocTypeOf returns the document type issued by action a.
func DocTypeOf(a Action) (DocType, bool) {
	for _, d := range DocTypes {
		if d.Action == a {
			return d, true
		}
	}
	return DocType{}, false
}

// docType returns the document type of code.
func docType(code string) (DocType, bool) {
	for _, d := range DocTypes {
		if d.Code == code {
			return d, true
		}
	}
	return DocType{}, false
}

// Placeholders of a number format.
const (
	phShort  = "{简称}"
	phYear   = "{年}"
	phSerial = "{序号}"
)

// maxFormatLen is the longest format, in characters.
const maxFormatLen = 40

// CheckNumberFormat returns "" if f is a valid number format, else the
// problem: {序号} exactly once and at the end part (only fixed text may
// follow it), {年} exactly once before it, {简称} at most once, no other
// braces, at most 40 characters.
func CheckNumberFormat(f string) string {
	switch {
	case f == "":
		return "文号格式不能为空"
	case utf8.RuneCountInString(f) > maxFormatLen:
		return fmt.Sprintf("文号格式不得超过 %d 个字", maxFormatLen)
	case strings.Count(f, phSerial) != 1:
		return "文号格式须含且只含一个“{序号}”"
	case strings.Count(f, phYear) != 1:
		return "文号格式须含且只含一个“{年}”(编号按年度分别排序)"
	case strings.Count(f, phShort) > 1:
		return "文号格式最多含一个“{简称}”"
	case strings.Index(f, phYear) > strings.Index(f, phSerial):
		return "文号格式中“{年}”须在“{序号}”之前"
	}
	rest := strings.NewReplacer(phShort, "", phYear, "", phSerial, "").Replace(f)
	if strings.ContainsAny(rest, "{}") {
		return "文号格式只能使用“{简称}”“{年}”“{序号}”三个占位符"
	}
	if strings.ContainsAny(rest, "\r\n\t") {
		return "文号格式不能含换行或制表符"
	}
	return ""
}

// NumberPrefix returns the part of the number of format f before the
// serial, for agency short name short and year, and the part after it. The
// serial sequence is kept per (agency, prefix): the prefix names the type
// and the year, so each type and year counts from 1.
func NumberPrefix(f, short string, year int) (prefix, suffix string) {
	r := strings.NewReplacer(phShort, short, phYear, strconv.Itoa(year))
	before, after, _ := strings.Cut(f, phSerial)
	return r.Replace(before), r.Replace(after)
}

// NumberFormat is an agency's format of one document type.
type NumberFormat struct {
	DocType string
	Name    string // the type's Chinese name
	Format  string
	Default bool // no format was configured: the type's default
}

// DocumentNumber is a number given to a document.
type DocumentNumber struct {
	ID       int64
	AgencyID int64
	DocType  string
	Year     int
	Serial   int64
	Number   string
	CaseID   int64
}

// NumberFormats returns the agency's format of each document type, in
// DocTypes order.
func (s *Service) NumberFormats(ctx context.Context, a zhifa.Actor, agencyID int64) ([]NumberFormat, error) {
	if err := s.Guard.Authorize(ctx, a, access.CaseRead, agencyID, "agency/"+itoa(agencyID)); err != nil {
		if err2 := s.Guard.Authorize(ctx, a, access.RegistryManage, agencyID, "agency/"+itoa(agencyID)); err2 != nil {
			return nil, err
		}
	}
	stored, err := s.Store.NumberFormats(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	var out []NumberFormat
	for _, d := range DocTypes {
		nf := NumberFormat{DocType: d.Code, Name: d.Name, Format: d.Format, Default: true}
		if f, ok := stored[d.Code]; ok {
			nf.Format, nf.Default = f, false
		}
		out = append(out, nf)
	}
	return out, nil
}

// SetNumberFormat sets the agency's format of a document type, by an
// administrator of the registry (access.RegistryManage). Numbers already
// given keep their text; the next number of the new format counts on from
// the highest serial given under the same prefix. Two types of one agency
// may not have the same format. Errors: EFORBIDDEN, EINVALID (doc_type,
// format).
func (s *Service) SetNumberFormat(ctx context.Context, a zhifa.Actor, agencyID int64, code, format string) error {
	object := "agency/" + itoa(agencyID)
	if err := s.Guard.Authorize(ctx, a, access.RegistryManage, agencyID, object); err != nil {
		return err
	}
	d, ok := docType(code)
	if !ok {
		return zhifa.Invalid(map[string]string{"doc_type": fmt.Sprintf("未知的文书种类 %q", code)})
	}
	format = strings.TrimSpace(format)
	if p := CheckNumberFormat(format); p != "" {
		return zhifa.Invalid(map[string]string{"format": p})
	}
	if _, err := s.Registry.FindAgency(ctx, agencyID); err != nil {
		return err
	}
	return s.Store.Write(ctx, func(tx Tx) error {
		current, err := tx.NumberFormats(agencyID)
		if err != nil {
			return err
		}
		for _, o := range DocTypes {
			f, ok := current[o.Code]
			if !ok {
				f = o.Format
			}
			if o.Code != d.Code && f == format {
				return zhifa.Invalid(map[string]string{"format": "文号格式与本机关“" + o.Name + "”的格式相同,两类文书的文号须能区分"})
			}
		}
		if _, err := tx.Record(ledger.Event{Type: "agency.number_format", Object: object, Actor: a.Ref(), Agency: itoa(agencyID), Attrs: map[string]string{"doc_type": d.Code}}); err != nil {
			return err
		}
		return tx.SetNumberFormat(agencyID, d.Code, format, a.UserID)
	})
}

// allocateNumber gives the document that step act issues its number, in the
// step's transaction: the agency's format, the next serial of its prefix,
// and a row in the document numbers whose uniqueness the store enforces.
// It returns "" for a step that issues no numbered document.
func (s *Service) allocateNumber(tx Tx, act Action, c *zhifa.Case, short string, year int) (string, error) {
	d, ok := DocTypeOf(act)
	if !ok {
		return "", nil
	}
	formats, err := tx.NumberFormats(c.AgencyID)
	if err != nil {
		return "", err
	}
	f, ok := formats[d.Code]
	if !ok {
		f = d.Format
	}
	prefix, suffix := NumberPrefix(f, short, year)
	n, err := tx.NextSerial(c.AgencyID, prefix)
	if err != nil {
		return "", err
	}
	dn := &DocumentNumber{AgencyID: c.AgencyID, DocType: d.Code, Year: year, Serial: n, Number: prefix + strconv.FormatInt(n, 10) + suffix, CaseID: c.ID}
	if err := tx.AddDocumentNumber(dn); err != nil {
		return "", err
	}
	return dn.Number, nil
}
