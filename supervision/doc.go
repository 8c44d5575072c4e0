// Package supervision will hold the 司法局's supervision: dashboards as read
// models over every context, 案卷评查 (Evaluation), supervision opinions and
// the yearly reports.
//
// Nothing is built here yet: issue 16 builds it. It reads the case
// contexts' read models; nothing imports it but web and cmd.
//
// May import: the root package zhifa, access, ledger, the leaf packages,
// registry and the case contexts; never store or web.
package supervision
