package procedure

import (
	"strings"
	"unicode/utf8"

	"github.com/zhifa/zhifa"
)

// The audio-video rule of 执法全过程记录 (issue 13, item 1), generic over
// procedures: how a step must be recorded comes from the agency's
// 音像记录事项清单 (registry.AVList), what was recorded from the records
// linked to the step (package recording). Not yet called by Apply: a
// procedure's table wires it as a gate once its store passes the step's
// recordings in (Transition.NeedsAV marks the candidates).

// AVLevel is how a step must be recorded on audio-video.
type AVLevel int

// Levels, from the seed (三(二)): not needed; needed (现场执法、调查取证、
// 举行听证、留置送达、公告送达…); needed in full and without interruption
// where 人身自由、生命健康、重大财产权益 are at stake (查封扣押、强制拆除、
// 询问室…).
const (
	AVNotNeeded AVLevel = iota
	AVNeeded
	AVFull
)

// AVRecords says what was recorded for a step.
type AVRecords struct {
	Linked    int // recordings linked to the step
	Irregular int // their interruptions not for a technical reason
	// TextOnly is the officer's reason why the written record suffices
	// (文字记录能够全面有效记录执法行为的,可以不进行音像记录), "" if none.
	TextOnly string
}

const avBasis = "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》(国办发〔2018〕118号)"

// CheckAV applies the rule: a step that needs a recording has one linked,
// unless the list allows a text-only record there and the officer says why;
// a step that needs full recording has one without interruptions other
// than technical ones, and no text-only exception.
func CheckAV(level AVLevel, textOnlyAllowed bool, av AVRecords) error {
	switch level {
	case AVNeeded:
		if av.Linked > 0 {
			return nil
		}
		if textOnlyAllowed {
			if utf8.RuneCountInString(strings.TrimSpace(av.TextOnly)) >= 4 {
				return nil
			}
			return zhifa.Errorf(zhifa.ERULE, "本环节须有音像记录;文字记录已能全面有效记录的,须写明理由(%s)", avBasis)
		}
		return zhifa.Errorf(zhifa.ERULE, "本环节须有音像记录,请先关联音像记录(%s)", avBasis)
	case AVFull:
		if av.Linked == 0 {
			return zhifa.Errorf(zhifa.ERULE, "本环节须全程音像记录,请先关联音像记录(%s)", avBasis)
		}
		if av.Irregular > 0 {
			return zhifa.Errorf(zhifa.ERULE, "本环节须全程不间断音像记录,关联的记录有 %d 处非技术原因中止(%s)", av.Irregular, avBasis)
		}
	}
	return nil
}
