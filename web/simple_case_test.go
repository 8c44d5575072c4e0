package web_test

import (
	"testing"

	"github.com/zhifa/zhifa/store/storetest"
)

// TestSimpleCaseAPI: a 简易程序 fine of 150 元 against a person is decided
// on the spot through the API with a system number; 250 元 is refused
// naming Art 51.
func TestSimpleCaseAPI(t *testing.T) {
	s := newCaseSite(t, storetest.MustOpenSQLite(t))
	tok := coreLogin(t, s.srv.URL, "o1")
	body := func(fine string) map[string]any {
		return map[string]any{"matter_id": s.matter.ID, "handler_ids": []int64{s.off1.ID, s.off2.ID},
			"party": map[string]any{"kind": "自然人", "name": "张建华", "id_number": "610921198503124517"},
			"fields": map[string]string{"place": "城关镇新民街", "facts": "当事人销售超过保质期的食品 1 袋。", "basis": "《中华人民共和国食品安全法》第一百二十四条",
				"penalty_kind": "罚款", "fine": fine, "penalty": "罚款 " + fine + " 元", "payment": "当场缴纳", "remedy": "可在六十日内申请行政复议,或者在六个月内提起行政诉讼"}}
	}
	wantStatus(t, "250 元", s.api(tok, "POST", "/api/v1/simple-cases", body("250")), 422, "《行政处罚法》第五十一条")
	wantStatus(t, "150 元", s.api(tok, "POST", "/api/v1/simple-cases", body("150")), 201, `"stage": "decided"`, "汉阴市监罚〔", `"action": "simple_decide"`)
}
