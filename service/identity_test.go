package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// countingMetrics counts the login events of the service's Metrics.
type countingMetrics struct{ failed, refused int }

func (m *countingMetrics) LoginFailed(string)                { m.failed++ }
func (m *countingMetrics) LoginRefused()                     { m.refused++ }
func (m *countingMetrics) Uploaded(int64)                    {}
func (m *countingMetrics) CheckpointSigned(int64, time.Time) {}

// TestIdentityFollowsTheAggregate: the embedded identity context uses the
// clock and the metrics set on service.Service after New, as the code that
// set them on the aggregate before the context existed expects.
func TestIdentityFollowsTheAggregate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := MustService(t, db)
		now := testdate.Now(t)
		s.Now = func() time.Time { return now }
		db.Now = s.Now
		m := &countingMetrics{}
		s.Metrics = m
		s.LoginLimits.RefuseDelay = 0
		if _, err := s.CreateUser(ctx, zhifa.Console, identity.UserInput{Username: "admin", Name: "管理员", Roles: []zhifa.Role{zhifa.RoleSysAdmin}, Password: testPassword}); err != nil {
			t.Fatal(err)
		}
		sess, err := s.Login(ctx, "admin", testPassword)
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(s.SessionIdle + time.Minute)
		if _, err := s.Authenticate(ctx, sess.Token); zhifa.ErrorCode(err) != zhifa.EUNAUTHORIZED {
			t.Errorf("session after the idle timeout on the aggregate's clock = %v, want unauthorized", err)
		}
		for range s.MaxFailedLogins + 1 {
			s.Login(ctx, "admin", "wrong-password")
		}
		if m.failed != s.MaxFailedLogins || m.refused != 1 {
			t.Errorf("logins counted by the aggregate's metrics: %d failed, %d refused; want %d and 1", m.failed, m.refused, s.MaxFailedLogins)
		}
	})
}
