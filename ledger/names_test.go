package ledger

import "testing"

func TestEventAndObjectNames(t *testing.T) {
	for _, tt := range []struct{ typ, want string }{
		{"publication.published", "公示执法决定"},
		{"user.roles_set", "设置用户角色"},
		{"case.something_new", "案件相关事件"},
		{"odd", "odd"},
	} {
		if got := EventName(tt.typ); got != tt.want {
			t.Errorf("EventName(%q) = %q, want %q", tt.typ, got, tt.want)
		}
	}
	for _, tt := range []struct{ obj, want string }{
		{"case/42", "案件 42"}, {"user/5", "用户 5"}, {"calendar", "工作日历"}, {"thing/1", "thing/1"},
	} {
		if got := ObjectName(tt.obj); got != tt.want {
			t.Errorf("ObjectName(%q) = %q, want %q", tt.obj, got, tt.want)
		}
	}
}
