package staff

import (
	"context"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
)

// RegistryEditor reads and writes agencies, officers and matters, and
// gives the day on which a certificate's state is shown
// (*registry.Service): what the workbench's registry pages and the API's
// registry both call.
type RegistryEditor interface {
	Agencies(ctx context.Context) ([]*registry.Agency, error)
	Agency(ctx context.Context, id int64) (*registry.Agency, error)
	CreateAgency(ctx context.Context, a zhifa.Actor, ag *registry.Agency) error
	UpdateAgency(ctx context.Context, a zhifa.Actor, ag *registry.Agency) error
	Officers(ctx context.Context, f registry.OfficerFilter) ([]*registry.Officer, error)
	Officer(ctx context.Context, id int64) (*registry.Officer, error)
	CreateOfficer(ctx context.Context, a zhifa.Actor, o *registry.Officer) error
	UpdateOfficer(ctx context.Context, a zhifa.Actor, o *registry.Officer) error
	Matters(ctx context.Context, f registry.MatterFilter) ([]*registry.Matter, error)
	Matter(ctx context.Context, id int64) (*registry.Matter, error)
	CreateMatter(ctx context.Context, a zhifa.Actor, m *registry.Matter) error
	UpdateMatter(ctx context.Context, a zhifa.Actor, m *registry.Matter) error
	Today() zhifa.Date
}
