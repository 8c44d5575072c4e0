package demo

import "github.com/zhifa/zhifa/penalty"

// A published decision whose facts name a dwelling as the place of the act
// (a flat the party rents, not the party's address) and two other natural
// persons, a neighbour and a witness (issue 17.6): the portal shows
// "新民路****" and 卞某, 邬某. web/crawl_test.go looks
// for the names and for any building, unit or room number on the portal.
func init() {
	stories = append(stories, story{
		agency: "scj", matter: "SCJ-CF-002", source: "投诉举报", officers: [2]string{"scj-zhifa1", "scj-zhifa2"},
		stop: penalty.Executed, ago: 6,
		summary: "群众举报城关镇新民路一住宅内无证加工销售糕点。",
		party:   person("柯玉珍", "610921", "19860914", "226", "15129157736", "城关镇五一村二组 6 号"),
		offence: "未取得食品经营许可从事食品经营",
		place:   "汉阴县城关镇新民路 7 号 2 单元 302 室",
		inspection: "执法人员出示执法证件,当事人在场。住宅厨房内设烤箱 2 台、和面机 1 台,存放桃酥、蛋糕等糕点约 26 公斤,均无标签;" +
			"当事人未能出示食品经营许可证或小作坊登记证。",
		inquiry: "问:你从何时开始在家中加工销售糕点?答:两个月左右。问:获利多少?答:扣除成本一共赚了 1800 元左右。",
		facts: "当事人未取得食品经营许可,在其租住的城关镇新民路 7 号 2 单元 302 室住宅内加工销售糕点约两个月,现场查扣糕点 26 公斤,货值金额 520 元,违法所得 1800 元;" +
			"邻居卞海涛、证人邬春燕证实当事人长期在该处加工糕点并对外销售。上述行为违反了《中华人民共和国食品安全法》第三十五条第一款的规定。",
		basis: "《中华人民共和国食品安全法》第一百二十二条第一款;货值金额不足一万元,依法并处五千元以上五万元以下罚款,当事人系初次违法、已停止加工销售,从轻处罚",
		kind:  "罚款、没收违法所得、没收非法财物", penalty: "没收违法所得 1800 元、没收糕点 26 公斤,并处罚款 6000 元", fine: 6000,
		gains: 1800, property: "糕点 26 公斤",
		waived: true, cite: true, publish: true,
	})
}
