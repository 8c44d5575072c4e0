package inspection

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/idcode"
)

// Object is an entry of an agency's 检查对象名录: an enterprise or another
// object of inspection. Only organisations are listed (a 个体工商户 under
// its registered name): the directory and the draws that publish it hold no
// personal data.
type Object struct {
	ID         int64
	AgencyID   int64
	Kind       string // one of ObjectKinds
	Name       string // registered name (企业名称)
	CreditCode string // 统一社会信用代码 (GB 32100), unique within the agency
	Address    string // 经营场所
	Industry   string // 行业
	Created    time.Time
	Updated    time.Time
}

// ObjectKinds are the kinds of inspection object.
var ObjectKinds = []string{"企业", "个体工商户", "农民专业合作社", "其他组织"}

// Entry returns the object as a line of a published list.
func (o *Object) Entry() Entry { return Entry{ID: o.ID, Name: o.Name} }

// ValidObject returns the problems of o's fields keyed by field code, after
// trimming them and upper-casing the credit code.
func ValidObject(o *Object) map[string]string {
	p := map[string]string{}
	o.Kind, o.Name, o.Address, o.Industry = strings.TrimSpace(o.Kind), strings.TrimSpace(o.Name), strings.TrimSpace(o.Address), strings.TrimSpace(o.Industry)
	o.CreditCode = strings.ToUpper(strings.TrimSpace(o.CreditCode))
	if !contains(ObjectKinds, o.Kind) {
		p["kind"] = "对象类型应为" + strings.Join(ObjectKinds, "、") + "之一"
	}
	switch n := utf8.RuneCountInString(o.Name); {
	case n == 0:
		p["name"] = "请填写对象名称"
	case n > 200:
		p["name"] = "对象名称过长(不超过 200 字)"
	}
	if !idcode.ValidCredit(o.CreditCode) {
		p["credit_code"] = "统一社会信用代码“" + o.CreditCode + "”不符合 GB 32100 的编码规则(18 位,含校验位)"
	}
	if utf8.RuneCountInString(o.Address) > 300 {
		p["address"] = "经营场所过长(不超过 300 字)"
	}
	if utf8.RuneCountInString(o.Industry) > 100 {
		p["industry"] = "行业过长(不超过 100 字)"
	}
	return p
}

// ImportColumns are the header cells of an import sheet, in order.
var ImportColumns = []string{"对象类型", "名称", "统一社会信用代码", "经营场所", "行业"}

// MaxImportRows is the most data rows one import takes.
const MaxImportRows = 5000

// ParseObjectRows reads the rows of an import sheet (the first the
// header, ImportColumns) into objects of agencyID. Every row is checked and
// every problem reported ("第 N 行:…", N the sheet's row number), a credit
// code twice in the sheet included; when there is any, no object is
// returned, so that nothing is half-imported.
func ParseObjectRows(agencyID int64, rows [][]string) ([]*Object, error) {
	if len(rows) == 0 {
		return nil, zhifa.Invalid(map[string]string{"file": "表格为空:第 1 行应为表头“" + strings.Join(ImportColumns, "、") + "”"})
	}
	for i, h := range ImportColumns {
		if cell(rows[0], i) != h {
			return nil, zhifa.Invalid(map[string]string{"file": fmt.Sprintf("第 1 行第 %d 列应为表头“%s”,实为“%s”", i+1, h, cell(rows[0], i))})
		}
	}
	if len(rows)-1 > MaxImportRows {
		return nil, zhifa.Invalid(map[string]string{"file": fmt.Sprintf("一次最多导入 %d 行,本表有 %d 行", MaxImportRows, len(rows)-1)})
	}
	var out []*Object
	var problems []string
	seen := map[string]int{}
	for i, r := range rows[1:] {
		line := i + 2
		if strings.TrimSpace(strings.Join(r, "")) == "" {
			continue // a blank row
		}
		o := &Object{AgencyID: agencyID, Kind: cell(r, 0), Name: cell(r, 1), CreditCode: cell(r, 2), Address: cell(r, 3), Industry: cell(r, 4)}
		p := ValidObject(o)
		for _, k := range []string{"kind", "name", "credit_code", "address", "industry"} {
			if p[k] != "" {
				problems = append(problems, fmt.Sprintf("第 %d 行:%s", line, p[k]))
			}
		}
		if p["credit_code"] == "" {
			if first, dup := seen[o.CreditCode]; dup {
				problems = append(problems, fmt.Sprintf("第 %d 行:统一社会信用代码 %s 与第 %d 行重复", line, o.CreditCode, first))
			} else {
				seen[o.CreditCode] = line
			}
		}
		out = append(out, o)
	}
	if len(problems) > 0 {
		return nil, importError(problems)
	}
	if len(out) == 0 {
		return nil, zhifa.Invalid(map[string]string{"file": "表格中没有数据行"})
	}
	return out, nil
}

// importError lists the row problems (the first 50) in one EINVALID error
// on the field "file".
func importError(problems []string) error {
	msg := fmt.Sprintf("导入失败,未导入任何对象:共 %d 处错误。", len(problems))
	shown := problems
	if len(shown) > 50 {
		shown = shown[:50]
	}
	msg += strings.Join(shown, ";")
	if len(problems) > len(shown) {
		msg += fmt.Sprintf(";……另有 %d 处", len(problems)-len(shown))
	}
	return &zhifa.Error{Code: zhifa.EINVALID, Message: msg, Problems: map[string]string{"file": msg}}
}

func cell(r []string, i int) string {
	if i < len(r) {
		return strings.TrimSpace(r[i])
	}
	return ""
}

// ReadObjectsXLSX reads an Excel workbook (.xlsx): the first sheet, its
// first row the header (ImportColumns). See ParseObjectRows.
func ReadObjectsXLSX(agencyID int64, r io.Reader) ([]*Object, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, zhifa.Invalid(map[string]string{"file": "无法读取该文件:请上传 Excel 工作簿(.xlsx)"})
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, zhifa.Invalid(map[string]string{"file": "工作簿中没有工作表"})
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, zhifa.Invalid(map[string]string{"file": "无法读取工作表“" + sheets[0] + "”"})
	}
	return ParseObjectRows(agencyID, rows)
}

// ObjectsXLSX writes objects as an import workbook (the template when
// objects is empty).
func ObjectsXLSX(w io.Writer, objects []*Object) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows := [][]string{ImportColumns}
	for _, o := range objects {
		rows = append(rows, []string{o.Kind, o.Name, o.CreditCode, o.Address, o.Industry})
	}
	for i, r := range rows {
		for j, v := range r {
			name, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellStr(sheet, name, v); err != nil {
				return err
			}
		}
	}
	return f.Write(w)
}
