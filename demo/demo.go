// Package demo loads the demonstration data of `zhifa demo`: the agencies of
// 汉阴县 (Shaanxi, 610921), their people with every role, their registry
// data — officers with certificates in every state and each agency's 权责清单
// citing the articles of law in force — and about twenty penalty cases of
// five agencies in every stage of the procedure (cases.go): rejected and
// withdrawn ones, a hearing, reviews that returned a case, evidence files,
// decisions published on the portal (one corrected, one withdrawn after its
// revocation in 行政复议) and some still waiting, with time limits overdue
// and due soon. Everything goes through the same services the
// workbench uses, so every rule of law applies and every step is in the
// ledger. The cases unfold over the two months before the demo's today,
// the date the service's clock reads when Load is called (`zhifa demo
// --today`): the first load runs on a clock set back at least sixty days
// that moves forward, working day by working day, as the story goes. Every
// date of the story — certificates' validity, the working days steps fall
// on, their time limits, decision and file numbers — is computed from that
// today and the calendar, so the demo is the same story on any date whose
// calendar years are loaded.
//
// All identities are synthetic; their check digits are valid.
package demo

import (
	"context"
	"fmt"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/idcode"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
)

// Password is the password of every demo account.
const Password = "Hanyin-Yanshi-2026"

// Account is a demo login, printed by `zhifa demo`.
type Account struct {
	Username string
	Name     string
	Agency   string
	Roles    []zhifa.Role
}

// creditCode builds a valid 统一社会信用代码 for a county body: 1 (机构编制)
// 1 (机关), region, a 9-character organisation code, the check character.
func creditCode(kind string, region string, org string) string {
	first := kind + region + org
	return first + string(idcode.CreditCheckChar(first))
}

type agencySeed struct {
	key, name, short, kind, org, basis, address, phone string
	supervisor                                         bool
}

var agencySeeds = []agencySeed{
	{"sfj", "汉阴县司法局", "汉阴司法", registry.AgencyAdministrative, "MB1A00017", "《中华人民共和国行政处罚法》;《陕西省行政执法监督条例》", "汉阴县城关镇新民街 18 号", "0915-5212345", true},
	{"scj", "汉阴县市场监督管理局", "汉阴市监", registry.AgencyAdministrative, "MB1A00025", "《中华人民共和国食品安全法》;《中华人民共和国产品质量法》;《市场监督管理行政处罚程序规定》", "汉阴县城关镇三元路 6 号", "0915-5211315", false},
	{"cgj", "汉阴县城市管理执法局", "汉阴城管", registry.AgencyAdministrative, "MB1A00033", "《中华人民共和国城乡规划法》;《城市市容和环境卫生管理条例》", "汉阴县城关镇北城街 22 号", "0915-5213190", false},
	{"zrj", "汉阴县自然资源局", "汉阴自然资源", registry.AgencyAdministrative, "MB1A00041", "《中华人民共和国土地管理法》;《中华人民共和国矿产资源法》", "汉阴县城关镇凤台路 9 号", "0915-5214077", false},
	{"jtj", "汉阴县交通运输局", "汉阴交通", registry.AgencyAdministrative, "MB1A0005X", "《中华人民共和国道路运输条例》;《中华人民共和国公路法》", "汉阴县城关镇东大街 31 号", "0915-5215520", false},
	{"wjj", "汉阴县卫生健康局", "汉阴卫健", registry.AgencyAdministrative, "MB1A00068", "《中华人民共和国基本医疗卫生与健康促进法》;《公共场所卫生管理条例》", "汉阴县城关镇文化路 12 号", "0915-5216120", false},
	{"nyj", "汉阴县农业农村局", "汉阴农业", registry.AgencyAdministrative, "MB1A00076", "《中华人民共和国农产品质量安全法》;《农药管理条例》", "汉阴县城关镇南街 5 号", "0915-5217301", false},
	{"yjj", "汉阴县应急管理局", "汉阴应急", registry.AgencyAdministrative, "MB1A00084", "《中华人民共和国安全生产法》", "汉阴县城关镇西街 40 号", "0915-5218350", false},
}

type userSeed struct {
	username, name, agency string
	roles                  []zhifa.Role
}

