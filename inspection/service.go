package inspection

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/procedure"
	"github.com/zhifa/zhifa/redact"
	"github.com/zhifa/zhifa/registry"
)

// Store is the storage of the inspection context; package store implements
// it (store.InspectionStore).
type Store interface {
	FindItems(ctx context.Context, f ItemFilter) ([]*Item, error)
	FindObjects(ctx context.Context, agencyID int64, ids []int64) ([]*Object, error)
	FindPlans(ctx context.Context, agencyID *int64, id *int64) ([]*Plan, error)
	FindDraws(ctx context.Context, agencyID *int64, id *int64) ([]*RandomDraw, error)
	FindInspections(ctx context.Context, f InspectionFilter) ([]*Inspection, error)
	FindInspectionSteps(ctx context.Context, inspectionID int64) ([]*Step, error)
	// LogSize is the ledger's size now.
	LogSize() (int64, error)
	// Write runs fn in one transaction, which must record an event.
	Write(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction of the inspection context. Create methods set
// the ID (and Created, Updated); every write is digested by the event.
type Tx interface {
	CreateItem(*Item) error
	UpdateItem(*Item) error
	CreateObject(*Object) error
	CreatePlan(*Plan) error
	UpdatePlan(*Plan) error
	CreateDraw(*RandomDraw) error
	UpdateDraw(*RandomDraw) error
	CreateInspection(*Inspection) error
	UpdateInspection(*Inspection) error
	CreateInspectionStep(*Step) error
	// PastInspections returns the inspections of object by agency in year,
	// read under the write lock so that two starts cannot both pass the cap.
	PastInspections(agencyID, objectID int64, year int) ([]Past, error)
	// LogSize returns the log's size before the transaction's events.
	LogSize() (int64, error)
	// TreeHash returns the root hash of the log's first n leaves (RFC 6962).
	TreeHash(n int64) ([32]byte, error)
	Record(ledger.Event) (int64, error)
}

// Registry is what the context reads of the registry: officers and their
// certificates, agencies' names.
type Registry interface {
	FindOfficers(ctx context.Context, f registry.OfficerFilter) ([]*registry.Officer, error)
	FindAgency(ctx context.Context, id int64) (*registry.Agency, error)
}

// Referral is a penalty case opened from an inspection finding: the
// matter, the summary (with the inspection's record named in it), the
// party (the inspected organisation) and the handlers (the officers on
// site).
type Referral struct {
	AgencyID     int64
	MatterID     int64
	Summary      string
	PartyName    string
	CreditCode   string
	Address      string
	HandlerIDs   []int64
	InspectionID int64
}

// Cases registers a penalty case (the penalty context's 案源登记); service
// implements it over penalty.Service.RegisterCase. It returns the case id.
type Cases interface {
	RegisterReferral(ctx context.Context, a zhifa.Actor, r Referral) (int64, error)
}

// Service is the 行政检查 context.
type Service struct {
	Store    Store
	Registry Registry
	Cases    Cases
	Guard    access.Guard
	Calendar func(ctx context.Context) (*calendar.Calendar, error)
	Now      func() time.Time
	Log      *slog.Logger
	// YearlyCap is the most inspections of one object by one agency in a
	// year (0: DefaultYearlyCap).
	YearlyCap int
	// SeedGap is how many events after its announcement a draw's seed size
	// lies by default (0: 16).
	SeedGap int64
}

func (s *Service) today() zhifa.Date { return zhifa.DateOf(s.Now()) }

func idstr(n int64) string { return strconv.FormatInt(n, 10) }

func (s *Service) agencyOf(a zhifa.Actor, id int64) int64 {
	if id == 0 {
		return a.AgencyID
	}
	return id
}

// ---- 检查事项清单 ----

// CreateItem adds a draft version of an item: version 1 of a new code, or
// the next version of an existing one. Errors: EUNAUTHORIZED, EFORBIDDEN,
// EINVALID.
func (s *Service) CreateItem(ctx context.Context, a zhifa.Actor, it *Item) error {
	it.AgencyID = s.agencyOf(a, it.AgencyID)
	if err := s.Guard.Authorize(ctx, a, access.InspectionManage, it.AgencyID, "inspection_item/new"); err != nil {
		return err
	}
	if p := ValidItem(it); len(p) > 0 {
		return zhifa.Invalid(p)
	}
	code := it.Code
	versions, err := s.Store.FindItems(ctx, ItemFilter{AgencyID: &it.AgencyID, Code: &code})
	if err != nil {
		return err
	}
	it.Version, it.Status, it.EffectiveOn, it.PublishedAt = 1, ItemDraft, zhifa.Date{}, time.Time{}
	for _, v := range versions {
		if v.Status == ItemDraft {
			return zhifa.Errorf(zhifa.ECONFLICT, "检查事项“%s”已有未公布的第 %d 版,请先公布或修改该版本", v.Name, v.Version)
		}
		it.Version = max(it.Version, v.Version+1)
	}
	return s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.CreateItem(it); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "inspection_item.created", Object: "inspection_item/" + idstr(it.ID), Actor: a.Ref(),
			Agency: idstr(it.AgencyID), Attrs: map[string]string{"code": it.Code, "version": strconv.Itoa(it.Version)}})
		return err
	})
}

