package portal

import (
	"net/http"
	"strconv"

	"github.com/zhifa/zhifa/web/ui"
)

// Open data (issue 17 item 5): a page of bulk downloads per year — the
// streamed exports of publications.go filtered to one year's decisions, in
// the 双公示 format (CSV, XLSX) and as JSON — and the JSON Schema of the
// JSON objects (the API's and the JSON export's items).

// openDataYears is how many years back the page offers.
const openDataYears = 10

// OpenDataYear is one year's downloads.
type OpenDataYear struct {
	Year            string
	CSV, XLSX, JSON string
}

// OpenDataPage is the open data page.
type OpenDataPage struct {
	ui.Page
	Years []OpenDataYear
}

// HandleOpenData serves GET /opendata.
func (s *Publications) HandleOpenData(w http.ResponseWriter, r *http.Request) error {
	if done, err := s.notModified(w, r); done || err != nil {
		return err
	}
	p := OpenDataPage{Page: portalPage(r, "开放数据")}
	for y := s.now().In(ui.CST).Year(); len(p.Years) < openDataYears; y-- {
		ys := strconv.Itoa(y)
		q := "?from=" + ys + "-01-01&to=" + ys + "-12-31"
		p.Years = append(p.Years, OpenDataYear{Year: ys, CSV: "/publications.csv" + q, XLSX: "/publications.xlsx" + q, JSON: "/publications.json" + q})
	}
	s.ui.Render(w, r, http.StatusOK, "portal_opendata", p)
	return nil
}

// publicationSchema is the JSON Schema (2020-12) of a published decision
// as /api/v1/publications, /api/v1/publications/{id} and
// /publications.json give it (apiPublication).
const publicationSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "/publications.schema.json",
  "title": "执法决定公示信息",
  "type": "object",
  "required": ["id", "status", "agency_id", "agency_name", "category", "number", "decided_on", "published_at", "url"],
  "properties": {
    "id": {"type": "integer", "description": "公示编号"},
    "status": {"enum": ["已公示", "已撤回"], "description": "公示状态"},
    "agency_id": {"type": "integer"},
    "agency_name": {"type": "string", "description": "处罚机关"},
    "category": {"type": "string", "description": "执法类别"},
    "number": {"type": "string", "description": "决定书文号"},
    "decided_on": {"type": "string", "format": "date", "description": "处罚决定日期"},
    "published_at": {"type": "string", "description": "公示时间(RFC 3339,中国时间)"},
    "url": {"type": "string", "description": "公示页面地址"},
    "party_kind": {"type": "string", "description": "行政相对人类别"},
    "party_name": {"type": "string", "description": "行政相对人名称;自然人为姓+某"},
    "party_id_no": {"type": "string", "description": "组织的统一社会信用代码;自然人的身份证号已脱敏"},
    "legal_rep": {"type": "string", "description": "法定代表人(仅组织)"},
    "party_phone": {"type": "string", "description": "联系电话(已脱敏,仅自然人)"},
    "address": {"type": "string", "description": "住址(已脱敏,仅自然人)"},
    "facts": {"type": "string", "description": "违法事实"},
    "basis": {"type": "string", "description": "处罚依据"},
    "penalty_kind": {"type": "string", "description": "处罚类别"},
    "penalty": {"type": "string", "description": "处罚内容"},
    "fine": {"type": "integer", "minimum": 0, "description": "罚款金额(元)"},
    "payment": {"type": "string", "description": "履行方式和期限"},
    "remedy": {"type": "string", "description": "救济途径和期限"},
    "corrections": {"type": "array", "description": "公示期间的更正", "items": {"type": "object",
      "properties": {"id": {"type": "integer"}, "field": {"type": "string"}, "field_name": {"type": "string"}, "old": {"type": "string"},
        "new": {"type": "string"}, "reason": {"type": "string"}, "created": {"type": "string"}}}},
    "withdrawal": {"type": "object", "description": "撤回(仅已撤回)", "properties": {"withdrawn_at": {"type": "string"}, "cause": {"type": "string"},
      "reason": {"type": "string"}, "changed_on": {"type": "string", "format": "date"}, "due_on": {"type": "string", "format": "date"},
      "late_workdays": {"type": "integer"}}}
  }
}
`

// HandlePublicationSchema serves GET /publications.schema.json.
func (s *Publications) HandlePublicationSchema(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/schema+json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write([]byte(publicationSchema))
	return nil
}
