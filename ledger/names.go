package ledger

import "strings"

// eventNames gives each event type its meaning in Chinese, for the pages
// that explain the log to a person (the event page, the audit trail). A new
// event type adds its line here; EventName falls back to the object kind.
var eventNames = map[string]string{
	"access.denied":          "拒绝越权操作",
	"auth.login":             "登录",
	"auth.login_failed":      "登录失败",
	"auth.logout":            "退出登录",
	"user.login_failed":      "登录失败",
	"user.created":           "创建用户账号",
	"user.disabled":          "停用用户账号",
	"user.enabled":           "启用用户账号",
	"user.password_reset":    "重置用户密码",
	"user.roles_set":         "设置用户角色",
	"user.unlocked":          "解除账号锁定",
	"agency.created":         "登记执法主体",
	"agency.updated":         "修改执法主体",
	"officer.created":        "登记执法人员",
	"officer.updated":        "修改执法人员",
	"officer.status_changed": "变更执法证件状态",
	"matter.created":         "登记执法事项",
	"matter.updated":         "修改执法事项",
	"calendar.schedule_set":  "导入法定节假日安排",
	"deadline.recomputed":    "重新计算期限",
	"case.registered":        "案件登记",
	"case.register":          "案件登记",
	"case.opened":            "立案",
	"case.step_recorded":     "记录执法环节",
	"case.decide":            "作出决定",
	"case.inquiry":           "询问笔录",
	"case.closed":            "结案",
	"evidence.downloaded":    "查阅证据材料",
	"publication.created":    "生成公示信息",
	"publication.published":  "公示执法决定",
	"publication.corrected":  "更正公示信息",
	"publication.withdrawn":  "撤回公示信息",
	"redaction.confirmed":    "确认公示脱敏",
	"data_key.rotated":       "轮换个人信息加密密钥",
}

// objectKinds names the kinds of object an event's Object refers to.
var objectKinds = map[string]string{
	"case": "案件", "publication": "公示信息", "user": "用户", "agency": "执法主体", "officer": "执法人员",
	"matter": "执法事项", "calendar": "工作日历", "evidence": "证据材料", "redaction": "脱敏确认", "session": "会话",
}

// EventName is the Chinese meaning of an event type, e.g. "公示执法决定"
// for "publication.published"; an unknown type is described by its object
// kind ("案件相关事件") or, failing that, given as is.
func EventName(typ string) string {
	if n, ok := eventNames[typ]; ok {
		return n
	}
	kind, _, _ := strings.Cut(typ, ".")
	if k, ok := objectKinds[kind]; ok {
		return k + "相关事件"
	}
	return typ
}

// ObjectName is the Chinese name of an event's object, e.g. "案件 42" for
// "case/42"; an unknown kind is given as is.
func ObjectName(object string) string {
	kind, id, ok := strings.Cut(object, "/")
	if k, known := objectKinds[kind]; known && ok {
		return k + " " + id
	}
	if k, known := objectKinds[kind]; known {
		return k
	}
	return object
}
