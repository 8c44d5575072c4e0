package workbench

import (
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/publicity"
)

// The interfaces that one context's service answers alone: a resource
// given that service (or a fake of it) needs nothing else. web/server.go
// checks every interface against *service.Service.
var (
	_ SessionService = (*identity.Service)(nil)
	_ ReviewsService = (*penalty.Service)(nil)
	_ RedactService  = (*publicity.Service)(nil)
)
