// Package staff holds what the two staff audiences of the web layer share:
// the workbench pages (web/workbench) and the JSON API (web/api) show cases,
// deadlines, evidence and publications the same way, and neither may
// import the other. It has no handlers of its own.
//
// Files:
//   - cases.go: stage names and the stage filter, the procedure's row of an
//     action, a case's deadline table, upload names and types, the
//     evidence download (ServeEvidence).
//   - publications.go: the withdrawal of a publication, decoded once for
//     the form and the API; the status filter of an agency's publications
//     (PublicationStatus), checked the same way by both.
//   - calendar.go: today by the service's clock, the year of a schedule and
//     its size limit.
//   - registry.go: RegistryEditor, the registry's methods that the
//     workbench's registry pages and the API's registry both call.
//
// The helpers that call a service take only the method they call
// (EvidenceOpener, Withdrawer) or the clock (Today); RegistryEditor is
// the part of the registry resources' interfaces the two audiences share.
//
// Imports: zhifa, calendar, deadline, the contexts whose types it shows
// (penalty, publicity, registry) and web/ui; never service.
package staff
