package document

import "time"

// Document statuses: the words stored and shown.
const (
	StatusIssued    = "有效"
	StatusCorrected = "已更正" // replaced by a correction, which names it
)

// Document is an issued 执法文书: frozen, its PDF kept in the evidence file
// store under PDFDigest, its digests signed by the agency.
type Document struct {
	ID         int64
	CaseID     int64
	AgencyID   int64
	AgencyName string // read-only
	StepID     int64
	Kind       string // a Kind's Code
	Number     string // 文号 (the 案件编号 for a document without its own)
	// ContentDigest is SHA-256 of the document's text and identity
	// (contentDigest): the QR code's digest, printed in the PDF, which
	// cannot hold its own file's digest.
	ContentDigest string
	PDFDigest     string // "sha256:<hex>" of the PDF bytes
	PDFSM3        string // "sm3:<hex>" of the PDF bytes
	Size          int64
	Signature     string // the agency's signed note over the digests
	Replaces      int64  // the document this one corrects, 0 if none
	Status        string
	IssuedBy      int64
	Created       time.Time
	Updated       time.Time
}

// KindName returns the Chinese name of the document's kind.
func (d *Document) KindName() string {
	k, _ := KindOf(d.Kind)
	return k.Name
}

// Filter selects documents; zero fields do not filter.
type Filter struct {
	ID            int64
	CaseID        int64
	ContentDigest string
	PDFDigest     string
}
