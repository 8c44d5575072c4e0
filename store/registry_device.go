package store

import (
	"context"
	"database/sql"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
)

// DeviceStore returns db as the storage of the registry's devices.
func DeviceStore(db *DB) registry.DeviceStore { return deviceStore{db} }

type deviceStore struct{ *DB }

func (s deviceStore) WriteDevices(ctx context.Context, fn func(registry.DeviceTx) error) error {
	return s.DB.Write(ctx, func(tx *Tx) error { return fn(tx) })
}

const deviceColumns = `id, agency_id, number, kind, model, custodian_id, status, created, updated`

// FindDevices returns the devices matching f, by agency and number.
func (c *conn) FindDevices(ctx context.Context, f registry.DeviceFilter) ([]*registry.Device, error) {
	q := `SELECT ` + deviceColumns + ` FROM devices WHERE 1=1`
	var args []any
	if f.ID != nil {
		q += ` AND id = ?`
		args = append(args, *f.ID)
	}
	if f.AgencyID != nil {
		q += ` AND agency_id = ?`
		args = append(args, *f.AgencyID)
	}
	if f.Number != nil {
		q += ` AND number = ?`
		args = append(args, *f.Number)
	}
	rows, err := c.query(ctx, q+` ORDER BY agency_id, number`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*registry.Device
	for rows.Next() {
		var d registry.Device
		var custodian sql.NullInt64
		var created, updated string
		if err := rows.Scan(&d.ID, &d.AgencyID, &d.Number, &d.Kind, &d.Model, &custodian, &d.Status, &created, &updated); err != nil {
			return nil, err
		}
		d.CustodianID, d.Created, d.Updated = custodian.Int64, parseTime(created), parseTime(updated)
		out = append(out, &d)
	}
	return out, rows.Err()
}

func deviceNumberTaken(d *registry.Device) error {
	return zhifa.Invalid(map[string]string{"number": "本机关已登记设备编号“" + d.Number + "”"})
}

// CreateDevice inserts d and sets its ID.
func (tx *Tx) CreateDevice(d *registry.Device) error {
	id, err := tx.insert(tx.ctx, `INSERT INTO devices (agency_id, number, kind, model, custodian_id, status, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		d.AgencyID, d.Number, d.Kind, d.Model, nullID(d.CustodianID), d.Status, fmtTime(tx.Now), fmtTime(tx.Now))
	if err != nil {
		if isUniqueViolation(err) {
			return deviceNumberTaken(d)
		}
		return err
	}
	d.ID, d.Created, d.Updated = id, tx.Now, tx.Now
	tx.touch("devices", id)
	return nil
}

// UpdateDevice stores d's fields.
func (tx *Tx) UpdateDevice(d *registry.Device) error {
	_, err := tx.exec(tx.ctx, `UPDATE devices SET agency_id = ?, number = ?, kind = ?, model = ?, custodian_id = ?, status = ?, updated = ? WHERE id = ?`,
		d.AgencyID, d.Number, d.Kind, d.Model, nullID(d.CustodianID), d.Status, fmtTime(tx.Now), d.ID)
	if err != nil {
		if isUniqueViolation(err) {
			return deviceNumberTaken(d)
		}
		return err
	}
	d.Updated = tx.Now
	tx.touch("devices", d.ID)
	return nil
}
