// Package inspection is 行政检查 (seed 二(二)(三); 国办发〔2024〕54号 on
// 涉企行政检查): the published 检查事项清单, the 检查对象名录, inspection
// plans, verifiable 双随机 draws, the yearly cap with joint inspections
// (综合查一次), and the inspection itself as one procedure.Table whose
// findings can open a penalty case.
//
// Where to change what:
//   - item.go: an entry of the 检查事项清单 (versioned, dated, published);
//     Startable is the rule "an item not published may not be carried out";
//   - object.go: the 检查对象名录 and its Excel import (row-by-row Chinese
//     errors, all or nothing);
//   - draw.go: the 双随机 draw, a pure function of (list digests, rule,
//     seed), its published form PublicDraw and Verify, which recomputes a
//     draw from public data alone; the seed is the root hash of the ledger
//     at a size announced in advance (CheckAnnouncement);
//   - limit.go: the yearly cap per agency and object (CheckCap), joint
//     inspections counting once, warnings on repeated inspections;
//   - table.go: the procedure (启动, 检查通知, 现场检查笔录 with two
//     certified officers, certificates shown, rights told, the party's
//     signature or refusal; 检查结果; 移送立案查处; 结果公示) and its gates;
//   - service.go: the Service over the Store/Tx it declares (store
//     implements them: store.InspectionStore), authorizing through
//     access.Guard and writing each change with its ledger event.
//
// May import: the root package zhifa, access, ledger, the leaf packages
// (calendar, deadline, idcode, redact), registry, procedure and review;
// never store, service or web.
package inspection
