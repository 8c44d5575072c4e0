package penalty_test

import (
	"time"

	"github.com/zhifa/zhifa"
)

// regDate is a registry date (a certificate's validity) of the tests.
func regDate(s string) time.Time {
	if t, ok := zhifa.ParseDate(s); ok {
		return t
	}
	panic("bad date " + s)
}
