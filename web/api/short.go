package api

import (
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

// Short names for web/ui and web/staff, so that the code moved here from
// package web reads as it did: transitional, while other branches edit the
// same lines.
type apiList[T any] = ui.List[T]

var (
	writeJSON       = ui.WriteJSON
	pathIndex       = ui.PathIndex
	queryID         = ui.QueryID
	queryString     = ui.QueryString
	actorFrom       = ui.ActorFrom
	requireLogin    = ui.RequireLogin
	sessionToken    = ui.SessionToken
	cst             = ui.CST
	stageName       = staff.StageName
	caseStageFilter = staff.CaseStageFilter
	uploadName      = staff.UploadName
	uploadType      = staff.UploadType
	transition      = staff.Transition
	deadlineRows    = staff.DeadlineRows
	withdrawInput   = staff.WithdrawInput
	parseYear       = staff.ParseYear
)

const maxSchedule = staff.MaxSchedule
