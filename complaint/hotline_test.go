package complaint

import (
	"strings"
	"testing"
)

func TestParseHotline(t *testing.T) {
	agencies := map[string]int64{"汉阴县交通运输局": 4, "汉阴县市场监督管理局": 2}
	head := "\ufeff" + strings.Join(HotlineColumns, ",") + "\n"
	good := "12345-1,投诉,汉阴县交通运输局,罚款过重,货车超限被罚款,宋先生,18691530033\n" +
		"12345-2,举报,汉阴县市场监督管理局,执法人员未出示证件,检查时未出示执法证件,,\n"
	fs, err := ParseHotline(strings.NewReader(head+good), agencies)
	if err != nil || len(fs) != 2 || fs[0].AgencyID != 4 || fs[1].Kind != KindReport || fs[0].Channel != ChannelHotline || fs[0].ExternalRef != "12345-1" {
		t.Fatalf("good file: %+v %v", fs, err)
	}
	for _, tc := range []struct {
		name, file, key, want string
	}{
		{"empty", "", "file", "文件为空"},
		{"wrong header", "工单号,标题\n", "file", "表头"},
		{"no rows", head, "file", "没有工单"},
		{"bad kind", head + good + "12345-3,咨询,汉阴县交通运输局,问路,请问办事地点,,\n", "row 4", "应为“投诉”或“举报”"},
		{"unknown agency", head + "12345-3,投诉,汉阴县教育局,问题,内容内容,,\n", "row 2", "不在执法主体名录中"},
		{"duplicate order", head + good + "12345-1,投诉,汉阴县交通运输局,重复,内容内容,,\n", "row 4", "与第 2 行重复"},
		{"missing order number", head + ",投诉,汉阴县交通运输局,标题,内容,,\n", "row 2", "工单号"},
		{"missing content", head + "12345-9,投诉,汉阴县交通运输局,标题,,,\n", "row 2", "请填写内容"},
		{"bad phone", head + "12345-9,投诉,汉阴县交通运输局,标题,内容,王,call\n", "row 2", "联系电话"},
		{"short row", head + "12345-9,投诉,汉阴县交通运输局\n", "row 2", "应有 7 列"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := ParseHotline(strings.NewReader(tc.file), agencies)
			if fs != nil {
				t.Fatalf("a bad file gave %d filings", len(fs))
			}
			if got := problems(err)[tc.key]; !strings.Contains(got, tc.want) {
				t.Fatalf("problems %v, want %q on %s", problems(err), tc.want, tc.key)
			}
		})
	}
}