// PublishItem publishes a draft version with effect from on (zero: today)
// and supersedes the version published before it. Errors: EFORBIDDEN,
// ENOTFOUND, ECONFLICT, EINVALID.
func (s *Service) PublishItem(ctx context.Context, a zhifa.Actor, id int64, on zhifa.Date) (*Item, error) {
	it, err := s.item(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.Guard.Authorize(ctx, a, access.InspectionManage, it.AgencyID, "inspection_item/"+idstr(id)); err != nil {
		return nil, err
	}
	today := s.today()
	if err := Publishable(it, today, on); err != nil {
		return nil, err
	}
	if on.IsZero() {
		on = today
	}
	code := it.Code
	versions, err := s.Store.FindItems(ctx, ItemFilter{AgencyID: &it.AgencyID, Code: &code})
	if err != nil {
		return nil, err
	}
	err = s.Store.Write(ctx, func(tx Tx) error {
		for _, v := range versions {
			if v.Status == ItemPublished {
				v.Status = ItemSuperseded
				if err := tx.UpdateItem(v); err != nil {
					return err
				}
				if _, err := tx.Record(ledger.Event{Type: "inspection_item.superseded", Object: "inspection_item/" + idstr(v.ID), Actor: a.Ref(),
					Agency: idstr(v.AgencyID), Attrs: map[string]string{"by": idstr(it.ID)}}); err != nil {
					return err
				}
			}
		}
		it.Status, it.EffectiveOn, it.PublishedAt = ItemPublished, on, s.Now()
		if err := tx.UpdateItem(it); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "inspection_item.published", Object: "inspection_item/" + idstr(it.ID), Actor: a.Ref(),
			Agency: idstr(it.AgencyID), Attrs: map[string]string{"code": it.Code, "version": strconv.Itoa(it.Version), "effective_on": on.String()}})
		return err
	})
	return it, err
}

func (s *Service) item(ctx context.Context, id int64) (*Item, error) {
	its, err := s.Store.FindItems(ctx, ItemFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(its) == 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "检查事项不存在")
	}
	return its[0], nil
}

// Items returns an agency's items, every version (the workbench).
func (s *Service) Items(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*Item, error) {
	agencyID = s.agencyOf(a, agencyID)
	if err := s.Guard.Authorize(ctx, a, access.InspectionRead, agencyID, "inspection_item/list"); err != nil {
		return nil, err
	}
	return s.Store.FindItems(ctx, ItemFilter{AgencyID: &agencyID})
}

// PublishedItems returns the published items (every agency when agencyID
// is 0) and the superseded versions, dated: the public 检查事项清单.
func (s *Service) PublishedItems(ctx context.Context, agencyID int64) ([]*Item, error) {
	f := ItemFilter{}
	if agencyID != 0 {
		f.AgencyID = &agencyID
	}
	all, err := s.Store.FindItems(ctx, f)
	if err != nil {
		return nil, err
	}
	var out []*Item
	for _, it := range all {
		if it.Status != ItemDraft {
			out = append(out, it)
		}
	}
	return out, nil
}

// ---- 检查对象名录 ----

// CreateObject adds one object to an agency's directory.
func (s *Service) CreateObject(ctx context.Context, a zhifa.Actor, o *Object) error {
	o.AgencyID = s.agencyOf(a, o.AgencyID)
	if err := s.Guard.Authorize(ctx, a, access.InspectionManage, o.AgencyID, "inspection_object/new"); err != nil {
		return err
	}
	if p := ValidObject(o); len(p) > 0 {
		return zhifa.Invalid(p)
	}
	return s.importObjects(ctx, a, o.AgencyID, []*Object{o}, "inspection_object.created")
}

