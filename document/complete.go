package document

import (
	"slices"
	"strconv"
)

// A 处罚 case file is complete at 归档 when each document its steps call
// for has been issued and still stands (seed 三(三) 案卷标准): the 立案审批表,
// the 事先告知书 when the party was notified, the 决定书, the 送达回证, the
// 结案审批表, and a record of every 询问, 现场检查 and 听证 held.
var requiredForArchive = []string{"filing", "inquiry", "site_record", "hearing", "notice", "decision", "service", "closing"}

// Missing names the documents the case's file still lacks: for each step
// that calls for a required document, one that stands; empty means
// complete. The documents page shows it; it is meant for a gate of the
// 归档 step (penalty's table), which this change does not touch.
func Missing(items []Item) []string {
	var out []string
	for _, it := range items {
		if !slices.Contains(requiredForArchive, it.Kind.Code) || it.Standing() != nil {
			continue
		}
		name := it.Kind.Name
		if it.Step != nil {
			name += "(第 " + itoa(int64(it.Step.Seq)) + " 步)"
		}
		out = append(out, name)
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
