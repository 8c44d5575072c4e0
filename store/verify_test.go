package store_test

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa/complaint"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/supervision"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/recording"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// stateFixture writes, through the store, one record of every recorded
// table: an agency, a matter, an officer, a user with roles, a case with a
// step and its evidence, a publication and its correction, a calendar year.
// Each write records its event the way the services do.
func stateFixture(t *testing.T, db *store.DB) (c *zhifa.Case, st *zhifa.Step, p *publicity.Publication) {
	t.Helper()
	clock := time.Date(2026, 3, 2, 1, 2, 3, 0, time.UTC)
	db.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	ag := &registry.Agency{Name: "汉阴县市场监督管理局", ShortName: "汉阴市监", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921", Supervisor: true, ReviewDays: 5}
	m := &registry.Matter{Name: "销售过期食品", Category: registry.MatterPenalty, Basis: "《中华人民共和国食品安全法》第一百二十四条"}
	o := &registry.Officer{Name: "王志强", Gender: registry.GenderMale, CertNo: "61092100123", ValidFrom: zhifa.DateFromTime(regDay("2024-01-01")), ValidTo: zhifa.DateFromTime(regDay("2029-12-31")), Status: registry.OfficerValid, LegalQualification: true}
	u := &identity.User{Username: "o1", Name: "王志强", Roles: []zhifa.Role{zhifa.RoleOfficer, zhifa.RoleUnitHead}}
	c = &zhifa.Case{Number: "汉阴市监案〔2026〕1号", Stage: "registered", Source: "监督检查", Summary: "销售过期食品",
		Party:      zhifa.Party{Kind: zhifa.PartyPerson, Name: "张建华", IDNumber: "610921198503124517", Phone: "13891534567", Address: "汉阴县城关镇"},
		HandlerIDs: []int64{3, 5}}
	write := func(typ, object string, fn func(tx *store.Tx) error) {
		t.Helper()
		if err := db.Write(context.Background(), func(tx *store.Tx) error {
			if err := fn(tx); err != nil {
				return err
			}
			_, err := tx.Record(ledger.Event{Type: typ, Object: object, Actor: "system/test"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	write("agency.created", "agency/1", func(tx *store.Tx) error { return tx.CreateAgency(ag) })
	write("matter.created", "matter/1", func(tx *store.Tx) error { m.AgencyID = ag.ID; return tx.CreateMatter(m) })
	write("officer.created", "officer/1", func(tx *store.Tx) error { o.AgencyID = ag.ID; return tx.CreateOfficer(o) })
	write("user.created", "user/1", func(tx *store.Tx) error { u.AgencyID = ag.ID; return tx.CreateUser(u, "hash") })
	write("catalog.published", "catalog/1", func(tx *store.Tx) error {
		return tx.CreateReviewCatalog(&registry.ReviewCatalog{AgencyID: ag.ID, EffectiveOn: zhifa.DateFromTime(regDay("2026-03-02")),
			Rules: []registry.CatalogRule{{Code: "R1", Name: "吊销", PenaltyKinds: []string{"吊销许可证件"}}}, PublishedBy: 1})
	})
	write("calendar.schedule_set", "calendar/2026", func(tx *store.Tx) error {
		return tx.PutSchedule(2026, []byte(`{"year":2026}`), "国办发明电", "user/1")
	})
	st = &zhifa.Step{Action: "register", Stage: "registered", OfficerIDs: []int64{3, 5}, Fields: map[string]string{"summary": "销售过期食品"}}
	if err := db.Write(context.Background(), func(tx *store.Tx) error {
		c.AgencyID, c.MatterID, c.RegisteredBy = ag.ID, m.ID, u.ID
		if _, err := tx.NextCaseSerial(ag.ID, "汉阴市监案〔2026〕"); err != nil {
			return err
		}
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		idx, err := tx.Record(ledger.Event{Type: "case.register", Object: "case/1", Actor: "user/1"})
		if err != nil {
			return err
		}
		st.CaseID, st.ActorUserID, st.LedgerIndex = c.ID, u.ID, idx
		st.Files = []zhifa.Evidence{{Name: "现场照片.jpg", ContentType: "image/jpeg", Size: 3, Digest: "sha256:" + strings.Repeat("ab", 32), UploadedBy: u.ID}}
		return tx.AddStep(st)
	}); err != nil {
		t.Fatal(err)
	}
	write("case.review_extended", "case/1", func(tx *store.Tx) error {
		d := func(s string) zhifa.Date { x, _ := zhifa.ParseCivilDate(s); return x }
		return tx.CreateReviewExtension(&review.Extension{CaseID: c.ID, RoundStart: d("2026-03-02"), Days: 3, OldDue: d("2026-03-06"),
			NewDue: d("2026-03-11"), Reason: "案情复杂", ApprovedBy: u.ID})
	})
	k := &registry.Counsel{AgencyID: ag.ID, Kind: registry.CounselLawyer, Name: "吴律", LicenseNo: "G6109001", LegalQualification: true, Status: registry.CounselActive}
	write("counsel.created", "counsel/1", func(tx *store.Tx) error { return tx.CreateCounsel(k) })
	write("case.adviser_assigned", "case/1", func(tx *store.Tx) error {
		x := &review.Adviser{CaseID: c.ID, CounselID: k.ID, AssignedBy: u.ID}
		if err := tx.CreateAdviser(x); err != nil {
			return err
		}
		x.Opinion, x.OpinionBy = "同意", u.ID
		return tx.SetAdviserOpinion(x)
	})
	p = &publicity.Publication{CaseID: c.ID, AgencyID: ag.ID, Category: "行政处罚", Number: "汉阴市监罚〔2026〕1号", PartyKind: zhifa.PartyPerson,
		PartyName: "张某", Facts: "销售过期食品", Basis: "第一百二十四条", PenaltyKind: "罚款", Penalty: "罚款五千元", Fine: 500000,
		DecidedOn: regDay("2026-03-01"), DueOn: regDay("2026-03-08"), Status: publicity.StatusPublished}
	write("publication.created", "publication/1", func(tx *store.Tx) error { return tx.CreatePublication(p) })
	write("publication.corrected", "publication/1", func(tx *store.Tx) error {
		corr := &publicity.Correction{Field: "facts", Old: p.Facts, New: "销售超过保质期的食品", Reason: "笔误", CorrectedBy: u.ID}
		p.Facts = corr.New
		return tx.CorrectPublication(p, corr)
	})
	write("user.roles_set", "user/1", func(tx *store.Tx) error { return tx.SetRoles(u.ID, []zhifa.Role{zhifa.RoleOfficer}) })
	day := zhifa.Date{Y: 2026, M: 3, D: 2}
	write("complaint.received", "complaint/1", func(tx *store.Tx) error {
		return tx.CreateComplaint(&complaint.Complaint{Kind: complaint.KindReport, Channel: complaint.ChannelPortal, AgencyID: ag.ID,
			Subject: "未出示证件", Content: "检查时未出示执法证件。", CodeDigest: strings.Repeat("cd", 32), Status: complaint.Received,
			ReceivedOn: day, AcceptDue: day.Add(9)})
	})
	write("opinion.issued", "opinion/1", func(tx *store.Tx) error {
		return tx.CreateOpinion(&supervision.Opinion{Kind: supervision.KindRectify, AgencyID: ag.ID, SupervisorID: ag.ID, Subject: "未告知听证权利",
			Findings: "2 件案件未告知听证权利。", Demands: "逐案纠正。", IssuedBy: u.ID, IssuedOn: day, ReplyDue: day.Add(30), Status: supervision.Issued})
	})
	write("report.generated", "report/1", func(tx *store.Tx) error {
		return tx.SaveReport(&supervision.Report{SupervisorID: ag.ID, Year: 2025, Status: supervision.ReportDraft, GeneratedOn: day,
			Agencies: []supervision.Figures{{AgencyID: ag.ID, AgencyName: ag.Name, Decisions: 1}}})
	})
	write("case.decide", "case/1", func(tx *store.Tx) error {
		return tx.AddDocumentNumber(&penalty.DocumentNumber{AgencyID: ag.ID, DocType: "decision", Year: 2026, Serial: 2, Number: "汉阴市监罚〔2026〕2号", CaseID: c.ID})
	})
	write("agency.number_format", "agency/1", func(tx *store.Tx) error {
		return tx.SetNumberFormat(ag.ID, "decision", "{简称}处罚〔{年}〕{序号}号", u.ID)
	})
	write("document.issued", "case/1", func(tx *store.Tx) error { return tx.CreateDocument(documentFixture(c, st)) })
	// Audio-video records and their devices (issue 13).
	dev := &registry.Device{AgencyID: ag.ID, Number: "DSJ-0001", Kind: registry.DeviceBodyCamera, Model: "DSJ-V9", CustodianID: o.ID, Status: registry.DeviceInUse}
	write("device.registered", "device/1", func(tx *store.Tx) error { return tx.CreateDevice(dev) })
	write("recording.created", "recording/1", func(tx *store.Tx) error {
		return tx.CreateRecord(&recording.Record{AgencyID: ag.ID, Kind: recording.Video, DeviceID: dev.ID, OfficerIDs: []int64{o.ID},
			Start: regDay("2026-03-01"), End: regDay("2026-03-01").Add(time.Hour), Place: "汉阴县城关镇", CaseID: c.ID,
			Interruptions: []recording.Interruption{{From: regDay("2026-03-01").Add(time.Minute), To: regDay("2026-03-01").Add(2 * time.Minute), Reason: "更换电池", Technical: true}},
			Mark:          recording.Privacy, RetainUntil: zhifa.DateFromTime(regDay("2056-03-01")), Name: "a.mp4", ContentType: "video/mp4", Size: 3,
			Digest: "sha256:" + strings.Repeat("cd", 32), SHA256: strings.Repeat("cd", 32), SM3: strings.Repeat("ef", 32), CreatedBy: u.ID})
	})
	inspectionFixture(t, db, ag.ID, o.ID) // store/inspection_test.go
	return c, st, p
}

func mustVerifyState(t *testing.T, db *store.DB) *store.StateReport {
	t.Helper()
	rep, err := db.VerifyState(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestVerifyStateClean: what the store wrote verifies, every recorded
// table is checked, and both engines digest the same records identically.
func TestVerifyStateClean(t *testing.T) {
	digests := map[string][]string{}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		stateFixture(t, db)
		rep := mustVerifyState(t, db)
		for _, f := range rep.Findings {
			t.Errorf("finding on an untouched database: %+v", f)
		}
		for _, tbl := range store.RecordedTables() {
			if rep.Records[tbl] == 0 {
				t.Errorf("no %s record checked", tbl)
			}
		}
		n, _ := db.LogSize()
		if rep.Events != n {
			t.Errorf("checked %d events, log has %d", rep.Events, n)
		}
		leaves, err := db.ReadLeaves(0, n)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range leaves {
			e, err := ledger.DecodeEvent(l)
			if err != nil {
				t.Fatal(err)
			}
			if e.Digest == "" {
				t.Errorf("event %s on %s digests no record", e.Type, e.Object)
			}
			digests[db.Dialect()] = append(digests[db.Dialect()], e.Digest)
		}
	})
	if pg, ok := digests[store.Postgres]; ok && !slices.Equal(pg, digests[store.SQLite]) {
		t.Errorf("the same records digest differently:\nsqlite   %v\npostgres %v", digests[store.SQLite], pg)
	}
}

// TestVerifyStateTampered edits the database behind the store's back, one
// edit per row, and each is found and named.
func TestVerifyStateTampered(t *testing.T) {
	type edit struct {
		name      string
		sql       []string
		kind      string
		table     string
		mentioned string // a word the message must contain
	}
	edits := []edit{
		{"step fields", []string{`UPDATE case_steps SET fields = '{"summary":"无"}'`}, store.FindingRow, "case_steps", "fields"},
		{"case party and stage", []string{`UPDATE cases SET party_name = '李四', stage = 'closed'`}, store.FindingRow, "cases", "stage、party_name"},
		{"deleted evidence step", []string{`DELETE FROM evidence`, `DELETE FROM case_steps`}, store.FindingRow, "case_steps", "已不存在"},
		{"publication facts and fine", []string{`UPDATE publications SET facts = '无违法事实', fine = 1`}, store.FindingRow, "publications", "facts、fine"},
		{"publication unpublished", []string{`UPDATE publications SET status = '未公示'`}, store.FindingRow, "publications", "status"},
		{"role added", []string{`INSERT INTO user_roles (user_id, role) VALUES (1, 'sysadmin')`}, store.FindingRow, "user_roles", "role"},
		{"officer status", []string{`UPDATE officers SET status = '注销'`}, store.FindingRow, "officers", "status"},
		{"evidence digest", []string{`UPDATE evidence SET digest = 'sha256:` + strings.Repeat("cd", 32) + `'`}, store.FindingRow, "evidence", "digest"},
		{"correction reason", []string{`UPDATE publication_corrections SET reason = '无'`}, store.FindingRow, "publication_corrections", "reason"},
		{"calendar", []string{`UPDATE calendar_schedules SET data = '{}'`}, store.FindingRow, "calendar_schedules", "data"},
		{"row without event", []string{`INSERT INTO matters (agency_id, code, name, category, basis, created, updated) VALUES (1, 'X', '伪造事项', '行政处罚', '无', '2026-01-01', '2026-01-01')`}, store.FindingRow, "matters", "没有任何台账事件"},
		{"records of an event deleted", []string{`DELETE FROM ledger_records WHERE tbl = 'officers'`}, store.FindingEvent, "", "记录登记已不存在"},
		{"serial set back", []string{`DELETE FROM serials`}, store.FindingDerived, "serials", "重号"},
		{"records rewritten", []string{`UPDATE ledger_records SET digest = 'sha256:` + strings.Repeat("00", 32) + `' WHERE tbl = 'officers'`}, store.FindingEvent, "officers", "摘要与事件不符"},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			db := storetest.MustOpenSQLite(t)
			stateFixture(t, db)
			raw := rawDB(t, db)
			for _, q := range e.sql {
				if _, err := raw.Exec(q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			rep := mustVerifyState(t, db)
			found := false
			for _, f := range rep.Findings {
				if f.Kind == e.kind && (e.table == "" || f.Table == e.table) && strings.Contains(f.Msg, e.mentioned) {
					found = true
				}
			}
			if !found {
				t.Errorf("edit not found (want %s on %s mentioning %q); findings: %+v", e.kind, e.table, e.mentioned, rep.Findings)
			}
		})
	}
}

// TestVerifyStateRollbackAndFork: a log cut back leaves records of missing
// events; an event that does not name its object's previous event is a
// fork.
func TestVerifyStateRollbackAndFork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		stateFixture(t, db)
		n, _ := db.LogSize()
		raw := rawDB(t, db)
		exec := func(q string, args ...any) {
			t.Helper()
			if db.Dialect() == store.Postgres {
				q = pgRebind(q)
			}
			if _, err := raw.Exec(q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		// Roll back the last two events: leaves, head; their records stay,
		// as they would after restoring an older log beside newer rows.
		exec(`DELETE FROM ledger_leaves WHERE idx >= ?`, n-2)
		exec(`UPDATE ledger_head SET size = ?`, n-2)
		rep := mustVerifyState(t, db)
		if !hasFinding(rep, store.FindingEvent, "回滚") {
			t.Errorf("rollback not found: %+v", rep.Findings)
		}
		// A forked chain: event 1 claims event 0 as its previous event
		// although they are of different objects.
		leaves, err := db.ReadLeaves(1, 2)
		if err != nil {
			t.Fatal(err)
		}
		e, _ := ledger.DecodeEvent(leaves[0])
		e.Prev = 0
		b, _ := e.Encode()
		exec(`UPDATE ledger_leaves SET data = ? WHERE idx = 1`, b)
		rep = mustVerifyState(t, db)
		if !hasFinding(rep, store.FindingChain, "分叉") {
			t.Errorf("fork not found: %+v", rep.Findings)
		}
	})
}

// TestEveryTableIsAccountedFor: each table of the schema is recorded or
// listed as unrecorded with its reason, so a table added later cannot slip
// past verify.
func TestEveryTableIsAccountedFor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		raw := rawDB(t, db)
		q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
		if db.Dialect() == store.Postgres {
			q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
		}
		rows, err := raw.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(store.RecordedTables(), name) && store.UnrecordedReason(name) == "" {
				t.Errorf("table %s is neither recorded nor listed as unrecorded with a reason (store/record.go)", name)
			}
		}
	})
}

func hasFinding(rep *store.StateReport, kind, word string) bool {
	for _, f := range rep.Findings {
		if f.Kind == kind && strings.Contains(f.Msg, word) {
			return true
		}
	}
	return false
}

func pgRebind(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + string(rune('0'+n)))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// rawDB is a connection that bypasses the store, as a person with access
// to the database file or server would.
func rawDB(t *testing.T, db *store.DB) *sql.DB {
	t.Helper()
	raw, err := db.RawForTest()
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestColumnDigestIsContentDigest: the fast path digests exactly as
// ledger.ContentDigest does, which third parties reproduce.
func TestColumnDigestIsContentDigest(t *testing.T) {
	for _, v := range []any{nil, int64(0), int64(-42), int64(1) << 60, "", "汉阴<县>&\"引号\"\\\n\t\u2028", "a\x00b", "\xff"} {
		got, err := store.ColumnDigest(v)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ledger.ContentDigest(v)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("ColumnDigest(%q) = %s, ContentDigest = %s", v, got, want)
		}
	}
}

// TestCanonicalRecordDigest: the record digest written out by hand is
// ledger.ContentDigest of the record, which third parties reproduce.
func TestCanonicalRecordDigest(t *testing.T) {
	d := "sha256:" + strings.Repeat("ab", 32)
	for _, tt := range []struct {
		row  map[string]string
		rows []map[string]string
	}{
		{row: map[string]string{"name": d, "agency_id": d, "z": d}},
		{row: map[string]string{}},
		{rows: []map[string]string{{"role": d}, {"role": d}}},
	} {
		got := store.CanonicalRecordDigest("cases", 42, 1, tt.row, tt.rows)
		want, err := ledger.ContentDigest(store.CanonicalRecordContent("cases", 42, 1, tt.row, tt.rows))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("record %v %v: digest %s, ContentDigest %s", tt.row, tt.rows, got, want)
		}
	}
}

