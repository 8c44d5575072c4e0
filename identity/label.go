package identity

import (
	"context"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
)

// ActorLabel says in Chinese who an event's actor is ("user/5",
// "system/console", "public"), for the pages that explain the ledger:
// a user's roles, and for a logged-in viewer also the name (the ledger and
// its pages are public; the public learns the role that acted, staff the
// person). An unknown user is named by number.
func (s *Service) ActorLabel(ctx context.Context, viewer zhifa.Actor, ref string) string {
	switch {
	case ref == "public":
		return "公众(未登录)"
	case ref == "system/console":
		return "服务器控制台操作员"
	case strings.HasPrefix(ref, "system/"):
		return "系统(" + strings.TrimPrefix(ref, "system/") + ")"
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(ref, "user/"), 10, 64)
	if !strings.HasPrefix(ref, "user/") || err != nil {
		return ref
	}
	u, err := s.Store.FindUser(ctx, UserFilter{ID: &id})
	if err != nil {
		return "用户(编号 " + strconv.FormatInt(id, 10) + ")"
	}
	var roles []string
	for _, r := range u.Roles {
		roles = append(roles, r.Name())
	}
	label := strings.Join(roles, "、")
	if label == "" {
		label = "用户"
	}
	if u.AgencyName != "" {
		label = u.AgencyName + " " + label
	}
	if !viewer.Public() {
		label += " " + u.Name
	}
	return label
}
