// Package registry is the 基础库 of enforcement: agencies (执法主体), officers
// and their certificates (执法人员、执法证), matters (执法事项), and later the
// discretion standards, inspection and audio-video lists, review catalogs,
// devices and counsel that procedures consult. Certificate.State is the one
// certificate state function of the product.
//
// Imports: the root package zhifa, access, ledger and the leaf packages;
// never store (it declares the storage it needs) nor a case context.
package registry
