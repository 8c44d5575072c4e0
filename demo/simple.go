package demo

import (
	"context"
	"fmt"

	"github.com/zhifa/zhifa/penalty"
)

// simpleStories is how many 简易程序 cases the demo adds to its stories.
const simpleStories = 1

// loadSimpleCase tells a 简易程序 story on the last day: a fine of 150 元
// against a person decided on the spot by two officers (处罚法 Arts 51,
// 52), with no legal review, handed over at once and published like any
// other decision.
func loadSimpleCase(ctx context.Context, l *loader) error {
	l.tl.set(len(l.tl.days)-1, 10*60+5)
	o1, o2 := l.actors["scj-zhifa1"], l.actors["scj-zhifa2"]
	party := person("何春燕", "610921", "19880615", "126", "13772285516", "城关镇东风村三组 6 号")
	r, err := l.svc.DecideOnTheSpot(ctx, o1, penalty.SimpleCaseInput{AgencyID: l.agencies["scj"], MatterID: l.matters["SCJ-CF-001"],
		Party: party, HandlerIDs: []int64{o1.OfficerID, o2.OfficerID}, Fields: map[string]string{
			"place": "汉阴县城关镇东风路农贸市场", "facts": "当事人在农贸市场销售的散装糕点 2 袋超过标注的保质期,货值 16 元,当事人当场承认。",
			"basis":        "《中华人民共和国食品安全法》第一百二十四条;违法事实确凿,适用《中华人民共和国行政处罚法》第五十一条当场作出处罚决定",
			"penalty_kind": "罚款", "fine": "150", "penalty": "罚款 150 元",
			"payment": "自收到本决定书之日起十五日内到指定银行或者通过电子支付系统缴纳罚款",
			"remedy":  "如不服本决定,可以在收到本决定书之日起六十日内向汉阴县人民政府申请行政复议,或者在六个月内依法向人民法院提起行政诉讼。"}})
	if err != nil {
		return fmt.Errorf("demo simple case: %w", err)
	}
	if _, err := l.svc.RecordStep(ctx, o1, r.Case.ID, penalty.StepInput{Action: penalty.Serve,
		Fields: map[string]string{"method": "直接送达", "recipient": party.Name}}); err != nil {
		return fmt.Errorf("demo simple case service: %w", err)
	}
	return nil
}
