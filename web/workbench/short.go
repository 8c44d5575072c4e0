package workbench

import (
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

// Short names for web/ui and web/staff, so that the code moved here from
// package web reads as it did: transitional, while other branches edit the
// same lines.
type (
	Page        = ui.Page
	Nav         = ui.Nav
	deadlineRow = staff.DeadlineRow
)

var (
	pathIndex           = ui.PathIndex
	queryID             = ui.QueryID
	formID              = ui.FormID
	actorFrom           = ui.ActorFrom
	requireLogin        = ui.RequireLogin
	errorStatus         = ui.ErrorStatus
	readFormError       = ui.ReadFormError
	sizeText            = ui.SizeText
	sessionToken        = ui.SessionToken
	workbenchLinks      = ui.WorkbenchLinks
	stageName           = staff.StageName
	caseStageFilter     = staff.CaseStageFilter
	uploadName          = staff.UploadName
	uploadType          = staff.UploadType
	transition          = staff.Transition
	deadlineRows        = staff.DeadlineRows
	withdrawInput       = staff.WithdrawInput
	parseYear           = staff.ParseYear
	publicationStatuses = staff.PublicationStatuses
)

const maxSchedule = staff.MaxSchedule
