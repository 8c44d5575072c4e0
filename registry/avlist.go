package registry

// 音像记录事项清单 (issue 13, item 1): for each matter and step of an agency,
// whether audio-video recording is not needed, needed, or needed in full
// and without interruption, and whether a written record may stand in for
// it. This file holds the list's types and the seed's defaults, which an
// agency adjusts; its storage, versions and publication on the portal are
// still to come. procedure.CheckAV applies an item's level to a step
// (AVLevel values are procedure.AVLevel's).

// AV levels (as procedure.AVLevel).
const (
	AVNotNeeded = 0
	AVNeeded    = 1
	AVFull      = 2
)

// AVItem is one line of the list: a scene (执法环节) of a matter (0: every
// matter of the agency) and how it is recorded.
type AVItem struct {
	MatterID int64
	Scene    string // 现场执法, 调查取证, 询问…
	Level    int
	// TextOnly allows a written record instead of a recording, with the
	// officer's reason (seed: 文字记录能够全面有效记录执法行为的,可以不进行
	// 音像记录). Never for AVFull.
	TextOnly bool
}

// AVDefaults are the seed's defaults (三(二)): 现场执法、调查取证、举行听证、
// 留置送达和公告送达 are recorded; 查封扣押财产、强制拆除 and inquiries in
// 询问室, which touch 人身自由、生命健康、重大财产权益, are recorded in full.
var AVDefaults = []AVItem{
	{Scene: "现场执法", Level: AVNeeded, TextOnly: true},
	{Scene: "调查取证", Level: AVNeeded, TextOnly: true},
	{Scene: "证据保全", Level: AVNeeded},
	{Scene: "举行听证", Level: AVNeeded},
	{Scene: "行政强制", Level: AVNeeded},
	{Scene: "留置送达", Level: AVNeeded},
	{Scene: "公告送达", Level: AVNeeded, TextOnly: true},
	{Scene: "查封扣押", Level: AVFull},
	{Scene: "强制拆除", Level: AVFull},
	{Scene: "土地和房屋征收", Level: AVFull},
	{Scene: "询问", Level: AVFull},
}

// AVRequirement returns how scene of matter must be recorded under items:
// the matter's own line, else the agency-wide line, else the defaults;
// AVNotNeeded when none names the scene.
func AVRequirement(items []AVItem, matterID int64, scene string) (level int, textOnly bool) {
	pick := func(it AVItem) (int, bool) { return it.Level, it.TextOnly && it.Level != AVFull }
	if matterID != 0 {
		for _, it := range items {
			if it.Scene == scene && it.MatterID == matterID {
				return pick(it)
			}
		}
	}
	for _, it := range items {
		if it.Scene == scene && it.MatterID == 0 {
			return pick(it)
		}
	}
	for _, it := range AVDefaults {
		if it.Scene == scene {
			return pick(it)
		}
	}
	return AVNotNeeded, false
}
