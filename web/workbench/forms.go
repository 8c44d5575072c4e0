package workbench

import (
	"net/http"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/web/ui"
)

// actorAndID returns the logged-in actor and the path's id, the first two
// reads of every handler of one record.
func actorAndID(r *http.Request) (zhifa.Actor, int64, error) {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return a, 0, err
	}
	id, err := ui.PathIndex(r, "id")
	return a, id, err
}

// refused returns the message and the per-field problems of a refusal that
// a form page shows again with its status — bad input or a conflict with
// the record's state — and ok false for any other error, which the handler
// returns as it is.
func refused(err error) (msg string, problems map[string]string, ok bool) {
	switch zhifa.ErrorCode(err) {
	case zhifa.EINVALID, zhifa.ECONFLICT:
	default:
		return "", nil, false
	}
	if e, isErr := err.(*zhifa.Error); isErr {
		problems = e.Problems
	}
	return zhifa.ErrorMessage(err), problems, true
}
