package registry

import "github.com/zhifa/zhifa"

// CertState is the state of a 执法证 on a given day: the status the issuing
// authority recorded combined with the validity period. It is the one
// answer to "may this officer enforce today?", used alike by the procedure
// rules, the workbench and the public verification page.
type CertState string

// Certificate states. Only CertValid allows enforcement actions.
const (
	CertValid        CertState = "有效"
	CertExpired      CertState = "已过期"
	CertSuspended    CertState = "暂扣"
	CertRevoked      CertState = "注销"
	CertNotYetValid  CertState = "尚未生效"
	CertUnregistered CertState = "有效期未登记"
)

// Valid reports whether the state allows enforcement actions.
func (s CertState) Valid() bool { return s == CertValid }

// Certificate is what a 执法证's state depends on.
type Certificate struct {
	Number string
	// Status is the status recorded by the issuing authority: 有效, 暂扣 or 注销
	// (OfficerStatuses).
	Status string
	// ValidFrom and ValidTo bound the validity, both days included. A
	// certificate whose validity was not registered is not valid: the law
	// asks for a certificate "在有效期内", which cannot be shown without one.
	ValidFrom, ValidTo zhifa.Date
}

// State returns the certificate's state on the civil day today: 注销 or 暂扣
// when so recorded, 有效期未登记 without both validity dates, 尚未生效
// before ValidFrom, 已过期 after ValidTo, and 有效 in between.
func (c Certificate) State(today zhifa.Date) CertState {
	switch c.Status {
	case OfficerRevoked:
		return CertRevoked
	case OfficerSuspended:
		return CertSuspended
	case OfficerValid:
	default:
		return CertState(c.Status)
	}
	switch {
	case c.ValidFrom.IsZero() || c.ValidTo.IsZero():
		return CertUnregistered
	case today.Before(c.ValidFrom):
		return CertNotYetValid
	case today.After(c.ValidTo):
		return CertExpired
	}
	return CertValid
}

// Refusal returns nil when the certificate is valid on today, and otherwise
// the rule error that keeps officer name from enforcing, with the article.
func (c Certificate) Refusal(name string, today zhifa.Date) error {
	var reason string
	switch st := c.State(today); st {
	case CertValid:
		return nil
	case CertSuspended:
		reason = "已暂扣"
	case CertRevoked:
		reason = "已注销"
	case CertUnregistered:
		reason = "有效期未登记"
	case CertNotYetValid:
		reason = "尚未生效(自 " + c.ValidFrom.String() + " 起有效)"
	case CertExpired:
		reason = "已过期(有效期至 " + c.ValidTo.String() + ")"
	default:
		reason = "状态为“" + string(st) + "”"
	}
	return zhifa.Errorf(zhifa.ERULE, "执法人员%s(执法证号 %s)的执法证%s,不得从事执法活动(《行政处罚法》第四十二条)", name, c.Number, reason)
}
