package staff

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/publicity"
)

// WithdrawInput decodes a withdrawal; a date that does not parse becomes a
// problem under changed_on, merged into the service's.
func WithdrawInput(cause, changedOn, reason string) (publicity.WithdrawInput, string) {
	in := publicity.WithdrawInput{Cause: cause, Reason: reason}
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

// Withdrawer withdraws a publication (*publicity.Service).
type Withdrawer interface {
	WithdrawPublication(ctx context.Context, a zhifa.Actor, id int64, in publicity.WithdrawInput) (*publicity.Publication, error)
}

// Withdraw calls the service; badDate is the decoding problem of the date.
func Withdraw(svc Withdrawer, r *http.Request, a zhifa.Actor, id int64, in publicity.WithdrawInput, badDate string) (*publicity.Publication, error) {
	p, err := svc.WithdrawPublication(r.Context(), a, id, in)
	if e, ok := err.(*zhifa.Error); ok && badDate != "" && e.Code == zhifa.EINVALID {
		problems := e.Problems
		problems["changed_on"] = badDate
		return nil, zhifa.Invalid(problems)
	}
	return p, err
}

// PublicationStatuses are the statuses an agency filters its publications by.
var PublicationStatuses = publicity.Statuses

// PublicationStatus reads the "status" filter of an agency's publications:
// "" (all) or one of PublicationStatuses. The page and the API check it
// the same way.
func PublicationStatus(r *http.Request) (string, error) {
	status := strings.TrimSpace(r.URL.Query().Get("status"))
	if status != "" && !slices.Contains(PublicationStatuses, status) {
		return "", zhifa.Invalid(map[string]string{"status": "公示状态须为" + strings.Join(PublicationStatuses, "、") + "之一"})
	}
	return status, nil
}
