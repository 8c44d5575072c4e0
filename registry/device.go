package registry

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
)

// Devices (执法记录设备, issue 13): the 执法记录仪 and other recording
// equipment an agency holds, each with its number, model, custodian and
// status. An audio-video record (package recording) names the device that
// made it. Devices are kept by the system administrator like the rest of
// the registry (access.RegistryManage); staff read their own agency's.
// They have their own storage interface (DeviceStore) beside Store, which
// package store implements (store.DeviceStore).

// Device kinds.
const (
	DeviceBodyCamera   = "执法记录仪"
	DeviceCamera       = "摄像机"
	DeviceStillCamera  = "照相机"
	DeviceRecorder     = "录音设备"
	DeviceSurveillance = "视频监控"
)

// DeviceKinds lists the kinds of device.
var DeviceKinds = []string{DeviceBodyCamera, DeviceCamera, DeviceStillCamera, DeviceRecorder, DeviceSurveillance}

// Device statuses.
const (
	DeviceInUse   = "在用"
	DeviceRepair  = "维修"
	DeviceRetired = "停用"
	DeviceLost    = "遗失"
)

// DeviceStatuses lists the statuses of a device.
var DeviceStatuses = []string{DeviceInUse, DeviceRepair, DeviceRetired, DeviceLost}

// Device is one recording device of an agency.
type Device struct {
	ID          int64
	AgencyID    int64
	Number      string // 设备编号, unique in the agency (GA/T 947 产品序号)
	Kind        string // DeviceKinds
	Model       string // 型号
	CustodianID int64  // the officer who keeps it (保管人), 0 for none
	Status      string // DeviceStatuses
	Created     time.Time
	Updated     time.Time
}

// Object is the device's ledger object.
func (d *Device) Object() string { return "device/" + itoa(d.ID) }

var deviceNumberRe = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z_-]{0,39}$`)

// Problems returns what is wrong with d, by field.
func (d *Device) Problems() map[string]string {
	p := map[string]string{}
	d.Number = strings.TrimSpace(d.Number)
	d.Model = strings.TrimSpace(d.Model)
	if d.AgencyID == 0 {
		p["agency_id"] = "请选择设备所属执法主体"
	}
	if !deviceNumberRe.MatchString(d.Number) {
		p["number"] = "设备编号须为 1–40 位字母、数字、下划线或连字符"
	}
	if !slices.Contains(DeviceKinds, d.Kind) {
		p["kind"] = "设备类型须为:" + strings.Join(DeviceKinds, "、")
	}
	if d.Model == "" || len([]rune(d.Model)) > 60 {
		p["model"] = "请填写设备型号(不超过 60 字)"
	}
	if d.Status == "" {
		d.Status = DeviceInUse
	}
	if !slices.Contains(DeviceStatuses, d.Status) {
		p["status"] = "设备状态须为:" + strings.Join(DeviceStatuses, "、")
	}
	return p
}

// DeviceFilter selects devices; nil fields select all.
type DeviceFilter struct {
	ID       *int64
	AgencyID *int64
	Number   *string
}

// DeviceStore is the storage of devices; package store implements it.
type DeviceStore interface {
	FindDevices(ctx context.Context, f DeviceFilter) ([]*Device, error)
	FindOfficers(ctx context.Context, f OfficerFilter) ([]*Officer, error)
	// WriteDevices runs fn in one transaction, which must record an event.
	WriteDevices(ctx context.Context, fn func(DeviceTx) error) error
}

// DeviceTx is a write transaction on devices. A number taken in the agency
// is EINVALID on "number".
type DeviceTx interface {
	CreateDevice(*Device) error
	UpdateDevice(*Device) error
	Record(ledger.Event) (int64, error)
}

// Devices keeps the devices.
type Devices struct {
	Store DeviceStore
	Guard access.Guard
}

// CreateDevice registers a device. Errors: EUNAUTHORIZED, EFORBIDDEN, EINVALID.
func (s *Devices) CreateDevice(ctx context.Context, a zhifa.Actor, d *Device) error {
	return s.write(ctx, a, d, "device.registered")
}

// UpdateDevice changes a device (its custodian or status). Errors:
// EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND, EINVALID.
func (s *Devices) UpdateDevice(ctx context.Context, a zhifa.Actor, d *Device) error {
	if _, err := s.Device(ctx, d.ID); err != nil {
		return err
	}
	return s.write(ctx, a, d, "device.updated")
}

func (s *Devices) write(ctx context.Context, a zhifa.Actor, d *Device, event string) error {
	if err := s.Guard.Authorize(ctx, a, access.RegistryManage, d.AgencyID, "device"); err != nil {
		return err
	}
	p := d.Problems()
	if d.CustodianID != 0 && p["agency_id"] == "" {
		os, err := s.Store.FindOfficers(ctx, OfficerFilter{ID: &d.CustodianID})
		if err != nil {
			return err
		}
		if len(os) == 0 || os[0].AgencyID != d.AgencyID {
			p["custodian_id"] = "保管人须为本执法主体的执法人员"
		}
	}
	if len(p) > 0 {
		return zhifa.Invalid(p)
	}
	return s.Store.WriteDevices(ctx, func(tx DeviceTx) error {
		var err error
		if d.ID == 0 {
			err = tx.CreateDevice(d)
		} else {
			err = tx.UpdateDevice(d)
		}
		if err != nil {
			return err
		}
		_, err = tx.Record(ledger.Event{Type: event, Object: d.Object(), Actor: a.Ref(), Agency: itoa(d.AgencyID),
			Attrs: map[string]string{"number": d.Number, "status": d.Status}})
		return err
	})
}

// Device returns device id or ENOTFOUND.
func (s *Devices) Device(ctx context.Context, id int64) (*Device, error) {
	ds, err := s.Store.FindDevices(ctx, DeviceFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "设备不存在")
	}
	return ds[0], nil
}

// AgencyDevices returns the devices of an agency, for its staff.
func (s *Devices) AgencyDevices(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*Device, error) {
	if err := s.Guard.Authorize(ctx, a, access.CaseRead, agencyID, "devices"); err != nil {
		return nil, err
	}
	return s.Store.FindDevices(ctx, DeviceFilter{AgencyID: &agencyID})
}
