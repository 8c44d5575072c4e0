package penalty_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestEveryStepHasInclusionProof drives a case from registration to
// archive and publication, then checks for every step that its ledger event
// is in the signed log (an inclusion proof from the service verifies
// against the stored leaf), that the event's digest is the digest of the
// stored step and its files the step's evidence, that no leaf carries the
// party's (or an officer's) personal data, and that the whole log verifies
// as `zhifa verify` does it (执法全过程记录: 全过程留痕、可回溯管理).
func TestEveryStepHasInclusionProof(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newCaseWorld(t, db)
		const origin = "zhifa.example/hanyin"
		signer, err := ledger.LoadOrCreateKey(filepath.Join(t.TempDir(), "log.key"), origin)
		must(t, err)
		v, err := signer.Verifier()
		must(t, err)

		c := w.register()
		w.mustStep(w.head, c, penalty.Open, map[string]string{"opinion": "同意立案"})
		w.mustStep(w.o1, c, penalty.SiteRecord, map[string]string{"place": "城关镇新民街餐馆", "content": "现场查见超过保质期的食品 12 袋。"})
		photo := []byte("\xff\xd8\xff\xe0 现场照片:超过保质期的食品 12 袋")
		video := bytes.Repeat([]byte("执法记录仪视频"), 1000)
		var files []penalty.FileInput
		for _, f := range []struct {
			name, ctype string
			data        []byte
		}{{"现场照片.jpg", "image/jpeg", photo}, {"执法记录仪.mp4", "video/mp4", video}} {
			fi, err := w.svc.UploadFile(ctx, w.o1, c.ID, f.name, f.ctype, bytes.NewReader(f.data))
			must(t, err)
			sum := sha256.Sum256(f.data)
			if want := "sha256:" + hex.EncodeToString(sum[:]); fi.Digest != want {
				t.Fatalf("upload %s: digest %s, want %s", f.name, fi.Digest, want)
			}
			files = append(files, fi)
		}
		_, err = w.svc.RecordStep(ctx, w.o1, c.ID, penalty.StepInput{Action: penalty.EvidenceEntry, Files: files,
			Fields: map[string]string{"title": "现场照片及执法记录仪视频", "description": "现场检查时拍摄", "kind": "视听资料"}})
		must(t, err)
		w.mustStep(w.o2, c, penalty.Inquiry, map[string]string{"subject": "张建华", "place": "县市场监督管理局询问室", "content": "当事人承认销售过期食品。"})
		w.mustStep(w.o1, c, penalty.Conclude, map[string]string{"facts": "销售超过保质期的食品", "proposal": "警告,并处罚款 5000 元"})
		w.mustStep(w.o1, c, penalty.Notify, map[string]string{"content": "拟处罚告知", "proposed_penalty": "警告,并处罚款 5000 元", "penalty_kind": "警告、罚款", "fine": "5000", "hearing_right": "是"})
		w.mustStep(w.o1, c, penalty.Statement, map[string]string{"waived": "是", "hearing_waived": "是"})
		// A checkpoint midway, so that the log's verification also checks the
		// consistency of two checkpoints.
		_, mid, err := w.svc.Checkpoint(ctx, signer, origin)
		must(t, err)
		w.mustStep(w.head, c, penalty.SubmitReview, nil)
		_, err = w.svc.RecordStep(ctx, w.reviewer, c.ID, penalty.StepInput{Action: penalty.Review, Review: passAll(review.OutcomeAgree)})
		must(t, err)
		w.mustStep(w.boss, c, penalty.Decide, decision)
		w.mustStep(w.o1, c, penalty.Serve, map[string]string{"method": "直接送达", "recipient": "张建华"})
		w.mustStep(w.o2, c, penalty.Execute, map[string]string{"result": "当事人已缴纳罚款 5000 元"})
		w.mustStep(w.head, c, penalty.Close, map[string]string{"summary": "案件办结"})
		w.mustStep(w.o1, c, penalty.Archive, map[string]string{"archive_number": "汉阴市监档〔2026〕15号"})
		d, err := w.svc.Case(ctx, w.o1, c.ID)
		must(t, err)
		if _, err := w.svc.Publish(ctx, w.o1, d.Publication.ID); err != nil {
			t.Fatal(err)
		}
		_, size, err := w.svc.Checkpoint(ctx, signer, origin)
		must(t, err)
		if n, _ := db.LogSize(); size != n || size <= mid {
			t.Fatalf("checkpoint size %d, log size %d, midway %d", size, n, mid)
		}

		if len(d.Steps) != 15 || d.Case.Stage != string(penalty.Archived) {
			t.Fatalf("%d steps, stage %s", len(d.Steps), d.Case.Stage)
		}
		var evidence int
		for i, st := range d.Steps {
			proof, err := w.svc.Proof(ctx, signer, origin, st.LedgerIndex)
			must(t, err)
			leaf, ev, err := w.svc.Event(ctx, st.LedgerIndex)
			must(t, err)
			idx, err := ledger.VerifyProof(proof, leaf, v, origin)
			if err != nil || idx != st.LedgerIndex {
				t.Errorf("step %d (%s): proof of event %d: index %d, %v", st.Seq, st.Action, st.LedgerIndex, idx, err)
			}
			// The proof is of this leaf, not of any other.
			bad := bytes.Replace(leaf, []byte(`"case.`), []byte(`"case_`), 1)
			if _, err := ledger.VerifyProof(proof, bad, v, origin); err == nil {
				t.Errorf("step %d (%s): proof verifies a changed leaf", st.Seq, st.Action)
			}
			if i > 0 {
				prev, _, err := w.svc.Event(ctx, d.Steps[i-1].LedgerIndex)
				must(t, err)
				if _, err := ledger.VerifyProof(proof, prev, v, origin); err == nil {
					t.Errorf("step %d (%s): proof verifies the previous step's leaf", st.Seq, st.Action)
				}
			}
			if ev.Type != "case."+st.Action || ev.Object != c.Object() || ev.Attrs["stage"] != st.Stage {
				t.Errorf("step %d (%s): event %s on %s, stage %q", st.Seq, st.Action, ev.Type, ev.Object, ev.Attrs["stage"])
			}
			// The event digests the records it wrote, the step among them.
			changes, err := db.EventChanges(ctx, st.LedgerIndex)
			must(t, err)
			digest, err := store.ChangeSetDigest(changes)
			must(t, err)
			if digest != ev.Digest {
				t.Errorf("step %d (%s): the records of event %d digest to %s, event carries %s", st.Seq, st.Action, st.LedgerIndex, digest, ev.Digest)
			}
			if !slices.ContainsFunc(changes, func(c store.ChangeEntry) bool { return c.Table == "case_steps" && c.Key == st.ID }) {
				t.Errorf("step %d (%s): event %d does not digest the step row: %v", st.Seq, st.Action, st.LedgerIndex, changes)
			}
			var want []string
			for _, f := range st.Files {
				want = append(want, f.Digest)
			}
			if !slices.Equal(ev.Files, want) {
				t.Errorf("step %d (%s): event files %v, step evidence %v", st.Seq, st.Action, ev.Files, want)
			}
			if len(st.Files) > 0 {
				evidence++
				if got := []string{st.Files[0].Digest, st.Files[1].Digest}; !slices.Equal(got, []string{files[0].Digest, files[1].Digest}) {
					t.Errorf("evidence step files %v, uploaded %v", got, files)
				}
			}
		}
		if evidence != 1 {
			t.Errorf("%d steps with files, want 1", evidence)
		}

		// No leaf holds personal data in plain text: proofs and tiles are
		// public.
		n, err := db.LogSize()
		must(t, err)
		leaves, err := db.ReadLeaves(0, n)
		must(t, err)
		secrets := []string{person.Name, person.IDNumber, person.Phone, person.Address, "三元村", "城关镇"}
		for _, o := range []*registry.Officer{w.off1, w.off2, w.offStale, w.offHead, w.offReviewer} {
			secrets = append(secrets, o.Name, o.CertNo)
		}
		for i, leaf := range leaves {
			for _, s := range secrets {
				if strings.Contains(string(leaf), s) {
					t.Errorf("leaf %d holds %q: %s", i, s, leaf)
				}
			}
		}

		rep, err := ledger.Verify(db, v, origin)
		must(t, err)
		if !rep.OK() || rep.Size != n || rep.Checkpoints != 2 {
			t.Errorf("verify: size %d of %d, %d checkpoints, problems %v", rep.Size, n, rep.Checkpoints, rep.Problems)
		}
	})
}
