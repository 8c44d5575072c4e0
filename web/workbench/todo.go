package workbench

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
)

// 待办 (issue 16, item 1): what this user must do now, then what is due
// soon. Each item links to the form that does it: a case step to its form
// on the case page (#form-<action>), a pending publication to its row on
// the publications page, an overdue time limit to its case. The list is
// derived, never stored: the procedure's table (penalty.CaseDetail.Next,
// which already leaves out a reviewer who took part in the case), the open
// time limits (DeadlineItems) and the agency's pending publications.

// TodoService reads what the to-do list is made of (service.Service).
type TodoService interface {
	Cases(ctx context.Context, a zhifa.Actor, f penalty.CaseListFilter) ([]*zhifa.Case, error)
	Case(ctx context.Context, a zhifa.Actor, id int64) (*penalty.CaseDetail, error)
	DeadlineItems(ctx context.Context, a zhifa.Actor, today calendar.Date) ([]service.DeadlineItem, error)
	AgencyPublications(ctx context.Context, a zhifa.Actor, status string) ([]*publicity.Publication, error)
	Today() zhifa.Date
}

// Todo is one item of a to-do list.
type Todo struct {
	Kind    string // 办案环节, 法制审核, 作出决定, 决定公示, 期限
	Title   string
	Detail  string
	Href    string
	Due     string // YYYY-MM-DD, "" if none
	Overdue bool
}

// TodoList is a user's to-do list: Now (must do now, overdue first), Soon
// (time limits due within deadline.DefaultSoonWorkdays working days).
type TodoList struct {
	Now  []Todo
	Soon []Todo
}

// Count is the number of items to do now, for the menu's counter.
func (l TodoList) Count() int { return len(l.Now) }

// todoCaseLimit bounds the cases read for one list.
const todoCaseLimit = 300

// terminal stages have nothing left to do.
var terminal = []penalty.Stage{penalty.Archived, penalty.Rejected, penalty.Dismissed}

// Todos builds to-do lists.
type Todos struct {
	svc        TodoService
	complaints DeskService // todo_desk.go; nil: none
	opinions   OpinionDesk
}

// NewTodos returns the to-do lists over svc.
func NewTodos(svc TodoService) *Todos { return &Todos{svc: svc} }

// List returns a's to-do list today.
func (t *Todos) List(ctx context.Context, a zhifa.Actor) (TodoList, error) {
	var l TodoList
	today := t.svc.Today()
	todayS := today.String()
	branch := map[penalty.Action]bool{}
	names := map[penalty.Action]string{}
	for _, tr := range penalty.Actions() {
		branch[tr.Action], names[tr.Action] = tr.Branch, tr.Name
	}
	// Steps waiting for this user's roles on the agency's open cases; an
	// officer's own cases (as handler) only.
	if access.Allowed(a, access.CaseStep, a.AgencyID) || access.Allowed(a, access.CaseApprove, a.AgencyID) ||
		access.Allowed(a, access.CaseReview, a.AgencyID) || access.Allowed(a, access.CaseDecide, a.AgencyID) {
		cases, err := t.svc.Cases(ctx, a, penalty.CaseListFilter{AgencyID: a.AgencyID, Limit: todoCaseLimit})
		if err != nil {
			return l, err
		}
		for _, c := range cases {
			if slices.Contains(terminal, penalty.Stage(c.Stage)) {
				continue
			}
			d, err := t.svc.Case(ctx, a, c.ID)
			if err != nil {
				return l, err
			}
			onlyOfficer := a.Has(zhifa.RoleOfficer) && len(a.Roles) == 1
			if onlyOfficer && a.OfficerID != 0 && !slices.Contains(c.HandlerIDs, a.OfficerID) {
				continue
			}
			due, late := nextDue(d.Deadlines, today)
			for _, act := range d.Next {
				if branch[act] {
					continue
				}
				kind := "办案环节"
				switch act {
				case penalty.Review:
					kind = "法制审核"
				case penalty.Decide:
					kind = "作出决定"
				}
				l.Now = append(l.Now, Todo{Kind: kind, Title: "案件 " + c.Number + ":" + names[act], Detail: "当前阶段:" + penalty.StageName(penalty.Stage(c.Stage)),
					Href: "/workbench/cases/" + strconv.FormatInt(c.ID, 10) + "#form-" + string(act), Due: due, Overdue: late})
			}
		}
	}
	// Publications due (事后公开, 7 working days after the decision).
	if access.Allowed(a, access.PublicationEdit, a.AgencyID) {
		ps, err := t.svc.AgencyPublications(ctx, a, publicity.StatusPending)
		if err != nil {
			return l, err
		}
		for _, p := range ps {
			l.Now = append(l.Now, Todo{Kind: "决定公示", Title: "公示 " + p.Number, Detail: "行政处罚决定作出后 7 个工作日内公示",
				Href: "/workbench/publications#publication-" + strconv.FormatInt(p.ID, 10), Due: zhifa.FormatDate(p.DueOn), Overdue: p.Overdue(todayS)})
		}
	}
	// Time limits: overdue ones to do now, the others due soon.
	items, err := t.svc.DeadlineItems(ctx, a, today)
	if err != nil && zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
		return l, err
	}
	for _, it := range items {
		if a.Has(zhifa.RoleOfficer) && len(a.Roles) == 1 && it.Responsible != 0 && !it.Mine {
			continue
		}
		td := Todo{Kind: "期限", Title: it.Rule.Name, Detail: it.AgencyName + " · " + it.Standing(today), Due: it.Due.String(), Overdue: it.Status == deadline.Overdue}
		if it.CaseID != 0 {
			td.Title = "案件 " + it.CaseNumber + ":" + it.Rule.Name
			td.Href = "/workbench/cases/" + strconv.FormatInt(it.CaseID, 10)
		}
		if td.Overdue {
			l.Now = append(l.Now, td)
		} else {
			l.Soon = append(l.Soon, td)
		}
	}
	if err := t.adminTodos(ctx, a, &l); err != nil {
		return l, err
	}
	if err := t.deskTodos(ctx, a, today, &l); err != nil {
		return l, err
	}
	for _, s := range [][]Todo{l.Now, l.Soon} {
		sort.SliceStable(s, func(i, j int) bool {
			if s[i].Overdue != s[j].Overdue {
				return s[i].Overdue
			}
			if (s[i].Due == "") != (s[j].Due == "") {
				return s[i].Due != ""
			}
			return s[i].Due < s[j].Due
		})
	}
	return l, nil
}

