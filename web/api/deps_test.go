package api

import (
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/registry"
)

// A resource whose interface one context's service answers alone can be
// given that service, or a fake of it, and nothing else; web/server.go
// checks every interface against *service.Service.

var _ SessionService = (*identity.Service)(nil)       // Session
var _ ReviewsService = (*penalty.Service)(nil)        // Reviews
var _ PublicationsService = (*publicity.Service)(nil) // Publications
var _ RedactService = (*publicity.Service)(nil)       // Redact
var _ RegistryService = (*registry.Service)(nil)      // Registry
