package procedure

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
)

// A made-up two-stage procedure (a permit: filed, then granted or refused)
// to show the engine knows no particular procedure.
type permit struct {
	State
	Urgent bool
}

var permitTable = &Table[permit]{
	Name: "许可",
	Stages: []StageInfo{{Stage: "", Name: "尚未申请"}, {Stage: "filed", Name: "已申请"},
		{Stage: "granted", Name: "已许可", Final: true}, {Stage: "refused", Name: "不予许可", Final: true}},
	Normalize: func(t *Transition[permit], out, problems map[string]string) {
		if t.Action == "decide" && Yes(out["granted"]) && out["valid_until"] == "" {
			problems["valid_until"] = "准予许可的,须写明有效期"
		}
	},
	Transitions: []Transition[permit]{
		{Action: "file", Name: "申请", From: []Stage{""}, To: "filed", Role: zhifa.RoleOfficer, OnSite: true,
			Fields: []Field{{Code: "name", Label: "申请人", Required: true, MaxLen: 4},
				{Code: "kind", Label: "类别", Kind: KindChoice, Options: []string{"甲", "乙"}, Aliases: map[string]string{"A": "甲"}},
				{Code: "count", Label: "数量", Kind: KindInteger, Min: 1, Max: 9},
				{Code: "on", Label: "日期", Kind: KindDate}},
			Starts: []Start{{Rule: "P1", Registrant: true}, {Rule: "P2", When: Condition{Flags: []string{"urgent"}}}}},
		{Action: "decide", Name: "决定", From: []Stage{"filed"}, To: "granted", Else: "refused", Role: zhifa.RoleAgencyHead,
			Fields: []Field{{Code: "granted", Label: "准予", Kind: KindYesNo, Required: true}, {Code: "valid_until", Label: "有效期", Kind: KindDate},
				{Code: "fee", Label: "费用", Kind: KindMoney}},
			Offered: func(p permit) bool { return !p.Urgent },
			Gates: []Gate[permit]{func(p permit, r Request) error {
				if p.Urgent {
					return zhifa.Errorf(zhifa.ERULE, "紧急申请须另行处理")
				}
				return nil
			}},
			Form: nil,
			Meets: []Meet{{Rule: "P1"}, {Rule: "P2", When: Condition{Yes: []string{"granted"}}},
				{Rule: "P3", When: Condition{No: []string{"granted"}}}}},
	},
}

var day0 = time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)

func cert(n string) registry.Certificate {
	return registry.Certificate{Number: n, Status: registry.OfficerValid, ValidFrom: zhifa.Date{Y: 2020, M: 1, D: 1},
		ValidTo: zhifa.Date{Y: 2030, M: 1, D: 1}}
}

func fileRequest() Request {
	a := Officer{ID: 1, Name: "甲", Cert: cert("1")}
	return Request{Action: "file", ActorRoles: []zhifa.Role{zhifa.RoleOfficer}, ActorOfficer: &a,
		Officers: []Officer{a, {ID: 2, Name: "乙", Cert: cert("2")}}, Today: day0,
		Fields: map[string]string{"name": " 张三 ", "kind": "A", "count": "03", "on": "2025-03-01"}}
}

func TestEngineApply(t *testing.T) {
	r := fileRequest()
	res, err := Apply(permitTable, permit{}, r)
	want := map[string]string{"name": "张三", "kind": "甲", "count": "3", "on": "2025-03-01"}
	if err != nil || res.Next != "filed" || !reflect.DeepEqual(res.Fields, want) {
		t.Fatalf("file: %+v, %v", res, err)
	}
	tests := []struct {
		name  string
		state permit
		edit  func(*Request)
		code  string
		msg   string
	}{
		{"stage", permit{State: State{Stage: "filed"}}, nil, zhifa.ECONFLICT, "案件当前处于“已申请”阶段,不能进行“申请”"},
		{"role", permit{}, func(r *Request) { r.ActorRoles = nil }, zhifa.EFORBIDDEN, "“申请”须由执法人员进行"},
		{"one officer", permit{}, func(r *Request) { r.Officers = r.Officers[:1] }, zhifa.ERULE, "本次仅有 1 名"},
		{"suspended", permit{}, func(r *Request) { r.Officers[1].Cert.Status = registry.OfficerSuspended }, zhifa.ERULE, "乙(执法证号 2)的执法证已暂扣"},
		{"too long", permit{}, func(r *Request) { r.Fields["name"] = "张三李四王五" }, zhifa.EINVALID, "申请人不得超过 4 个字"},
		{"choice", permit{}, func(r *Request) { r.Fields["kind"] = "丙" }, zhifa.EINVALID, "类别须为甲、乙之一"},
		{"integer", permit{}, func(r *Request) { r.Fields["count"] = "10" }, zhifa.EINVALID, "数量须为 1 至 9 的整数"},
		{"date", permit{}, func(r *Request) { r.Fields["on"] = "3月1日" }, zhifa.EINVALID, "日期须为日期(YYYY-MM-DD)"},
		{"unknown action", permit{}, func(r *Request) { r.Action = "fly" }, zhifa.EINVALID, "未知的办案环节"},
	}
	for _, tt := range tests {
		r := fileRequest()
		if tt.edit != nil {
			tt.edit(&r)
		}
		_, err := Apply(permitTable, tt.state, r)
		if zhifa.ErrorCode(err) != tt.code || !strings.Contains(zhifa.ErrorMessage(err), tt.msg) {
			t.Errorf("%s: %v, want %s %q", tt.name, err, tt.code, tt.msg)
		}
	}
}