// ImportObjects imports an Excel workbook into an agency's directory: all
// rows or none; a credit code already in the directory is a row error.
// It returns the number of objects imported.
func (s *Service) ImportObjects(ctx context.Context, a zhifa.Actor, agencyID int64, r io.Reader) (int, error) {
	agencyID = s.agencyOf(a, agencyID)
	if err := s.Guard.Authorize(ctx, a, access.InspectionManage, agencyID, "inspection_object/import"); err != nil {
		return 0, err
	}
	objs, err := ReadObjectsXLSX(agencyID, r)
	if err != nil {
		return 0, err
	}
	existing, err := s.Store.FindObjects(ctx, agencyID, nil)
	if err != nil {
		return 0, err
	}
	have := map[string]bool{}
	for _, o := range existing {
		have[o.CreditCode] = true
	}
	var problems []string
	for i, o := range objs {
		if have[o.CreditCode] {
			problems = append(problems, fmt.Sprintf("第 %d 条(%s):统一社会信用代码 %s 已在检查对象名录中", i+1, o.Name, o.CreditCode))
		}
	}
	if len(problems) > 0 {
		return 0, importError(problems)
	}
	return len(objs), s.importObjects(ctx, a, agencyID, objs, "inspection_object.imported")
}

func (s *Service) importObjects(ctx context.Context, a zhifa.Actor, agencyID int64, objs []*Object, typ string) error {
	return s.Store.Write(ctx, func(tx Tx) error {
		for _, o := range objs {
			if err := tx.CreateObject(o); err != nil {
				return err
			}
		}
		obj := "inspection_object/" + idstr(objs[0].ID)
		if len(objs) > 1 {
			obj = "inspection_objects/" + idstr(agencyID)
		}
		_, err := tx.Record(ledger.Event{Type: typ, Object: obj, Actor: a.Ref(), Agency: idstr(agencyID),
			Attrs: map[string]string{"count": strconv.Itoa(len(objs))}})
		return err
	})
}

// Objects returns an agency's directory.
func (s *Service) Objects(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*Object, error) {
	agencyID = s.agencyOf(a, agencyID)
	if err := s.Guard.Authorize(ctx, a, access.InspectionRead, agencyID, "inspection_object/list"); err != nil {
		return nil, err
	}
	return s.Store.FindObjects(ctx, agencyID, nil)
}

// ---- 抽查计划 ----

// CreatePlan drafts a plan for a published item.
func (s *Service) CreatePlan(ctx context.Context, a zhifa.Actor, p *Plan) error {
	p.AgencyID = s.agencyOf(a, p.AgencyID)
	if err := s.Guard.Authorize(ctx, a, access.InspectionManage, p.AgencyID, "inspection_plan/new"); err != nil {
		return err
	}
	p.Title = strings.TrimSpace(p.Title)
	problems := map[string]string{}
	if p.Title == "" || utf8.RuneCountInString(p.Title) > 200 {
		problems["title"] = "请填写计划名称(不超过 200 字)"
	}
	if p.Year < 2000 || p.Year > 2100 {
		problems["year"] = "年度须为四位年份"
	}
	it, err := s.item(ctx, p.ItemID)
	switch {
	case zhifa.ErrorCode(err) == zhifa.ENOTFOUND || err == nil && it.AgencyID != p.AgencyID:
		problems["item_id"] = "请选择本机关的检查事项"
	case err != nil:
		return err
	}
	if len(problems) > 0 {
		return zhifa.Invalid(problems)
	}
	if err := Startable(it, s.today()); err != nil {
		return err
	}
	p.Status, p.ApprovedBy, p.ApprovedOn = PlanDraft, 0, zhifa.Date{}
	return s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.CreatePlan(p); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "inspection_plan.created", Object: "inspection_plan/" + idstr(p.ID), Actor: a.Ref(),
			Agency: idstr(p.AgencyID), Attrs: map[string]string{"item": idstr(p.ItemID), "year": strconv.Itoa(p.Year)}})
		return err
	})
}

// ApprovePlan approves a plan (承办机构负责人).
func (s *Service) ApprovePlan(ctx context.Context, a zhifa.Actor, id int64) (*Plan, error) {
	p, err := s.plan(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.Guard.Authorize(ctx, a, access.InspectionManage, p.AgencyID, "inspection_plan/"+idstr(id)); err != nil {
		return nil, err
	}
	if !a.Has(zhifa.RoleUnitHead) {
		return nil, zhifa.Errorf(zhifa.EFORBIDDEN, "抽查计划须由承办机构负责人批准")
	}
	if p.Status != PlanDraft {
		return nil, zhifa.Errorf(zhifa.ECONFLICT, "抽查计划“%s”已批准", p.Title)
	}
	p.Status, p.ApprovedBy, p.ApprovedOn = PlanApproved, a.UserID, s.today()
	return p, s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.UpdatePlan(p); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "inspection_plan.approved", Object: "inspection_plan/" + idstr(p.ID), Actor: a.Ref(), Agency: idstr(p.AgencyID)})
		return err
	})
}

