package portal_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/web/portal"
)

// domainPenaltyFields is the 双公示 penalty field list of DOMAIN §10,
// written out here independently of publicity.CreditPenaltyFields.
var domainPenaltyFields = []string{"行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人", "决定书文号", "违法行为类型",
	"违法事实", "处罚依据", "处罚类别", "处罚内容", "罚款金额(万元)", "没收金额(万元)", "暂扣或吊销证照", "处罚决定日期", "处罚有效期",
	"公示截止期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码"}

// TestCreditExportFields checks the CSV and XLSX exports field by field
// against the §10 list: every field in order, the amounts in 万元 with six
// decimals, an empty cell where a field does not apply.
func TestCreditExportFields(t *testing.T) {
	u := responder(t)
	reg, pub := fixtures(t)
	reg.agencies[0].CreditCode = "11610921MB1A00025T"
	ps := portal.NewPublications(u, reg, pub, testdate.Clock(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
	decided := pub.pubs[0].DecidedOn.Format("2006-01-02")
	end := pub.pubs[0].PublishedAt.AddDate(3, 0, -1).Format("2006-01-02") // a fine above the low amount: three years
	want := map[string]string{"行政相对人名称": "'=某公司", "行政相对人类别": "法人及非法人组织", "统一社会信用代码": "91610921MA70000000",
		"法定代表人": "张某", "决定书文号": "汉阴市监罚〔2026〕7号", "违法行为类型": "", "违法事实": "销售过期食品", "处罚依据": "《食品安全法》第一百二十四条",
		"处罚类别": "罚款", "处罚内容": "罚款一万二千三百元", "罚款金额(万元)": "1.230000", "没收金额(万元)": "", "暂扣或吊销证照": "",
		"处罚决定日期": decided, "处罚有效期": end, "公示截止期": end, "处罚机关": "汉阴县市场监督管理局",
		"处罚机关统一社会信用代码": "11610921MB1A00025T", "数据来源单位": "汉阴县市场监督管理局", "数据来源单位统一社会信用代码": "11610921MB1A00025T"}
	check := func(name string, rows [][]string) {
		t.Helper()
		if len(rows) != 2 {
			t.Fatalf("%s: %d rows, want header and one", name, len(rows))
		}
		if strings.Join(rows[0], "|") != strings.Join(domainPenaltyFields, "|") {
			t.Fatalf("%s header:\n%q\nwant the §10 fields\n%q", name, rows[0], domainPenaltyFields)
		}
		for i, f := range domainPenaltyFields {
			got := ""
			if i < len(rows[1]) {
				got = rows[1][i]
			}
			if name == "xlsx" && f == "行政相对人名称" {
				got = "'" + got // the CSV defuses formulas; a workbook cell is text already
			}
			if got != want[f] {
				t.Errorf("%s %s = %q, want %q", name, f, got, want[f])
			}
		}
	}
	w := get(t, u.Page(ps.HandlePublicationCSV), "/publications.csv")
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(w.Body.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	check("csv", rows)
	w = get(t, u.Page(ps.HandlePublicationXLSX), "/publications.xlsx")
	if w.Code != http.StatusOK {
		t.Fatalf("xlsx: status %d: %s", w.Code, w.Body)
	}
	book, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	xrows, err := book.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	check("xlsx", xrows)
}

// TestOpenDataPageAndSchema: the page offers each year's files, and every
// key of the API's JSON is a property of the published schema, with the
// required ones present.
func TestOpenDataPageAndSchema(t *testing.T) {
	u := responder(t)
	reg, pub := fixtures(t)
	ps := portal.NewPublications(u, reg, pub, testdate.Clock(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
	page := get(t, u.Page(ps.HandleOpenData), "/opendata").Body.String()
	year := testdate.Now(t).Year()
	for _, want := range []string{"/publications.csv?from=" + strconv.Itoa(year) + "-01-01&amp;to=" + strconv.Itoa(year) + "-12-31",
		"/publications.xlsx?from=" + strconv.Itoa(year-9) + "-01-01", "/publications.schema.json"} {
		if !strings.Contains(page, want) {
			t.Errorf("open data page lacks %q", want)
		}
	}
	var schema struct {
		Required   []string                   `json:"required"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(get(t, u.Page(ps.HandlePublicationSchema), "/publications.schema.json").Body.Bytes(), &schema); err != nil {
		t.Fatal(err)
	}
	m := http.NewServeMux()
	m.HandleFunc("GET /api/v1/publications/{id}", u.API(ps.HandleAPIPublicationGet))
	w := httptest.NewRecorder()
	m.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/publications/7", nil))
	var obj map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &obj); err != nil || len(obj) < 10 {
		t.Fatalf("API object: %v %s", err, w.Body)
	}
	for k := range obj {
		if _, ok := schema.Properties[k]; !ok {
			t.Errorf("API key %q not in the schema", k)
		}
	}
	for _, k := range schema.Required {
		if _, ok := obj[k]; !ok {
			t.Errorf("required %q missing from the API object", k)
		}
	}
}
