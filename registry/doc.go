// Package registry is the 基础库 of enforcement: agencies (执法主体), officers
// and their certificates (执法人员、执法证), matters (执法事项), and later the
// discretion standards, inspection and audio-video lists, review catalogs,
// devices and counsel that procedures consult. Certificate.State is the one
// certificate state function of the product, and PenaltyKinds the one list
// of the kinds of penalty (《行政处罚法》 Art 9).
//
// Files: agency.go, officer.go, matter.go (the types, their filters and
// their pure validation); certificate.go (Certificate and its state);
// service.go (Service, the Store and Tx it needs, the public reads);
// catalog.go (ReviewCatalog, the 法制审核目录清单 as data, and its
// validation; which decisions it takes is package review's);
// write.go (the one shape of every change — authorize, validate, write the
// row and record its event in one transaction — for the three kinds of row).
//
// Service receives its dependencies: a Store (package store implements it,
// store.RegistryStore), an access.Guard, the clock and a logger. Tests that
// need a database are in package registry_test and run on SQLite and, with
// ZHIFA_TEST_POSTGRES, PostgreSQL; the rules are table-tested without one.
//
// Imports: the root package zhifa, access, ledger and the leaf packages
// (idcode); never store (it declares the storage it needs), service, web,
// nor a case context (procedure imports registry, not the reverse).
package registry