var userSeeds = []userSeed{
	{"admin", "系统管理员", "", []zhifa.Role{zhifa.RoleSysAdmin}},
	{"secadmin", "安全管理员", "", []zhifa.Role{zhifa.RoleSecAdmin}},
	{"auditor", "审计管理员", "", []zhifa.Role{zhifa.RoleAuditor}},
	{"jiandu", "陈建国", "sfj", []zhifa.Role{zhifa.RoleSupervisor}},
	{"scj-zhifa1", "王志强", "scj", []zhifa.Role{zhifa.RoleOfficer}},
	{"scj-zhifa2", "李晓燕", "scj", []zhifa.Role{zhifa.RoleOfficer}},
	{"scj-zhifa3", "赵立新", "scj", []zhifa.Role{zhifa.RoleOfficer}},
	{"scj-kezhang", "刘德华", "scj", []zhifa.Role{zhifa.RoleUnitHead, zhifa.RoleOfficer}},
	{"scj-fazhi", "周敏", "scj", []zhifa.Role{zhifa.RoleReviewer}},
	{"scj-juzhang", "孙海涛", "scj", []zhifa.Role{zhifa.RoleAgencyHead}},
	{"cgj-zhifa1", "杨帆", "cgj", []zhifa.Role{zhifa.RoleOfficer}},
	{"cgj-zhifa2", "吴磊", "cgj", []zhifa.Role{zhifa.RoleOfficer}},
	{"cgj-kezhang", "郑凯", "cgj", []zhifa.Role{zhifa.RoleUnitHead, zhifa.RoleOfficer}},
	{"cgj-fazhi", "冯丽", "cgj", []zhifa.Role{zhifa.RoleReviewer}},
	{"cgj-juzhang", "何伟", "cgj", []zhifa.Role{zhifa.RoleAgencyHead}},
	{"zrj-zhifa1", "陈明辉", "zrj", []zhifa.Role{zhifa.RoleOfficer}},
	{"zrj-zhifa2", "黄静", "zrj", []zhifa.Role{zhifa.RoleOfficer}},
	{"zrj-kezhang", "马建军", "zrj", []zhifa.Role{zhifa.RoleUnitHead, zhifa.RoleOfficer}},
	{"zrj-fazhi", "高雅琴", "zrj", []zhifa.Role{zhifa.RoleReviewer}},
	{"zrj-juzhang", "罗国庆", "zrj", []zhifa.Role{zhifa.RoleAgencyHead}},
	{"jtj-zhifa1", "谢宏伟", "jtj", []zhifa.Role{zhifa.RoleOfficer}},
	{"jtj-zhifa2", "唐晓丽", "jtj", []zhifa.Role{zhifa.RoleOfficer}},
	{"jtj-kezhang", "韩志刚", "jtj", []zhifa.Role{zhifa.RoleUnitHead, zhifa.RoleOfficer}},
	{"jtj-fazhi", "曹颖", "jtj", []zhifa.Role{zhifa.RoleReviewer}},
	{"jtj-juzhang", "邓文斌", "jtj", []zhifa.Role{zhifa.RoleAgencyHead}},
	{"wjj-zhifa1", "许丹", "wjj", []zhifa.Role{zhifa.RoleOfficer}},
	{"wjj-zhifa2", "彭浩", "wjj", []zhifa.Role{zhifa.RoleOfficer}},
	{"wjj-kezhang", "袁春梅", "wjj", []zhifa.Role{zhifa.RoleUnitHead, zhifa.RoleOfficer}},
	{"wjj-fazhi", "蒋立平", "wjj", []zhifa.Role{zhifa.RoleReviewer}},
	{"wjj-juzhang", "沈玉华", "wjj", []zhifa.Role{zhifa.RoleAgencyHead}},
}

// Loaded reports whether the demo data is already in db.
func Loaded(ctx context.Context, db *store.DB) (bool, error) {
	u := "admin"
	_, err := db.FindUser(ctx, identity.UserFilter{Username: &u})
	if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
		return false, nil
	}
	return err == nil, err
}

// Load loads the demo data unless it is already there, and returns the demo
// accounts either way. The data is created once, on the first load; a demo
// database made by an older version keeps what it has.
func Load(ctx context.Context, svc *service.Service) ([]Account, error) {
	loaded, err := Loaded(ctx, svc.DB)
	if err != nil {
		return nil, err
	}
	if !loaded {
		if err := load(ctx, svc); err != nil {
			return nil, err
		}
	}
	return accounts(), nil
}

