// Package access decides who may do what: one pure function over the actor's
// roles and agency and the operation's agency, table-tested for every role ×
// operation. Services call it before every read of non-public data and every
// change; pages and handlers never decide access themselves.
//
// Imports: the root package zhifa only.
package access

import (
	"strings"

	"github.com/zhifa/zhifa"
)

// Op is an operation subject to authorization.
type Op string

// Operations.
const (
	PortalRead          Op = "portal.read"          // public portal, officer verification
	CaseRead            Op = "case.read"            // read a case, its steps and evidence
	CaseCreate          Op = "case.create"          // 案源登记, 立案 request
	CaseStep            Op = "case.step"            // record investigation and procedure steps
	CaseApprove         Op = "case.approve"         // 承办机构负责人: approve 立案, submit for review
	CaseReview          Op = "case.review"          // 法制审核
	CaseDecide          Op = "case.decide"          // 机关负责人: approve and sign the decision
	PublicationEdit     Op = "publication.edit"     // confirm redactions and publish
	PublicationWithdraw Op = "publication.withdraw" // 机关负责人: take a published decision down (撤回)
	RegistryManage      Op = "registry.manage"      // agencies, officers, matters
	UserManage          Op = "user.manage"          // create, disable users, reset passwords (系统管理员)
	RoleAssign          Op = "role.assign"          // assign roles (安全管理员)
	AuditRead           Op = "audit.read"           // the audit trail
	Supervise           Op = "supervise"            // dashboards across agencies
	CalendarManage      Op = "calendar.manage"      // official holiday schedules
	WorkbenchEnter      Op = "workbench.enter"      // any logged-in user
	ComplaintHandle     Op = "complaint.handle"     // read, accept, decline and answer 投诉举报
	OpinionReply        Op = "opinion.reply"        // 机关负责人: read and answer the 司法局's supervision opinions
	CatalogManage       Op = "catalog.manage"       // publish the 法制审核目录清单 and the floor of subordinates
	ReviewExtend        Op = "review.extend"        // 机关负责人: approve extending a review time limit

	// 行政检查 (package inspection).
	InspectionRead   Op = "inspection.read"   // read inspections, the object directory, plans and draws
	InspectionManage Op = "inspection.manage" // 检查事项清单, 检查对象名录, plans, 双随机 draws
	InspectionStep   Op = "inspection.step"   // start an inspection and record its steps
)

// Ops lists every operation, for tests and documentation.
var Ops = []Op{PortalRead, CaseRead, CaseCreate, CaseStep, CaseApprove, CaseReview, CaseDecide, PublicationEdit,
	PublicationWithdraw, RegistryManage, UserManage, RoleAssign, AuditRead, Supervise, CalendarManage, WorkbenchEnter, ComplaintHandle, OpinionReply,
	CatalogManage, ReviewExtend,
	InspectionRead, InspectionManage, InspectionStep}

// scope says whose objects a role may touch with an operation.
type scope int

const (
	none scope = iota
	own        // objects of the actor's own agency
	all        // objects of any agency
)

// grants is the authorization table: role → operation → scope.
var grants = map[zhifa.Role]map[Op]scope{
	zhifa.RoleOfficer:    {CaseRead: own, CaseCreate: own, CaseStep: own, PublicationEdit: own, InspectionRead: own, InspectionStep: own},
	zhifa.RoleUnitHead:   {CaseRead: own, CaseApprove: own, PublicationEdit: own, ComplaintHandle: own, InspectionRead: own, InspectionManage: own, InspectionStep: own},
	zhifa.RoleReviewer:   {CaseRead: own, CaseReview: own, CatalogManage: own, InspectionRead: own},
	zhifa.RoleAgencyHead: {CaseRead: own, CaseDecide: own, PublicationEdit: own, PublicationWithdraw: own, ComplaintHandle: own, OpinionReply: own, ReviewExtend: own, InspectionRead: own, InspectionManage: own},
	zhifa.RoleSupervisor: {CaseRead: all, Supervise: all, AuditRead: all, ComplaintHandle: all, InspectionRead: all},
	zhifa.RoleSysAdmin:   {RegistryManage: all, UserManage: all, CalendarManage: all, CatalogManage: all},
	zhifa.RoleSecAdmin:   {RoleAssign: all},
	zhifa.RoleAuditor:    {AuditRead: all},
}

