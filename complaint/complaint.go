package complaint

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/zhifa/zhifa"
)

// Kind is what the complainant files.
type Kind string

// Kinds.
const (
	KindComplaint Kind = "complaint" // 投诉: the complainant's own rights are concerned
	KindReport    Kind = "report"    // 举报: a wrong of an agency or officer
	KindError     Kind = "error"     // 纠错: published information is wrong
)

// Kinds lists the kinds in display order.
var Kinds = []Kind{KindComplaint, KindReport, KindError}

var kindNames = map[Kind]string{KindComplaint: "投诉", KindReport: "举报", KindError: "信息纠错"}

// Name is the Chinese name of k.
func (k Kind) Name() string { return kindNames[k] }

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { _, ok := kindNames[k]; return ok }

// Status is where a complaint stands.
type Status string

// Statuses.
const (
	Received Status = "received" // 待受理
	Accepted Status = "accepted" // 办理中
	Declined Status = "declined" // 不予受理
	Replied  Status = "replied"  // 已答复
)

// Statuses lists the statuses in order.
var Statuses = []Status{Received, Accepted, Declined, Replied}

var statusNames = map[Status]string{Received: "待受理", Accepted: "办理中", Declined: "不予受理", Replied: "已答复"}

// Name is the Chinese name of s.
func (s Status) Name() string { return statusNames[s] }

// Final reports whether nothing more happens to a complaint in s.
func (s Status) Final() bool { return s == Declined || s == Replied }

// Channels a complaint arrives by.
const (
	ChannelPortal  = "portal"  // 门户网站
	ChannelHotline = "hotline" // 12345 热线转办
)

// ChannelName is the Chinese name of a channel.
func ChannelName(c string) string {
	switch c {
	case ChannelPortal:
		return "门户网站"
	case ChannelHotline:
		return "12345热线"
	}
	return c
}

// Complaint is one complaint, report or error report, with its handling.
// Subject, Content, ContactName, ContactPhone, DeclineReason and Reply are
// personal or may restate personal data: the store keeps them encrypted and
// no public page shows them (PublicView).
type Complaint struct {
	ID            int64
	Kind          Kind
	Channel       string
	ExternalRef   string // the 12345 work-order number of an imported item
	AgencyID      int64  // the agency complained about; the 司法局 handles it too
	AgencyName    string
	PublicationID int64 // for an error report: the publication it names; 0 if none
	Subject       string
	Content       string
	ContactName   string
	ContactPhone  string
	CodeDigest    string // SHA-256 of the query code, hex
	Status        Status
	ReceivedOn    zhifa.Date
	AcceptDue     zhifa.Date
	AcceptedOn    zhifa.Date
	ReplyDue      zhifa.Date
	RepliedOn     zhifa.Date
	DeclineReason string
	Reply         string
	HandlerID     int64 // the user who accepted, declined or replied last
	Created       time.Time
	Updated       time.Time
}

// Object is the complaint's ledger object, "complaint/ID".
func (c *Complaint) Object() string { return fmt.Sprintf("complaint/%d", c.ID) }

// Due is the date by which the next act is due, zero when none is.
func (c *Complaint) Due() zhifa.Date {
	switch c.Status {
	case Received:
		return c.AcceptDue
	case Accepted:
		return c.ReplyDue
	}
	return zhifa.Date{}
}

// Met is the date the due act was done, for the standing of a final
// complaint against its last limit.
func (c *Complaint) Met() zhifa.Date {
	switch c.Status {
	case Declined:
		return c.AcceptedOn
	case Replied:
		return c.RepliedOn
	}
	return zhifa.Date{}
}

// PublicView is what the query code shows: no name, phone or text of the
// complainant.
type PublicView struct {
	Kind          Kind
	AgencyName    string
	Status        Status
	ReceivedOn    zhifa.Date
	AcceptDue     zhifa.Date
	AcceptedOn    zhifa.Date
	ReplyDue      zhifa.Date
	RepliedOn     zhifa.Date
	DeclineReason string
	Reply         string
}

// Public returns the complaint as its query code shows it.
func (c *Complaint) Public() PublicView {
	return PublicView{Kind: c.Kind, AgencyName: c.AgencyName, Status: c.Status, ReceivedOn: c.ReceivedOn, AcceptDue: c.AcceptDue,
		AcceptedOn: c.AcceptedOn, ReplyDue: c.ReplyDue, RepliedOn: c.RepliedOn, DeclineReason: c.DeclineReason, Reply: c.Reply}
}

