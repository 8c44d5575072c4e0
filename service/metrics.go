package service

import (
	"time"

	"github.com/zhifa/zhifa/identity"
)

// Metrics receives the events of the service that an operator counts and
// that the web layer cannot see: failed logins, stored upload bytes and
// signed checkpoints. The web server installs a Prometheus one (web
// metrics.go); a nil Service.Metrics counts nothing. Implementations must
// be cheap and safe for concurrent use: they are called inside requests.
type Metrics interface {
	// identity.Metrics counts failed logins (LoginFailed, by reason) and
	// refused ones (LoginRefused); the identity context reports them here.
	identity.Metrics
	// Uploaded counts one evidence file of size bytes stored by UploadFile.
	Uploaded(size int64)
	// CheckpointSigned reports a newly signed checkpoint of size events at
	// the service clock's time.
	CheckpointSigned(size int64, at time.Time)
}

// noMetrics is the Metrics of a service without one.
type noMetrics struct{}

func (noMetrics) LoginFailed(string)                {}
func (noMetrics) LoginRefused()                     {}
func (noMetrics) Uploaded(int64)                    {}
func (noMetrics) CheckpointSigned(int64, time.Time) {}

// metrics returns s.Metrics, or one that counts nothing.
func (s *Service) metrics() Metrics {
	if s.Metrics == nil {
		return noMetrics{}
	}
	return s.Metrics
}

// identityMetrics hands the identity context's counts to s.Metrics.
type identityMetrics struct{ s *Service }

func (m identityMetrics) LoginFailed(reason string) { m.s.metrics().LoginFailed(reason) }
func (m identityMetrics) LoginRefused()             { m.s.metrics().LoginRefused() }
