package document

import (
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
)

// Decision is the content of a 行政处罚决定书 as recorded by the 作出决定
// step (处罚法 Art 59): 文号, facts, basis, the 裁量基准 applied, the penalty,
// the fine, how and by when to pay, the remedies with their periods, and
// whether the party's statement was adopted.
type Decision struct {
	StepID      int64
	Number      string // 决定书文号
	Facts       string // 违法事实和证据
	Basis       string // 处罚依据
	Standard    string // 裁量基准 applied, "" if not recorded
	PenaltyKind string
	Penalty     string
	Fine        int64 // 元
	FineText    string
	Payment     string // 履行方式和期限
	Remedy      string // 救济途径和期限
	Adopted     string // 陈述申辩采纳情况, "" if not recorded
	Discussion  string // 集体讨论, "" if none
	DecidedOn   time.Time
}

// DecisionOf reads the latest 作出决定 step of steps. It is the one place
// that knows the decision step's field codes: when the decision step
// changes (a structured penalty, a system-allocated 文号), only this
// function changes.
func DecisionOf(steps []*zhifa.Step) (Decision, bool) {
	var st *zhifa.Step
	for _, s := range steps {
		if s.Action == "decide" {
			st = s
		}
	}
	if st == nil {
		return Decision{}, false
	}
	f := st.Fields
	d := Decision{StepID: st.ID, Number: f["number"], Facts: f["facts"], Basis: f["basis"], Standard: f["discretion"],
		PenaltyKind: f["penalty_kind"], Penalty: f["penalty"], Payment: f["payment"], Remedy: f["remedy"],
		Adopted: f["statement_adopted"], Discussion: f["discussion"], DecidedOn: st.Created}
	d.Fine, _ = strconv.ParseInt(f["fine"], 10, 64)
	if d.Fine > 0 {
		d.FineText = "罚款人民币" + strconv.FormatInt(d.Fine, 10) + "元"
	}
	return d, true
}