var opNames = map[Op]string{
	PortalRead: "查阅公示信息", CaseRead: "查阅案件", CaseCreate: "登记案件", CaseStep: "记录执法环节",
	CaseApprove: "审批(承办机构)", CaseReview: "法制审核", CaseDecide: "作出决定", PublicationEdit: "编辑公示",
	PublicationWithdraw: "撤回公示",
	RegistryManage:      "管理基础库", UserManage: "管理用户", RoleAssign: "分配角色", AuditRead: "查阅审计记录",
	Supervise: "执法监督", CalendarManage: "管理工作日历", WorkbenchEnter: "进入工作台",
	ComplaintHandle: "办理投诉举报", OpinionReply: "答复执法监督意见",
	CatalogManage: "制定法制审核目录清单", ReviewExtend: "批准延长法制审核期限",
	InspectionRead: "查阅行政检查", InspectionManage: "管理检查事项、对象与抽查计划", InspectionStep: "实施行政检查",
}

// Name returns the Chinese name of the operation.
func (o Op) Name() string { return opNames[o] }

// Check returns nil if a may perform op on an object of agencyID (0 for
// objects that belong to no agency), an EUNAUTHORIZED error for the public
// on a non-public operation, and an EFORBIDDEN error otherwise.
func Check(a zhifa.Actor, op Op, agencyID int64) error {
	if op == PortalRead {
		return nil
	}
	if a.Public() {
		return zhifa.Errorf(zhifa.EUNAUTHORIZED, "请先登录后再%s", op.Name())
	}
	if a.System != "" {
		switch op {
		case UserManage, RoleAssign, RegistryManage, CalendarManage, CatalogManage:
			return nil
		}
		return zhifa.Errorf(zhifa.EFORBIDDEN, "控制台不能%s", op.Name())
	}
	if op == WorkbenchEnter {
		return nil
	}
	for _, r := range a.Roles {
		switch grants[r][op] {
		case all:
			return nil
		case own:
			if agencyID != 0 && agencyID == a.AgencyID {
				return nil
			}
		}
	}
	return zhifa.Errorf(zhifa.EFORBIDDEN, "无权%s:%s", op.Name(), WhoMay(op))
}

// WhoMay says in Chinese who may perform op, from the grants table, e.g.
// "只有本机关的机关负责人可以撤回公示", so that a refusal names whom to ask.
func WhoMay(op Op) string {
	var owners, anyone []string
	for _, r := range zhifa.AllRoles {
		switch grants[r][op] {
		case own:
			owners = append(owners, r.Name())
		case all:
			anyone = append(anyone, r.Name())
		}
	}
	var who []string
	if len(owners) > 0 {
		who = append(who, "本机关的"+strings.Join(owners, "、"))
	}
	who = append(who, anyone...)
	if len(who) == 0 {
		return "您的角色或所属单位不允许此操作"
	}
	return "只有" + strings.Join(who, "或") + "可以" + op.Name()
}

// Allowed is Check as a boolean, for showing or hiding links.
func Allowed(a zhifa.Actor, op Op, agencyID int64) bool { return Check(a, op, agencyID) == nil }

// RolesConflict returns a message if roles may not be held together: the
// three administrator roles are separated (三员分立), and an administrator
// holds no enforcement role.
func RolesConflict(roles []zhifa.Role) string {
	admins, others := 0, 0
	for _, r := range roles {
		if r.IsAdmin() {
			admins++
		} else {
			others++
		}
	}
	switch {
	case admins > 1:
		return "系统管理员、安全管理员、审计管理员须由不同人员担任(三员分立),同一用户不得兼任"
	case admins == 1 && others > 0:
		return "管理员账号不得兼任执法、审核或监督角色"
	}
	return ""
}