func (s *Service) plan(ctx context.Context, id int64) (*Plan, error) {
	ps, err := s.Store.FindPlans(ctx, nil, &id)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "抽查计划不存在")
	}
	return ps[0], nil
}

// Plans returns an agency's plans.
func (s *Service) Plans(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*Plan, error) {
	agencyID = s.agencyOf(a, agencyID)
	if err := s.Guard.Authorize(ctx, a, access.InspectionRead, agencyID, "inspection_plan/list"); err != nil {
		return nil, err
	}
	return s.Store.FindPlans(ctx, &agencyID, nil)
}

// ---- 双随机 ----

// DrawInput is the announcement of a draw: the rule, the lists (nil: the
// whole directory and every officer of the agency whose certificate is
// valid) and how many events after the announcement the seed lies (0: the
// service's SeedGap).
type DrawInput struct {
	Objects           int
	OfficersPerObject int
	ObjectIDs         []int64
	OfficerIDs        []int64
	SeedGap           int64
}

// AnnounceDraw fixes and publishes a draw's lists, rule and seed size
// before the seed can be known: the seed is the root hash of the log at a
// size beyond the announcement event. Only the unit head (承办机构负责人)
// starts draws, under an approved plan.
func (s *Service) AnnounceDraw(ctx context.Context, a zhifa.Actor, planID int64, in DrawInput) (*RandomDraw, error) {
	p, err := s.plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	if err := s.Guard.Authorize(ctx, a, access.InspectionManage, p.AgencyID, "inspection_plan/"+idstr(planID)); err != nil {
		return nil, err
	}
	if !a.Has(zhifa.RoleUnitHead) {
		return nil, zhifa.Errorf(zhifa.EFORBIDDEN, "双随机抽取须由承办机构负责人发起")
	}
	if p.Status != PlanApproved {
		return nil, zhifa.Errorf(zhifa.ERULE, "抽查计划“%s”尚未批准,不能抽取(%s:抽查计划经批准后实施)", p.Title, Basis54)
	}
	objs, err := s.Store.FindObjects(ctx, p.AgencyID, in.ObjectIDs)
	if err != nil {
		return nil, err
	}
	if len(in.ObjectIDs) > 0 && len(objs) != len(in.ObjectIDs) {
		return nil, zhifa.Invalid(map[string]string{"object_ids": "所选检查对象不在本机关的检查对象名录中"})
	}
	offs, err := s.Registry.FindOfficers(ctx, registry.OfficerFilter{AgencyID: &p.AgencyID})
	if err != nil {
		return nil, err
	}
	today := s.today()
	d := &RandomDraw{PlanID: p.ID, AgencyID: p.AgencyID, Algorithm: DrawAlgorithm, Rule: DrawRule{Objects: in.Objects, OfficersPerObject: in.OfficersPerObject},
		Status: DrawAnnounced, AnnounceIndex: -1}
	for _, o := range objs {
		d.Objects = append(d.Objects, o.Entry())
	}
	for _, o := range offs {
		if len(in.OfficerIDs) > 0 && !slices.Contains(in.OfficerIDs, o.ID) {
			continue
		}
		if o.Certificate().State(today).Valid() {
			d.Officers = append(d.Officers, Entry{ID: o.ID, Name: o.Name + " " + o.CertNo})
		}
	}
	if len(in.OfficerIDs) > 0 && len(d.Officers) != len(in.OfficerIDs) {
		return nil, zhifa.Invalid(map[string]string{"officer_ids": "所选执法人员须为本机关持有效执法证的人员"})
	}
	d.Objects, d.Officers = SortedEntries(d.Objects), SortedEntries(d.Officers)
	if pr := CheckDrawRule(d.Rule, d.Objects, d.Officers); len(pr) > 0 {
		return nil, zhifa.Invalid(pr)
	}
	it, err := s.item(ctx, p.ItemID)
	if err != nil {
		return nil, err
	}
	if err := CheckRatio(it.Ratio, len(d.Objects), d.Rule.Objects); err != nil {
		return nil, err
	}
	d.ObjectsDigest, d.OfficersDigest = ListDigest(d.Objects), ListDigest(d.Officers)
	gap := in.SeedGap
	if gap == 0 {
		gap = s.SeedGap
	}
	if gap == 0 {
		gap = 16
	}
	err = s.Store.Write(ctx, func(tx Tx) error {
		size, err := tx.LogSize()
		if err != nil {
			return err
		}
		d.SeedSize = size + gap
		if err := CheckAnnouncement(size, d.SeedSize); err != nil {
			return err
		}
		if err := tx.CreateDraw(d); err != nil {
			return err
		}
		idx, err := tx.Record(ledger.Event{Type: "inspection_draw.announced", Object: "inspection_draw/" + idstr(d.ID), Actor: a.Ref(), Agency: idstr(d.AgencyID),
			Attrs: map[string]string{"algorithm": d.Algorithm, "objects_digest": d.ObjectsDigest, "officers_digest": d.OfficersDigest,
				"objects": strconv.Itoa(d.Rule.Objects), "officers_per_object": strconv.Itoa(d.Rule.OfficersPerObject),
				"seed_size": strconv.FormatInt(d.SeedSize, 10), "plan": idstr(d.PlanID)}})
		if err != nil {
			return err
		}
		d.AnnounceIndex = idx
		return tx.UpdateDraw(d)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// PerformDraw draws once the log has reached the announced size: the seed
// is the root hash of its first SeedSize leaves. Anyone may then recompute
// the draw (Verify).
func (s *Service) PerformDraw(ctx context.Context, a zhifa.Actor, id int64) (*RandomDraw, error) {
	d, err := s.Draw(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.Guard.Authorize(ctx, a, access.InspectionManage, d.AgencyID, "inspection_draw/"+idstr(id)); err != nil {
		return nil, err
	}
	if d.Status != DrawAnnounced {
		return nil, zhifa.Errorf(zhifa.ECONFLICT, "该次抽取已完成,结果不得重抽")
	}
	err = s.Store.Write(ctx, func(tx Tx) error {
		size, err := tx.LogSize()
		if err != nil {
			return err
		}
		if size < d.SeedSize {
			return zhifa.Errorf(zhifa.ECONFLICT, "台账尚未达到公告的规模 %d(目前 %d),随机种子尚未产生,请稍后抽取", d.SeedSize, size)
		}
		root, err := tx.TreeHash(d.SeedSize)
		if err != nil {
			return err
		}
		res, err := Draw(d.Objects, d.Officers, d.Rule, root[:])
		if err != nil {
			return err
		}
		d.Seed, d.Result, d.Status = fmt.Sprintf("%x", root[:]), res, DrawDone
		if err := tx.UpdateDraw(d); err != nil {
			return err
		}
		_, err = tx.Record(ledger.Event{Type: "inspection_draw.drawn", Object: "inspection_draw/" + idstr(d.ID), Actor: a.Ref(), Agency: idstr(d.AgencyID),
			Attrs: map[string]string{"seed": d.Seed, "seed_size": strconv.FormatInt(d.SeedSize, 10)}})
		return err
	})
	return d, err
}

// Draw returns a draw; draws are public.
func (s *Service) Draw(ctx context.Context, id int64) (*RandomDraw, error) {
	ds, err := s.Store.FindDraws(ctx, nil, &id)
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "抽取记录不存在")
	}
	return ds[0], nil
}

// Draws returns the draws (of one agency when agencyID is not 0); public.
func (s *Service) Draws(ctx context.Context, agencyID int64) ([]*RandomDraw, error) {
	if agencyID == 0 {
		return s.Store.FindDraws(ctx, nil, nil)
	}
	return s.Store.FindDraws(ctx, &agencyID, nil)
}

// ---- 检查 ----

// StartInput starts an inspection.
type StartInput struct {
	AgencyID int64
	ItemID   int64
	ObjectID int64
	DrawID   int64 // the draw the object came from, 0 if none
	Reason   string
	Joint    string // 综合查一次编号
}

// StepInput is a step of an inspection.
type StepInput struct {
	Action     Action
	Fields     map[string]string
	OfficerIDs []int64
}

// StepResult is a recorded step and what the user must know.
type StepResult struct {
	Inspection *Inspection
	Step       *Step
	Notice     string
}

// Start starts an inspection: the item must be published and in effect,
// the object in the directory, and the yearly cap not reached; a repeated
// inspection is allowed with a warning, which the result carries.
func (s *Service) Start(ctx context.Context, a zhifa.Actor, in StartInput) (*StepResult, error) {
	in.AgencyID = s.agencyOf(a, in.AgencyID)
	if err := s.Guard.Authorize(ctx, a, access.InspectionStep, in.AgencyID, "inspection/new"); err != nil {
		return nil, err
	}
	problems := map[string]string{}
	it, err := s.item(ctx, in.ItemID)
	if zhifa.ErrorCode(err) == zhifa.ENOTFOUND || err == nil && it.AgencyID != in.AgencyID {
		problems["item_id"] = "请选择本机关的检查事项"
	} else if err != nil {
		return nil, err
	}
	objs, err := s.Store.FindObjects(ctx, in.AgencyID, []int64{in.ObjectID})
	if err != nil {
		return nil, err
	}
	if in.ObjectID == 0 || len(objs) == 0 {
		problems["object_id"] = "请选择本机关检查对象名录中的对象"
	}
	in.Joint = strings.TrimSpace(in.Joint)
	if utf8.RuneCountInString(in.Joint) > 40 {
		problems["joint"] = "综合查一次编号不得超过 40 个字"
	}
	if in.DrawID != 0 {
		d, err := s.Draw(ctx, in.DrawID)
		if err != nil || d.AgencyID != in.AgencyID || d.Status != DrawDone || !slices.ContainsFunc(d.Result, func(x Assignment) bool { return x.ObjectID == in.ObjectID }) {
			problems["draw_id"] = "该对象不在所选抽取的结果中"
		}
	}
	if len(problems) > 0 {
		return nil, zhifa.Invalid(problems)
	}
	actor, err := s.actorOfficer(ctx, a, in.AgencyID)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	today := zhifa.DateOf(now)
	ins := &Inspection{AgencyID: in.AgencyID, ItemID: in.ItemID, ObjectID: in.ObjectID, DrawID: in.DrawID, Joint: in.Joint, Year: today.Y, Stage: Unstarted, OpenedOn: today}
	var res *StepResult
	err = s.Store.Write(ctx, func(tx Tx) error {
		past, err := tx.PastInspections(in.AgencyID, in.ObjectID, today.Y)
		if err != nil {
			return err
		}
		warning, capErr := CheckCap(past, Past{AgencyID: in.AgencyID, ObjectID: in.ObjectID, Year: today.Y, Joint: in.Joint}, s.YearlyCap)
		c := Case{State: procedure.State{Stage: Unstarted, AgencyID: in.AgencyID}, ItemRefusal: Startable(it, today), CapRefusal: capErr}
		r, err := procedure.Apply(Table, c, procedure.Request{Action: Start, ActorRoles: a.Roles, ActorUserID: a.UserID, ActorOfficer: actor, Today: now,
			Fields: map[string]string{"reason": in.Reason, "joint": in.Joint}})
		if err != nil {
			return err
		}
		ins.Stage, ins.Warning = r.Next, warning
		if err := tx.CreateInspection(ins); err != nil {
			return err
		}
		res, err = s.writeStep(tx, a, ins, Start, r, nil)
		res.Notice = warning
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// actorOfficer returns the acting user's officer record for the rules.
func (s *Service) actorOfficer(ctx context.Context, a zhifa.Actor, agencyID int64) (*procedure.Officer, error) {
	if a.OfficerID == 0 {
		return nil, nil
	}
	os, err := s.officers(ctx, []int64{a.OfficerID})
	if err != nil || len(os) == 0 {
		return nil, err
	}
	return &os[0], nil
}

func (s *Service) officers(ctx context.Context, ids []int64) ([]procedure.Officer, error) {
	var out []procedure.Officer
	for _, id := range ids {
		id := id
		os, err := s.Registry.FindOfficers(ctx, registry.OfficerFilter{ID: &id})
		if err != nil {
			return nil, err
		}
		if len(os) == 0 {
			return nil, zhifa.Invalid(map[string]string{"officer_ids": fmt.Sprintf("执法人员 %d 不存在", id)})
		}
		o := os[0]
		out = append(out, procedure.Officer{ID: o.ID, Name: o.Name, Cert: o.Certificate(), LegalQualification: o.LegalQualification})
	}
	return out, nil
}

// Inspection returns an inspection and its steps.
func (s *Service) Inspection(ctx context.Context, a zhifa.Actor, id int64) (*Inspection, []*Step, error) {
	ins, err := s.inspection(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if err := s.Guard.Authorize(ctx, a, access.InspectionRead, ins.AgencyID, "inspection/"+idstr(id)); err != nil {
		return nil, nil, err
	}
	steps, err := s.Store.FindInspectionSteps(ctx, id)
	return ins, steps, err
}

func (s *Service) inspection(ctx context.Context, id int64) (*Inspection, error) {
	is, err := s.Store.FindInspections(ctx, InspectionFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(is) == 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "检查记录不存在")
	}
	return is[0], nil
}

// Inspections returns an agency's inspections.
func (s *Service) Inspections(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*Inspection, error) {
	agencyID = s.agencyOf(a, agencyID)
	if err := s.Guard.Authorize(ctx, a, access.InspectionRead, agencyID, "inspection/list"); err != nil {
		return nil, err
	}
	return s.Store.FindInspections(ctx, InspectionFilter{AgencyID: &agencyID})
}

// Next returns the actions a may take on ins now.
func (s *Service) Next(a zhifa.Actor, ins *Inspection) []Action {
	if a.AgencyID != ins.AgencyID {
		return nil
	}
	return procedure.Next(Table, Case{State: procedure.State{Stage: ins.Stage, AgencyID: ins.AgencyID}, Outcome: ins.Outcome}, a.Roles)
}

// RecordStep records a step of an inspection (every action but Start).
func (s *Service) RecordStep(ctx context.Context, a zhifa.Actor, id int64, in StepInput) (*StepResult, error) {
	ins, err := s.inspection(ctx, id)
	if err != nil {
		if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
			if aerr := s.Guard.Authorize(ctx, a, access.InspectionRead, a.AgencyID, "inspection/"+idstr(id)); aerr != nil {
				return nil, aerr
			}
		}
		return nil, err
	}
	if err := s.Guard.Authorize(ctx, a, access.InspectionStep, ins.AgencyID, "inspection/"+idstr(id)); err != nil {
		return nil, err
	}
	if in.Action == Start {
		return nil, zhifa.Errorf(zhifa.ECONFLICT, "检查已启动")
	}
	actor, err := s.actorOfficer(ctx, a, ins.AgencyID)
	if err != nil {
		return nil, err
	}
	offs, err := s.officers(ctx, in.OfficerIDs)
	if err != nil {
		return nil, err
	}
	if in.Action == OnSite && ins.DrawID != 0 {
		d, err := s.Draw(ctx, ins.DrawID)
		if err != nil {
			return nil, err
		}
		if err := CheckDrawnOfficers(d.Result, ins.ObjectID, in.OfficerIDs); err != nil {
			return nil, err
		}
	}
	now := s.Now()
	c := Case{State: procedure.State{Stage: ins.Stage, AgencyID: ins.AgencyID}, Outcome: ins.Outcome}
	r, err := procedure.Apply(Table, c, procedure.Request{Action: in.Action, ActorRoles: a.Roles, ActorUserID: a.UserID, ActorOfficer: actor,
		Officers: offs, Today: now, Fields: in.Fields})
	if err != nil {
		return nil, err
	}
	today := zhifa.DateOf(now)
	switch in.Action {
	case OnSite:
		ins.OfficerIDs = slices.Compact(slices.Sorted(slices.Values(in.OfficerIDs)))
	case Result:
		ins.Outcome, ins.ResultOn = r.Fields["outcome"], today
		if err := s.checkPublic(ctx, ins, r.Fields["public_summary"]); err != nil {
			return nil, err
		}
		ins.PublicSummary = r.Fields["public_summary"]
		if ins.PublishDue, err = s.publishDue(ctx, today); err != nil {
			return nil, err
		}
	case Refer:
		if s.Cases == nil {
			return nil, errors.New("inspection: no penalty service to refer to")
		}
		matter, err := strconv.ParseInt(r.Fields["matter"], 10, 64)
		if err != nil {
			return nil, zhifa.Invalid(map[string]string{"matter": "请选择处罚执法事项"})
		}
		objs, err := s.Store.FindObjects(ctx, ins.AgencyID, []int64{ins.ObjectID})
		if err != nil || len(objs) == 0 {
			return nil, fmt.Errorf("inspection %d: object %d: %v", ins.ID, ins.ObjectID, err)
		}
		summary := fmt.Sprintf("行政检查(检查记录 %d,检查事项“%s”)发现违法线索:%s", ins.ID, ins.ItemName, r.Fields["summary"])
		caseID, err := s.Cases.RegisterReferral(ctx, a, Referral{AgencyID: ins.AgencyID, MatterID: matter, Summary: summary, PartyName: objs[0].Name,
			CreditCode: objs[0].CreditCode, Address: objs[0].Address, HandlerIDs: ins.OfficerIDs, InspectionID: ins.ID})
		if err != nil {
			return nil, err
		}
		ins.PenaltyCaseID = caseID
		r.Fields["case_id"] = idstr(caseID)
	case Publish:
		ins.PublishedOn = today
		if !ins.PublishDue.IsZero() && today.After(ins.PublishDue) {
			r.Notice = fmt.Sprintf("已逾期公示:检查结果应于 %s 前公示(三项制度 二(四))", ins.PublishDue)
		}
	}
	ins.Stage = r.Next
	var res *StepResult
	err = s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.UpdateInspection(ins); err != nil {
			return err
		}
		res, err = s.writeStep(tx, a, ins, in.Action, r, ins.OfficerIDs)
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// checkPublic refuses a public summary in which the redaction engine finds
// personal data: the published result must hold none (三项制度 二(四)).
func (s *Service) checkPublic(ctx context.Context, ins *Inspection, text string) error {
	pol, _ := redact.PolicyFor("检查")
	_, rep := redact.Redact(text, pol, redact.Known{Keep: []string{ins.AgencyName, ins.ObjectName}})
	if len(rep.Findings) > 0 {
		var kinds []string
		for _, f := range rep.Findings {
			kinds = append(kinds, string(f.Kind))
		}
		return zhifa.Invalid(map[string]string{"public_summary": "公示的检查结果不得含有个人身份证号、电话、住址等个人隐私(三项制度 二(四)),检出:" + strings.Join(slices.Compact(kinds), "、")})
	}
	return nil
}

// publishDue is the last day to publish a result of today: G4b, 20 working
// days (其他执法决定公示期限).
func (s *Service) publishDue(ctx context.Context, today zhifa.Date) (zhifa.Date, error) {
	if s.Calendar == nil {
		return zhifa.Date{}, nil
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return zhifa.Date{}, err
	}
	rule, ok := deadline.Lookup("G4b")
	if !ok {
		return zhifa.Date{}, errors.New("inspection: deadline rule G4b missing")
	}
	return deadline.Due(cal, rule, today, nil)
}

func (s *Service) writeStep(tx Tx, a zhifa.Actor, ins *Inspection, act Action, r procedure.Result, officers []int64) (*StepResult, error) {
	st := &Step{InspectionID: ins.ID, Action: act, Stage: r.Next, ActorUserID: a.UserID, OfficerIDs: officers, Fields: r.Fields}
	if err := tx.CreateInspectionStep(st); err != nil {
		return nil, err
	}
	attrs := map[string]string{"action": string(act), "stage": string(r.Next), "seq": strconv.Itoa(st.Seq)}
	if act == Start {
		attrs["item"], attrs["object"] = idstr(ins.ItemID), idstr(ins.ObjectID)
	}
	if ins.PenaltyCaseID != 0 && act == Refer {
		attrs["case"] = idstr(ins.PenaltyCaseID)
	}
	if _, err := tx.Record(ledger.Event{Type: "inspection." + string(act), Object: "inspection/" + idstr(ins.ID), Actor: a.Ref(),
		Agency: idstr(ins.AgencyID), Attrs: attrs}); err != nil {
		return nil, err
	}
	return &StepResult{Inspection: ins, Step: st, Notice: r.Notice}, nil
}

// PublishedResults returns the published inspection results (检查结果公示),
// newest first; public, without personal data.
func (s *Service) PublishedResults(ctx context.Context, agencyID int64) ([]PublicResult, error) {
	st := Published
	f := InspectionFilter{Stage: &st}
	if agencyID != 0 {
		f.AgencyID = &agencyID
	}
	is, err := s.Store.FindInspections(ctx, f)
	if err != nil {
		return nil, err
	}
	var out []PublicResult
	for _, i := range is {
		out = append(out, PublicResult{ID: i.ID, AgencyID: i.AgencyID, AgencyName: i.AgencyName, ItemName: i.ItemName, ObjectName: i.ObjectName,
			OpenedOn: i.OpenedOn, ResultOn: i.ResultOn, PublishedOn: i.PublishedOn, Outcome: i.Outcome, Summary: i.PublicSummary})
	}
	slices.SortFunc(out, func(a, b PublicResult) int { return b.PublishedOn.Compare(a.PublishedOn)*2 + cmpID(b.ID, a.ID) })
	return out, nil
}

func cmpID(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
