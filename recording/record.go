package recording

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
)

// Kind is the kind of an audio-video record.
type Kind string

// Kinds of record (seed 三(二): 文字、音像 — 录音、录像、照相、视频监控).
const (
	Audio        Kind = "audio"
	Video        Kind = "video"
	Photo        Kind = "photo"
	Surveillance Kind = "surveillance"
)

// Kinds lists the kinds in display order.
var Kinds = []Kind{Video, Audio, Photo, Surveillance}

var kindNames = map[Kind]string{Audio: "录音", Video: "录像", Photo: "照相", Surveillance: "视频监控"}

// Name is the kind's Chinese name.
func (k Kind) Name() string { return kindNames[k] }

// Mark is a confidentiality mark; it limits who may open a record.
type Mark string

// Marks. None is an ordinary record of the case.
const (
	None        Mark = ""
	StateSecret Mark = "state"      // 国家秘密 (保守国家秘密法)
	WorkSecret  Mark = "work"       // 工作秘密
	TradeSecret Mark = "commercial" // 商业秘密 (反不正当竞争法 第9条)
	Privacy     Mark = "privacy"    // 个人隐私 (民法典 第1032条, 个人信息保护法)
)

// Marks lists the marks in display order.
var Marks = []Mark{None, WorkSecret, TradeSecret, Privacy, StateSecret}

var markNames = map[Mark]string{None: "无", StateSecret: "国家秘密", WorkSecret: "工作秘密", TradeSecret: "商业秘密", Privacy: "个人隐私"}

// Name is the mark's Chinese name.
func (m Mark) Name() string { return markNames[m] }

// Interruption is a gap in a recording, with its reason. 执法全过程记录
// 不得中止 except for technical reasons; any other interruption is kept and
// counted (Record.Irregular) rather than refused, so that the gap stays on
// the record.
type Interruption struct {
	From, To  time.Time
	Reason    string
	Technical bool // 技术原因 (设备故障、电量耗尽、存储已满…)
}

// Record is an audio-video record (音像记录): a file of the content store
// with what the law asks to be known about it.
type Record struct {
	ID            int64
	AgencyID      int64
	Kind          Kind
	DeviceID      int64 // 0: no registered device (e.g. a fixed camera of another body)
	OfficerIDs    []int64
	Start, End    time.Time
	Place         string
	GPS           string // "lat,lon" when the file carries it
	CaseID        int64  // the case and step it belongs to (音像与文字记录的衔接); 0 for none yet
	StepID        int64
	Interruptions []Interruption
	Mark          Mark
	RetainUntil   zhifa.Date
	Name          string // file name
	ContentType   string
	Size          int64
	Digest        string // sha256:<hex> in the content store
	SHA256, SM3   string // hex
	CreatedBy     int64  // user
	Created       time.Time
}

// Object is the record's ledger object.
func (r *Record) Object() string { return fmt.Sprintf("recording/%d", r.ID) }

// Irregular counts the interruptions not for a technical reason.
func (r *Record) Irregular() int {
	n := 0
	for _, i := range r.Interruptions {
		if !i.Technical {
			n++
		}
	}
	return n
}

// Retention periods: a record that serves as evidence of a case is kept
// with the case file (案卷, 30 years here); one that serves no case at
// least six months (公安部《执法记录仪使用管理规定》 第十六条 and the
// provinces' rules on 执法全过程记录).
const (
	RetainCaseYears = 30
	RetainMonths    = 6
)

// DefaultRetention is the earliest retention date of r.
func DefaultRetention(r *Record) zhifa.Date {
	t := zhifa.DateOf(r.End).Time(time.UTC)
	if r.CaseID != 0 {
		return zhifa.DateFromTime(t.AddDate(RetainCaseYears, 0, 0))
	}
	return zhifa.DateFromTime(t.AddDate(0, RetainMonths, 0))
}

// Problems returns what is wrong with r, by field (pure).
func Problems(r *Record) map[string]string {
	p := map[string]string{}
	if kindNames[r.Kind] == "" {
		p["kind"] = "记录类型须为录音、录像、照相或视频监控"
	}
	if _, ok := markNames[r.Mark]; !ok {
		p["mark"] = "密级标识须为无、工作秘密、商业秘密、个人隐私或国家秘密"
	}
	if len(r.OfficerIDs) == 0 {
		p["officer_ids"] = "请选择进行记录的执法人员"
	}
	if r.Start.IsZero() {
		p["start"] = "请填写开始时间"
	}
	if r.End.IsZero() {
		p["end"] = "请填写结束时间"
	} else if r.End.Before(r.Start) {
		p["end"] = "结束时间不能早于开始时间"
	}
	r.Place = strings.TrimSpace(r.Place)
	if r.Place == "" || len([]rune(r.Place)) > 200 {
		p["place"] = "请填写记录地点(不超过 200 字)"
	}
	if r.StepID != 0 && r.CaseID == 0 {
		p["case_id"] = "关联执法环节须同时指明案件"
	}
	for i, in := range r.Interruptions {
		f := fmt.Sprintf("interruptions.%d", i)
		switch {
		case in.To.Before(in.From) || in.From.Before(r.Start) || in.To.After(r.End):
			p[f] = "中止时段须在记录起止时间之内"
		case len([]rune(strings.TrimSpace(in.Reason))) < 4:
			p[f] = "每次中止须写明原因(《行政执法全过程记录》:非因技术原因不得中止)"
		}
	}
	if r.RetainUntil.Before(DefaultRetention(r)) && !r.End.IsZero() {
		p["retain_until"] = "保存期限不得短于 " + DefaultRetention(r).String() + "(作为证据的随案卷保存,其他不少于六个月)"
	}
	if r.Digest == "" || r.SHA256 == "" || r.SM3 == "" {
		p["upload"] = "请先完整上传文件"
	}
	return p
}

// MayOpen says whether a may open r (play, view or download it), after
// access.CaseRead of r's agency: an unmarked, 工作秘密 record opens for
// whoever may read the agency's cases; a 商业秘密 or 个人隐私 record only for
// the officers who made it, the unit head, the legal reviewer, the agency
// head and the supervising 司法局 (who need it to decide, review or
// supervise); a 国家秘密 record only for the officers who made it and the
// agency head (保守国家秘密法: 知悉范围以工作需要为限).
func MayOpen(a zhifa.Actor, r *Record) error {
	if err := access.Check(a, access.CaseRead, r.AgencyID); err != nil {
		return err
	}
	maker := a.OfficerID != 0 && slices.Contains(r.OfficerIDs, a.OfficerID) || a.UserID == r.CreatedBy
	var roles []zhifa.Role
	var law string
	switch r.Mark {
	case None, WorkSecret:
		return nil
	case TradeSecret, Privacy:
		roles = []zhifa.Role{zhifa.RoleUnitHead, zhifa.RoleReviewer, zhifa.RoleAgencyHead, zhifa.RoleSupervisor}
		law = "《中华人民共和国行政处罚法》第五十条"
	case StateSecret:
		roles = []zhifa.Role{zhifa.RoleAgencyHead}
		law = "《中华人民共和国保守国家秘密法》"
	}
	if maker {
		return nil
	}
	for _, role := range a.Roles {
		if slices.Contains(roles, role) {
			return nil
		}
	}
	return zhifa.Errorf(zhifa.EFORBIDDEN, "该音像记录标为%s,仅限记录人员及经授权的人员查看(%s)", r.Mark.Name(), law)
}