func TestEngineDecideAndNext(t *testing.T) {
	head := []zhifa.Role{zhifa.RoleAgencyHead}
	if got := Next(permitTable, permit{State: State{Stage: "filed"}}, head); !reflect.DeepEqual(got, []Action{"decide"}) {
		t.Errorf("Next = %v", got)
	}
	if got := Next(permitTable, permit{State: State{Stage: "filed"}, Urgent: true}, head); len(got) != 0 {
		t.Errorf("Next on an urgent permit = %v, want none (Offered)", got)
	}
	r := Request{Action: "decide", ActorRoles: head, Today: day0, Fields: map[string]string{"granted": "是"}}
	_, err := Apply(permitTable, permit{State: State{Stage: "filed"}}, r)
	if e, ok := err.(*zhifa.Error); !ok || e.Problems["valid_until"] != "准予许可的,须写明有效期" {
		t.Errorf("table Normalize: %v", err)
	}
	if _, err := Apply(permitTable, permit{State: State{Stage: "filed"}, Urgent: true}, r); zhifa.ErrorCode(err) != zhifa.ERULE {
		t.Errorf("gate: %v", err)
	}
	r.Fields = map[string]string{"granted": "yes", "valid_until": "2026-01-01", "fee": "0100"}
	res, err := Apply(permitTable, permit{State: State{Stage: "filed"}}, r)
	if err != nil || res.Next != "granted" || res.Fields["granted"] != "true" || res.Fields["fee"] != "100" {
		t.Errorf("decide: %+v, %v", res, err)
	}
	r.Fields = map[string]string{"granted": "maybe"}
	if _, err := Apply(permitTable, permit{State: State{Stage: "filed"}}, r); !strings.Contains(zhifa.ErrorMessage(err), "准予须为“是”或“否”") {
		t.Errorf("yes/no: %v", err)
	}
}

func TestEngineEffects(t *testing.T) {
	tests := []struct {
		act    Action
		fields map[string]string
		flags  []string
		want   DeadlineEffect
	}{
		{"file", nil, nil, DeadlineEffect{Starts: []DeadlineStart{{Rule: "P1", Registrant: true}}}},
		{"file", nil, []string{"urgent"}, DeadlineEffect{Starts: []DeadlineStart{{Rule: "P1", Registrant: true}, {Rule: "P2"}}}},
		{"decide", map[string]string{"granted": "true"}, nil, DeadlineEffect{Meets: []string{"P1", "P2"}}},
		{"decide", map[string]string{"granted": "false"}, nil, DeadlineEffect{Meets: []string{"P1", "P3"}}},
		{"fly", nil, nil, DeadlineEffect{}},
	}
	for _, tt := range tests {
		if got := permitTable.Effects(tt.act, tt.fields, tt.flags...); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Effects(%s, %v, %v) = %+v, want %+v", tt.act, tt.fields, tt.flags, got, tt.want)
		}
	}
}

func TestEngineNames(t *testing.T) {
	if permitTable.StageName("filed") != "已申请" || permitTable.ActionName("decide") != "决定" || permitTable.ActionName("x") != "" {
		t.Error("names")
	}
	c := permitTable.Copy()
	c[0].Fields[1].Options[0] = "丁"
	if permitTable.Transitions[0].Fields[1].Options[0] != "甲" {
		t.Error("Copy shares the options")
	}
	for _, v := range []string{"true", "yes", "是"} {
		if !Yes(v) {
			t.Errorf("Yes(%q) = false", v)
		}
	}
	for _, v := range []string{"false", "no", "否", "", "maybe"} {
		if Yes(v) {
			t.Errorf("Yes(%q) = true", v)
		}
	}
}

// TestFieldLimits: every field has a length limit, its own or its kind's
// default, with a Chinese message naming the field.
func TestFieldLimits(t *testing.T) {
	for _, tc := range []struct {
		f    Field
		n    int
		want string
	}{
		{Field{Label: "卷宗号", Kind: KindText, MaxLen: 50}, 50, ""},
		{Field{Label: "卷宗号", Kind: KindText, MaxLen: 50}, 51, "卷宗号不得超过 50 个字"},
		{Field{Label: "地点", Kind: KindText}, 200, ""},
		{Field{Label: "地点", Kind: KindText}, 201, "地点不得超过 200 个字"},
		{Field{Label: "笔录内容", Kind: KindLongText}, 20001, "笔录内容不得超过 20000 个字"},
	} {
		_, got := tc.f.normalize(strings.Repeat("字", tc.n))
		if got != tc.want {
			t.Errorf("%s of %d: %q, want %q", tc.f.Label, tc.n, got, tc.want)
		}
	}
}
