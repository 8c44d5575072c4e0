package document

import (
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
)

// Source is the recorded data a document is produced from: the case, its
// steps, its agency and the names of its officers. Nothing else reaches a
// template.
type Source struct {
	Case     *zhifa.Case
	Steps    []*zhifa.Step
	Issued   []*Document // the case's issued documents, oldest first
	Agency   *registry.Agency
	Officers map[int64]*registry.Officer // by officer id, for names and 执法证号
}

// Data is what a template sees: the case, its party in full (a document
// goes to the party; only publications are masked), the step the document
// is made from and its fields, and the decision's fields read through
// DecisionOf.
type Data struct {
	Kind       Kind
	Agency     string
	AgencyAddr string
	AgencyTel  string
	CaseNumber string // 案件编号
	Number     string // the document's 文号
	Matter     string
	Party      zhifa.Party
	Person     bool
	Case       *zhifa.Case
	Step       *zhifa.Step
	F          map[string]string // the step's fields
	Officers   []OfficerLine     // the step's officers, or the case's handlers
	Date       string            // the step's date, 2026年12月7日
	Decision   Decision          // the case's latest decision, if any
	Statement  Statement         // 陈述申辩 and hearing, if recorded
	Steps      []StepLine        // every step, for 结案审批表 and the 卷内目录
	Evidence   []EvidenceLine    // every evidence file of the case, for 证据清单
	Review     *zhifa.ReviewOpinion
	Issued     []IssuedLine // the documents issued so far, for the 卷内目录
}

// EvidenceLine is an evidence file as the 证据清单 lists it.
type EvidenceLine struct{ No, Name, Digest, Step, Date string }

// IssuedLine is an issued document as the 卷内目录 lists it.
type IssuedLine struct{ No, Name, Number, Date string }

// OfficerLine is an officer as a document names them.
type OfficerLine struct{ Name, CertNo string }

// StepLine is a step as a list names it.
type StepLine struct{ Seq, Name, Date string }

// Statement is what the party said before the decision (陈述申辩, 听证) and
// whether it was adopted.
type Statement struct {
	Recorded bool
	Waived   bool
	Content  string
	Hearing  string
	Adopted  string // the decision's 采纳情况, "" if not recorded
}

// build assembles the template data of kind from src for step st.
func build(k Kind, src Source, st *zhifa.Step) Data {
	c := src.Case
	d := Data{Kind: k, CaseNumber: c.Number, Number: c.Number, Matter: c.MatterName, Party: c.Party,
		Person: c.Party.Person(), Case: c, Step: st, F: map[string]string{}}
	if src.Agency != nil {
		d.Agency, d.AgencyAddr, d.AgencyTel = src.Agency.Name, src.Agency.Address, src.Agency.Phone
	} else {
		d.Agency = c.AgencyName
	}
	if st != nil {
		d.F = st.Fields
		d.Date = chineseDate(st.Created)
		d.Officers = officers(src, st.OfficerIDs)
	}
	if len(d.Officers) == 0 {
		d.Officers = officers(src, c.HandlerIDs)
	}
	if dec, ok := DecisionOf(src.Steps); ok {
		d.Decision = dec
		if k.Code == "decision" || k.Code == "service" || k.Code == "closing" {
			d.Number = dec.Number
		}
	}
	d.Statement = statementOf(src.Steps)
	d.Statement.Adopted = d.Decision.Adopted
	n := 0
	for _, s := range src.Steps {
		d.Steps = append(d.Steps, StepLine{Seq: strconv.Itoa(s.Seq), Name: s.Action, Date: chineseDate(s.Created)})
		for _, f := range s.Files {
			n++
			d.Evidence = append(d.Evidence, EvidenceLine{No: strconv.Itoa(n), Name: f.Name, Digest: f.Digest, Step: strconv.Itoa(s.Seq), Date: chineseDate(f.Created)})
		}
	}
	for i, doc := range src.Issued {
		if doc.Status == StatusIssued {
			d.Issued = append(d.Issued, IssuedLine{No: strconv.Itoa(i + 1), Name: doc.KindName(), Number: doc.Number, Date: chineseDate(doc.Created)})
		}
	}
	if st != nil {
		d.Review = st.Review
	}
	return d
}

func officers(src Source, ids []int64) []OfficerLine {
	var out []OfficerLine
	for _, id := range ids {
		if o := src.Officers[id]; o != nil {
			out = append(out, OfficerLine{Name: o.Name, CertNo: o.CertNo})
		}
	}
	return out
}

func statementOf(steps []*zhifa.Step) Statement {
	var s Statement
	for _, st := range steps {
		switch st.Action {
		case "statement":
			s.Recorded = true
			s.Waived = st.Fields["waived"] == "是"
			if st.Fields["content"] != "" {
				s.Content = st.Fields["content"]
			}
		case "hearing":
			s.Hearing = st.Fields["content"]
		}
	}
	return s
}

// chineseDate writes a civil date as official documents do (GB/T 9704
// 7.3.5.3: Arabic numerals, 2026年12月7日), in China's time zone.
func chineseDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := zhifa.DateOf(t)
	return strconv.Itoa(d.Y) + "年" + strconv.Itoa(int(d.M)) + "月" + strconv.Itoa(d.D) + "日"
}
