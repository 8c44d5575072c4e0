package inspection

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zhifa/zhifa"
)

// Basis54 is the policy every rule of this package cites when no statute
// does: 《国务院办公厅关于严格规范涉企行政检查的意见》(国办发〔2024〕54号).
const Basis54 = "国办发〔2024〕54号"

// ItemStatus is the state of one version of a 检查事项.
type ItemStatus string

// Item states. A new version is a draft until published; publishing it
// supersedes the version published before it (动态调整, every change dated).
const (
	ItemDraft      ItemStatus = "draft"      // 草稿,未公布
	ItemPublished  ItemStatus = "published"  // 已公布,现行有效
	ItemSuperseded ItemStatus = "superseded" // 已被新版本替代
)

var itemStatusNames = map[ItemStatus]string{ItemDraft: "未公布", ItemPublished: "已公布", ItemSuperseded: "已替代"}

// Name returns the Chinese name of the state.
func (s ItemStatus) Name() string { return itemStatusNames[s] }

// Item is one version of an entry of an agency's 行政检查事项清单
// (随机抽查事项清单, DOMAIN §2): what may be inspected, on what basis, by
// whom, how, how often and in what proportion. Versions of one entry share
// its Code.
type Item struct {
	ID         int64
	AgencyID   int64
	AgencyName string // read only
	Code       string // 事项编码, the same in every version
	Version    int    // 1, 2, …
	Name       string // 检查事项名称
	Basis      string // 检查依据 (law and article)
	Subject    string // 检查主体 (the unit that inspects)
	Object     string // 检查对象 (the kind of object)
	Method     string // 检查方式: one of Methods
	Frequency  string // 检查频次, e.g. 每年1次
	Ratio      int    // 抽查比例, percent of the objects, 1–100
	Standard   string // 检查标准 (检查内容及要求)
	// EffectiveOn is the day the version takes effect; it is set when the
	// version is published (the publication date, or a later day given).
	EffectiveOn zhifa.Date
	Status      ItemStatus
	PublishedAt time.Time
	Created     time.Time
	Updated     time.Time
}

// Methods are the inspection methods of the list.
var Methods = []string{"双随机抽查", "重点检查", "专项检查", "书面检查", "非现场检查"}

// ValidItem returns the problems of it's fields, keyed by field code (empty
// when valid). It trims the text fields.
func ValidItem(it *Item) map[string]string {
	p := map[string]string{}
	for _, f := range []struct {
		code, label string
		v           *string
		max         int
	}{
		{"code", "事项编码", &it.Code, 40}, {"name", "检查事项名称", &it.Name, 200}, {"basis", "检查依据", &it.Basis, 2000},
		{"subject", "检查主体", &it.Subject, 200}, {"object", "检查对象", &it.Object, 500}, {"method", "检查方式", &it.Method, 40},
		{"frequency", "检查频次", &it.Frequency, 100}, {"standard", "检查标准", &it.Standard, 4000},
	} {
		*f.v = strings.TrimSpace(*f.v)
		switch {
		case *f.v == "":
			p[f.code] = "请填写" + f.label
		case utf8.RuneCountInString(*f.v) > f.max:
			p[f.code] = f.label + "过长(不超过 " + itoa(int64(f.max)) + " 字)"
		}
	}
	if it.Method != "" && !contains(Methods, it.Method) {
		p["method"] = "检查方式应为" + strings.Join(Methods, "、") + "之一"
	}
	if it.Ratio < 1 || it.Ratio > 100 {
		p["ratio"] = "抽查比例应为 1 至 100 之间的整数(百分比)"
	}
	if it.AgencyID == 0 {
		p["agency_id"] = "请选择执法主体"
	}
	return p
}

// Startable returns nil when an inspection under it may be started on
// today: the item is published and in effect. Otherwise the refusal, an
// ERULE naming the item and 国办发〔2024〕54号 (an inspection item not
// published may not be carried out).
func Startable(it *Item, today zhifa.Date) error {
	switch {
	case it == nil:
		return zhifa.Errorf(zhifa.ERULE, "未选择检查事项:行政检查须依据已公布的检查事项实施(%s)", Basis54)
	case it.Status != ItemPublished:
		return zhifa.Errorf(zhifa.ERULE, "检查事项“%s”(第 %d 版)%s,不得据以实施行政检查(%s:未经公布的检查事项不得实施)",
			it.Name, it.Version, it.Status.Name(), Basis54)
	case it.EffectiveOn.IsZero() || today.Before(it.EffectiveOn):
		return zhifa.Errorf(zhifa.ERULE, "检查事项“%s”自 %s 起施行,此前不得据以实施行政检查(%s)", it.Name, it.EffectiveOn, Basis54)
	}
	return nil
}

// Publishable returns nil when version it may be published on today with
// effect from on (zero: today).
func Publishable(it *Item, today, on zhifa.Date) error {
	if it.Status != ItemDraft {
		return zhifa.Errorf(zhifa.ECONFLICT, "检查事项“%s”第 %d 版%s,只能公布草稿", it.Name, it.Version, it.Status.Name())
	}
	if !on.IsZero() && on.Before(today) {
		return zhifa.Invalid(map[string]string{"effective_on": "施行日期不得早于公布之日(" + today.String() + ")"})
	}
	return nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	return zhifa.Actor{UserID: n}.Ref()[len("user/"):]
}