// nextDue is the earliest open time limit of a case and whether it is past.
func nextDue(ds []penalty.CaseDeadline, today zhifa.Date) (string, bool) {
	due := ""
	for _, d := range ds {
		if d.MetAt != "" || d.Due == "" {
			continue
		}
		if due == "" || d.Due < due {
			due = d.Due
		}
	}
	return due, due != "" && due < today.String()
}

// AdminTodoService is what the administrators' to-dos read
// (service.Service); a TodoService that lacks it gives them none.
type AdminTodoService interface {
	ListUsers(ctx context.Context, a zhifa.Actor) ([]*identity.User, error)
	Officers(ctx context.Context, f registry.OfficerFilter) ([]*registry.Officer, error)
	AuditEvents(ctx context.Context, a zhifa.Actor, f service.AuditFilter) ([]service.AuditEvent, error)
}

// adminTodos are the three administrators' to-dos: officers in the
// registry without a login (system administrator), accounts without a role
// (security administrator), refused operations of the last week (audit
// administrator).
func (t *Todos) adminTodos(ctx context.Context, a zhifa.Actor, l *TodoList) error {
	svc, ok := t.svc.(AdminTodoService)
	if !ok {
		return nil
	}
	if access.Allowed(a, access.UserManage, 0) || access.Allowed(a, access.RoleAssign, 0) {
		users, err := svc.ListUsers(ctx, a)
		if err != nil {
			return err
		}
		if access.Allowed(a, access.UserManage, 0) {
			officers, err := svc.Officers(ctx, registry.OfficerFilter{})
			if err != nil {
				return err
			}
			for _, o := range officers {
				if o.Certificate().State(t.svc.Today()).Valid() && !slices.ContainsFunc(users, func(u *identity.User) bool { return u.OfficerID == o.ID }) {
					l.Now = append(l.Now, Todo{Kind: "账号", Title: "为执法人员" + o.Name + "创建登录账号", Detail: o.AgencyName + " · 执法证号 " + o.CertNo,
						Href: adminPath + "#new-h"})
				}
			}
		}
		if access.Allowed(a, access.RoleAssign, 0) {
			for _, u := range users {
				if len(u.Roles) == 0 && !u.Disabled {
					l.Now = append(l.Now, Todo{Kind: "角色", Title: "为账号" + u.Username + "(" + u.Name + ")授予角色", Detail: "新建账号尚无角色,不能办理任何事项",
						Href: adminPath + "#user-" + strconv.FormatInt(u.ID, 10)})
				}
			}
		}
	}
	if access.Allowed(a, access.AuditRead, 0) && !a.Has(zhifa.RoleSupervisor) {
		from := t.svc.Today().Add(-7).Time(chinaTime)
		evs, err := svc.AuditEvents(ctx, a, service.AuditFilter{Type: "access.denied", From: from, Limit: 100})
		if err != nil {
			return err
		}
		if len(evs) > 0 {
			l.Now = append(l.Now, Todo{Kind: "审计", Title: "核查近 7 日的 " + strconv.Itoa(len(evs)) + " 次越权操作", Detail: "被拒绝的操作均记入台账,请核查是否异常",
				Href: "/workbench/audit?type=access.denied&from=" + t.svc.Today().Add(-7).String()})
		}
	}
	return nil
}

var chinaTime = time.FixedZone("CST", 8*3600)
