package inspection

import (
	"time"

	"github.com/zhifa/zhifa"
)

// Plan states.
const (
	PlanDraft    = "draft"    // 待审批
	PlanApproved = "approved" // 已批准
)

// Plan is an inspection plan (抽查计划): an item of the list to be carried
// out in a year, approved by the unit head before any draw.
type Plan struct {
	ID         int64
	AgencyID   int64
	ItemID     int64
	ItemName   string // read only
	Title      string
	Year       int
	Status     string
	ApprovedBy int64 // user id
	ApprovedOn zhifa.Date
	Created    time.Time
	Updated    time.Time
}

// Draw states.
const (
	DrawAnnounced = "announced" // 已公告,待种子
	DrawDone      = "drawn"     // 已抽取
)

// RandomDraw is a 双随机 draw as stored: announced with its lists, rule and
// seed size, then drawn once the log has reached the seed size.
type RandomDraw struct {
	ID             int64
	PlanID         int64
	AgencyID       int64
	Algorithm      string
	Rule           DrawRule
	Objects        []Entry
	ObjectsDigest  string
	Officers       []Entry
	OfficersDigest string
	SeedSize       int64
	AnnounceIndex  int64 // index of the announcement event, -1 before it
	Seed           string
	Result         []Assignment
	Status         string
	Created        time.Time
	Updated        time.Time
	PlanTitle      string // read only
}

// Public returns the draw as published.
func (d *RandomDraw) Public() PublicDraw {
	return PublicDraw{Algorithm: d.Algorithm, Objects: d.Objects, ObjectsDigest: d.ObjectsDigest, Officers: d.Officers,
		OfficersDigest: d.OfficersDigest, Rule: d.Rule, AnnouncedAt: d.AnnounceIndex, SeedSize: d.SeedSize, Seed: d.Seed, Result: d.Result}
}

// Inspection is one 行政检查 of one object under one published item.
type Inspection struct {
	ID            int64
	AgencyID      int64
	ItemID        int64
	ObjectID      int64
	DrawID        int64 // the draw it came from, 0 if none
	Joint         string
	Year          int
	Stage         Stage
	OfficerIDs    []int64 // the officers present on site
	OpenedOn      zhifa.Date
	Outcome       string
	PublicSummary string
	ResultOn      zhifa.Date
	PublishDue    zhifa.Date // last day to publish the result (G4b, working days)
	PublishedOn   zhifa.Date
	PenaltyCaseID int64
	Warning       string // the repeated-inspection warning given at the start
	Created       time.Time
	Updated       time.Time
	// Read only, filled by the store.
	AgencyName string
	ItemName   string
	ObjectName string
}

// Step is a recorded step of an inspection.
type Step struct {
	ID           int64
	InspectionID int64
	Seq          int
	Action       Action
	Stage        Stage // after the step
	ActorUserID  int64
	OfficerIDs   []int64
	Fields       map[string]string
	Created      time.Time
}

// ItemFilter selects items; nil fields select all.
type ItemFilter struct {
	ID       *int64
	AgencyID *int64
	Status   *ItemStatus
	Code     *string
}

// InspectionFilter selects inspections.
type InspectionFilter struct {
	ID       *int64
	AgencyID *int64
	ObjectID *int64
	Year     *int
	Stage    *Stage
}

// PublicResult is an inspection result as the portal publishes it (检查结果
// 公示): the agency, the object (an organisation's registered name), the
// item, the dates and the outcome with its summary, which passed the
// redaction check. It holds no personal data.
type PublicResult struct {
	ID          int64
	AgencyID    int64
	AgencyName  string
	ItemName    string
	ObjectName  string
	OpenedOn    zhifa.Date
	ResultOn    zhifa.Date
	PublishedOn zhifa.Date
	Outcome     string
	Summary     string
}