// Filing is what the complainant submits.
type Filing struct {
	Kind          Kind
	AgencyID      int64
	PublicationID int64
	Subject       string
	Content       string
	ContactName   string
	ContactPhone  string
	Channel       string // ChannelPortal unless imported
	ExternalRef   string
}

// Field limits, in characters.
const (
	MaxSubject = 100
	MaxContent = 5000
	MaxName    = 50
	MaxPhone   = 20
	MaxReply   = 5000
	MaxRef     = 50
)

// Validate checks f and returns an EINVALID error naming each wrong field.
func (f *Filing) Validate() error {
	f.Subject = strings.TrimSpace(f.Subject)
	f.Content = strings.TrimSpace(f.Content)
	f.ContactName = strings.TrimSpace(f.ContactName)
	f.ContactPhone = strings.TrimSpace(f.ContactPhone)
	f.ExternalRef = strings.TrimSpace(f.ExternalRef)
	if f.Channel == "" {
		f.Channel = ChannelPortal
	}
	p := map[string]string{}
	if !f.Kind.Valid() {
		p["kind"] = "请选择类型:投诉、举报或信息纠错"
	}
	if f.AgencyID <= 0 {
		p["agency_id"] = "请选择被投诉举报的执法主体"
	}
	if f.Kind == KindError && f.PublicationID <= 0 {
		p["publication_id"] = "信息纠错须指明有误的公示信息"
	}
	tooLong(p, "subject", "标题", f.Subject, MaxSubject, true)
	tooLong(p, "content", "内容", f.Content, MaxContent, true)
	tooLong(p, "contact_name", "联系人", f.ContactName, MaxName, false)
	tooLong(p, "contact_phone", "联系电话", f.ContactPhone, MaxPhone, false)
	tooLong(p, "external_ref", "工单号", f.ExternalRef, MaxRef, f.Channel == ChannelHotline)
	if f.ContactPhone != "" && !phoneLike(f.ContactPhone) {
		p["contact_phone"] = "联系电话只能包含数字、空格、“-”和“+”"
	}
	if f.Channel != ChannelPortal && f.Channel != ChannelHotline {
		p["channel"] = "来源渠道无效"
	}
	if len(p) > 0 {
		return zhifa.Invalid(p)
	}
	return nil
}

func tooLong(p map[string]string, code, label, v string, max int, required bool) {
	switch n := utf8.RuneCountInString(v); {
	case required && n == 0:
		p[code] = "请填写" + label
	case n > max:
		p[code] = fmt.Sprintf("%s不能超过 %d 个字(现有 %d 个)", label, max, n)
	}
}

func phoneLike(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '-' || r == '+' || r == ' ':
		default:
			return false
		}
	}
	return digits >= 5
}

// codeAlphabet has no 0/O, 1/I/L: codes are read aloud and typed by hand.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// CodeLength is the number of characters of a query code (about 79 bits).
const CodeLength = 16

// NewCode returns a fresh query code from rand, grouped by four
// ("ABCD-EFGH-JKMN-PQRS").
func NewCode(rand io.Reader) (string, error) {
	b := make([]byte, CodeLength)
	var out strings.Builder
	for i := 0; i < CodeLength; {
		if _, err := io.ReadFull(rand, b[:1]); err != nil {
			return "", err
		}
		// Rejection sampling keeps every character equally likely.
		if int(b[0]) >= 256/len(codeAlphabet)*len(codeAlphabet) {
			continue
		}
		if i > 0 && i%4 == 0 {
			out.WriteByte('-')
		}
		out.WriteByte(codeAlphabet[int(b[0])%len(codeAlphabet)])
		i++
	}
	return out.String(), nil
}

// NormalizeCode returns code as typed by someone, without spaces or dashes
// and in upper case, full-width forms folded; ok is false when it cannot be
// a query code.
func NormalizeCode(code string) (string, bool) {
	var b strings.Builder
	for _, r := range code {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFEE0
		}
		r = unicode.ToUpper(r)
		switch {
		case r == '-' || r == ' ' || r == '\u3000':
			continue
		case strings.ContainsRune(codeAlphabet, r):
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	if b.Len() != CodeLength {
		return "", false
	}
	return b.String(), true
}

// CodeDigest is the stored form of a normalised query code.
func CodeDigest(normalized string) string {
	h := sha256.Sum256([]byte("zhifa complaint code\x00" + normalized))
	return hex.EncodeToString(h[:])
}

// ChannelName is the Chinese name of the complaint's channel.
func (c *Complaint) ChannelName() string { return ChannelName(c.Channel) }