// load fills an empty database on the story's clock: the registry on the
// first day of the timeline, then the cases. The users come after the
// registry, the administrator first among them, so that Loaded stays false
// until the registry is in.
func load(ctx context.Context, svc *service.Service) error {
	l := &loader{svc: svc, serials: map[string]int{}, archives: map[string]int{}}
	cases, need := newCases(l)
	tl, restore, err := rewind(ctx, svc, need)
	if err != nil {
		return err
	}
	defer restore()
	l.tl = tl
	if l.agencies, err = loadAgencies(ctx, svc); err != nil {
		return err
	}
	tl.set(0, 9*60+40)
	officers, byCert, err := loadOfficers(ctx, svc, l.agencies, tl.anchor)
	if err != nil {
		return err
	}
	l.officers = byCert
	tl.set(0, 10*60+30)
	if l.matters, err = loadMatters(ctx, svc, l.agencies); err != nil {
		return err
	}
	tl.set(0, 15*60)
	if l.actors, err = loadUsers(ctx, svc, l.agencies, officers); err != nil {
		return err
	}
	if err := loadCases(ctx, l, cases); err != nil {
		return err
	}
	if err := loadDocuments(ctx, l, cases); err != nil {
		return err
	}
	if err := loadRecordings(ctx, l); err != nil { // recordings.go (issue 13)
		return err
	}
	if err := loadInspections(ctx, l); err != nil { // demo/inspection.go
		return err
	}
	if err := loadCatalogs(ctx, l); err != nil {
		return err
	}
	if err := loadComplaints(ctx, l); err != nil {
		return err
	}
	if err := loadOpinions(ctx, l); err != nil {
		return err
	}
	if err := loadReport(ctx, l); err != nil {
		return err
	}
	return loadTodos(ctx, l)
}

// loadAgencies creates the agencies and returns their ids by seed key.
func loadAgencies(ctx context.Context, svc *service.Service) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, a := range agencySeeds {
		ag := &registry.Agency{Name: a.name, ShortName: a.short, Kind: a.kind, CreditCode: creditCode("11", "610921", a.org), Region: "610921", Level: "县级",
			Basis: a.basis, Supervisor: a.supervisor, Address: a.address, Phone: a.phone, ReviewDays: 5}
		if err := svc.CreateAgency(ctx, zhifa.Console, ag); err != nil {
			return nil, fmt.Errorf("demo agency %s: %w", a.name, err)
		}
		ids[a.key] = ag.ID
	}
	return ids, nil
}

// loadUsers creates the demo users and returns them as actors by username.
// Everyone who handles, approves or reviews cases is an officer with a
// certificate (officers holds their ids by username); agency heads and the
// supervisor are not.
func loadUsers(ctx context.Context, svc *service.Service, agencies, officers map[string]int64) (map[string]zhifa.Actor, error) {
	actors := map[string]zhifa.Actor{}
	for _, u := range userSeeds {
		in := identity.UserInput{Username: u.username, Name: u.name, AgencyID: agencies[u.agency], Roles: u.roles, Password: Password}
		if enforces(u.roles) {
			in.OfficerID = officers[u.username]
			if in.OfficerID == 0 {
				return nil, fmt.Errorf("demo user %s: no officer seed", u.username)
			}
		}
		nu, err := svc.CreateUser(ctx, zhifa.Console, in)
		if err != nil {
			return nil, fmt.Errorf("demo user %s: %w", u.username, err)
		}
		actors[u.username] = zhifa.Actor{UserID: nu.ID, Username: nu.Username, Name: nu.Name, AgencyID: nu.AgencyID, OfficerID: nu.OfficerID, Roles: nu.Roles}
	}
	return actors, nil
}

// enforces reports whether roles include one that acts as an officer.
func enforces(roles []zhifa.Role) bool {
	for _, r := range roles {
		switch r {
		case zhifa.RoleOfficer, zhifa.RoleUnitHead, zhifa.RoleReviewer:
			return true
		}
	}
	return false
}

// accounts lists the demo logins.
func accounts() []Account {
	names := map[string]string{}
	for _, a := range agencySeeds {
		names[a.key] = a.name
	}
	var as []Account
	for _, u := range userSeeds {
		as = append(as, Account{Username: u.username, Name: u.name, Agency: names[u.agency], Roles: u.roles})
	}
	return append(as, todoAccounts(names)...)
}