// TestRecordOwners: in a transaction with events of two objects, each
// record is digested by its owner's event, whatever the order of writes.
func TestRecordOwners(t *testing.T) {
	db := storetest.MustOpenSQLite(t)
	first, _, _ := stateFixture(t, db)
	ctx := context.Background()
	c := &zhifa.Case{AgencyID: first.AgencyID, MatterID: first.MatterID, RegisteredBy: first.RegisteredBy, Number: "汉阴市监案〔2026〕2号", Stage: "registered",
		Source: "监督检查", Summary: "s", Party: zhifa.Party{Kind: zhifa.PartyPerson, Name: "李某某"}, HandlerIDs: []int64{3, 5}}
	var caseIdx, pubIdx int64
	st := &zhifa.Step{CaseID: c.ID, Action: "decide", Stage: "decided", ActorUserID: 1, Fields: map[string]string{}}
	p := &publicity.Publication{CaseID: c.ID, AgencyID: c.AgencyID, Category: "行政处罚", Number: "汉阴市监罚〔2026〕2号", PartyKind: zhifa.PartyPerson,
		PartyName: "张某", Facts: "f", Basis: "b", PenaltyKind: "罚款", Penalty: "p", DecidedOn: regDay("2026-03-01"), DueOn: regDay("2026-03-08"), Status: publicity.StatusPending}
	if err := db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.NextCaseSerial(c.AgencyID, "汉阴市监案〔2026〕"); err != nil {
			return err
		}
		if err := tx.CreateCase(c); err != nil { // before any event
			return err
		}
		var err error
		if caseIdx, err = tx.Record(ledger.Event{Type: "case.decide", Object: c.Object(), Actor: "user/1"}); err != nil {
			return err
		}
		st.CaseID, st.LedgerIndex = c.ID, caseIdx
		if err := tx.AddStep(st); err != nil { // after the case's event
			return err
		}
		p.CaseID = c.ID
		if err := tx.CreatePublication(p); err != nil { // before its own event
			return err
		}
		pubIdx, err = tx.Record(ledger.Event{Type: "publication.created", Object: "publication/2", Actor: "user/1"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	tables := func(idx int64) []string {
		ch, err := db.EventChanges(ctx, idx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range ch {
			out = append(out, c.Table)
		}
		return out
	}
	if got := tables(caseIdx); !slices.Equal(got, []string{"case_steps", "cases"}) {
		t.Errorf("case event digests %v, want case_steps and cases", got)
	}
	if got := tables(pubIdx); !slices.Equal(got, []string{"publications"}) {
		t.Errorf("publication event digests %v, want publications", got)
	}
	if rep := mustVerifyState(t, db); len(rep.Findings) > 0 {
		t.Errorf("findings: %+v", rep.Findings)
	}
}
