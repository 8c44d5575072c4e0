package identity

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
)

const rulesPassword = "Zhifa-Test-2026"

func TestUserInputValid(t *testing.T) {
	ok := UserInput{Username: " wang ", Name: " 王志强 ", Roles: []zhifa.Role{zhifa.RoleOfficer}, Password: rulesPassword}
	tests := []struct {
		name string
		edit func(*UserInput)
		want string // the field with a problem, "" for none
	}{
		{"ok", func(*UserInput) {}, ""},
		{"no user name", func(in *UserInput) { in.Username = "  " }, "username"},
		{"user name with a slash", func(in *UserInput) { in.Username = "wang/li" }, "username"},
		{"user name too long", func(in *UserInput) { in.Username = fmt.Sprintf("%065d", 0) }, "username"},
		{"no name", func(in *UserInput) { in.Name = "" }, "name"},
		{"no role", func(in *UserInput) { in.Roles = nil }, "roles"},
		{"unknown role", func(in *UserInput) { in.Roles = []zhifa.Role{"boss"} }, "roles"},
		{"two administrator roles", func(in *UserInput) { in.Roles = []zhifa.Role{zhifa.RoleSysAdmin, zhifa.RoleAuditor} }, "roles"},
		{"weak password", func(in *UserInput) { in.Password = "Password12" }, "password"},
		{"password with the user name", func(in *UserInput) { in.Password = "Wang-Li-2026-wang" }, "password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ok
			tt.edit(&in)
			p := in.Valid()
			if tt.want == "" && len(p) != 0 || tt.want != "" && (len(p) != 1 || p[tt.want] == "") {
				t.Errorf("Valid() = %v, want a problem with %q only", p, tt.want)
			}
		})
	}
	in := ok
	in.Valid()
	if in.Username != "wang" || in.Name != "王志强" {
		t.Errorf("Valid() left %q, %q untrimmed", in.Username, in.Name)
	}
}

func TestClientAddress(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"192.0.2.7", "192.0.2.7"},
		{"::ffff:192.0.2.7", "192.0.2.7"},
		{"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
		{"2001:db8:1:2::9", "2001:db8:1:2::/64"},
		{"", ""},
		{"not-an-address", "not-an-address"},
	} {
		if got := ClientAddress(tt.in); got != tt.want {
			t.Errorf("ClientAddress(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHours(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{{12 * time.Hour, "12 小时"}, {time.Hour, "1 小时"}, {90 * time.Minute, "90 分钟"}, {30 * time.Minute, "30 分钟"}} {
		if got := hours(tt.d); got != tt.want {
			t.Errorf("hours(%s) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// fakeStore is a Store without a database: agencies by id (true for the
// supervising 司法局), and the users and events that writes leave.
type fakeStore struct {
	Store    // methods a test does not expect panic
	agencies map[int64]bool
	users    []*User
	events   []ledger.Event
}

func (f *fakeStore) AgencyIsSupervisor(_ context.Context, id int64) (bool, error) {
	s, ok := f.agencies[id]
	if !ok {
		return false, zhifa.Errorf(zhifa.ENOTFOUND, "执法主体不存在")
	}
	return s, nil
}

func (f *fakeStore) Write(_ context.Context, fn func(Tx) error) error { return fn(fakeTx{f}) }

type fakeTx struct{ f *fakeStore }

func (tx fakeTx) CreateUser(u *User, _ string) error {
	tx.f.users = append(tx.f.users, u)
	u.ID = int64(len(tx.f.users))
	return nil
}
func (tx fakeTx) Record(e ledger.Event) (int64, error) {
	tx.f.events = append(tx.f.events, e)
	return int64(len(tx.f.events)), nil
}
func (fakeTx) SetRoles(int64, []zhifa.Role) error                               { panic("unexpected") }
func (fakeTx) SetPassword(int64, string) error                                  { panic("unexpected") }
func (fakeTx) SetDisabled(int64, bool) error                                    { panic("unexpected") }
func (fakeTx) ClearLoginFailures(int64, string, string) (int, time.Time, error) { panic("unexpected") }
func (fakeTx) UnlockUser(int64, string) (int, time.Time, error)                 { panic("unexpected") }
func (fakeTx) CreateSession(string, int64) error                                { panic("unexpected") }
func (fakeTx) DeleteSession(string) error                                       { panic("unexpected") }

// TestCreateUserAgencyRules checks, without a database, which roles need
// which agency, and the event of a created user.
func TestCreateUserAgencyRules(t *testing.T) {
	const sfj, scj = 1, 2 // 司法局 (supervisor), 市场监管局
	tests := []struct {
		name   string
		agency int64
		roles  []zhifa.Role
		want   string // the problem with agency_id, "" for none
	}{
		{"officer of an agency", scj, []zhifa.Role{zhifa.RoleOfficer}, ""},
		{"officer without agency", 0, []zhifa.Role{zhifa.RoleOfficer}, "执法、审核、审批角色须指定所属执法主体"},
		{"reviewer of a missing agency", 9, []zhifa.Role{zhifa.RoleReviewer}, "执法、审核、审批角色须指定所属执法主体"},
		{"supervisor of the 司法局", sfj, []zhifa.Role{zhifa.RoleSupervisor}, ""},
		{"supervisor of an agency", scj, []zhifa.Role{zhifa.RoleSupervisor}, "执法监督人员须属于司法局(监督机关)"},
		{"supervisor without agency", 0, []zhifa.Role{zhifa.RoleSupervisor}, "执法监督人员须属于司法局(监督机关)"},
		{"administrator without agency", 0, []zhifa.Role{zhifa.RoleSysAdmin}, ""},
		{"administrator of a missing agency", 9, []zhifa.Role{zhifa.RoleSecAdmin}, "所属单位不存在"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &fakeStore{agencies: map[int64]bool{sfj: true, scj: false}}
			s := New(st, access.Guard{}, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
			in := UserInput{Username: "u1", Name: "测试", AgencyID: tt.agency, Roles: tt.roles, Password: rulesPassword}
			u, err := s.CreateUser(context.Background(), zhifa.Console, in)
			if tt.want != "" {
				if p := problems(err); p["agency_id"] != tt.want || len(st.users) != 0 {
					t.Errorf("CreateUser = %v (%v), want agency_id %q and no user", err, p, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := ledger.Event{Type: "user.created", Object: "user/1", Actor: "system/console", Agency: itoa(tt.agency),
				Attrs: map[string]string{"roles": joinRoles(tt.roles)}}
			if u.ID != 1 || len(st.events) != 1 || fmt.Sprint(st.events[0]) != fmt.Sprint(want) {
				t.Errorf("user %d, events %v; want user 1 and %v", u.ID, st.events, want)
			}
		})
	}
}

// problems returns the per-field problems of an EINVALID error.
func problems(err error) map[string]string {
	var e *zhifa.Error
	if errors.As(err, &e) {
		return e.Problems
	}
	return nil
}
