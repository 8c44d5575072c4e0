package staff

import (
	"net/http"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/service"
)

// WithdrawInput decodes a withdrawal; a date that does not parse becomes a
// problem under changed_on, merged into the service's.
func WithdrawInput(cause, changedOn, reason string) (service.WithdrawInput, string) {
	in := service.WithdrawInput{Cause: cause, Reason: reason}
	if changedOn == "" {
		return in, ""
	}
	d, ok := zhifa.ParseDate(changedOn)
	if !ok {
		return in, "决定被变更、撤销或确认违法、无效的日期“" + changedOn + "”不是有效的日期,应为 YYYY-MM-DD"
	}
	in.ChangedOn = d
	return in, ""
}

// Withdraw calls the service; badDate is the decoding problem of the date.
func Withdraw(svc *service.Service, r *http.Request, a zhifa.Actor, id int64, in service.WithdrawInput, badDate string) (*zhifa.Publication, error) {
	p, err := svc.WithdrawPublication(r.Context(), a, id, in)
	if e, ok := err.(*zhifa.Error); ok && badDate != "" && e.Code == zhifa.EINVALID {
		problems := e.Problems
		problems["changed_on"] = badDate
		return nil, zhifa.Invalid(problems)
	}
	return p, err
}

// PublicationStatuses are the statuses an agency filters its publications by.
var PublicationStatuses = []string{zhifa.PublicationPending, zhifa.PublicationPublished, zhifa.PublicationWithdrawn}
