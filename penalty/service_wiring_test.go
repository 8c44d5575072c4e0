package penalty_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// fakeDeadlines records the limits a step sets and meets, storing none.
type fakeDeadlines struct{ set, met []string }

func (d *fakeDeadlines) Set(_ publicity.Tx, _ *calendar.Calendar, object string, _ int64, ruleID string, start calendar.Date, _ int64) (calendar.Date, error) {
	d.set = append(d.set, object+" "+ruleID)
	return start, nil
}

func (d *fakeDeadlines) Meet(_ publicity.Tx, object, ruleID string, _ calendar.Date) error {
	d.met = append(d.met, object+" "+ruleID)
	return zhifa.Errorf(zhifa.ENOTFOUND, "no deadline")
}

func (d *fakeDeadlines) Rule(ruleID string, _ int) (deadline.Rule, error) {
	r, _ := deadline.Lookup(ruleID)
	return r, nil
}

// TestServiceStandsAlone builds penalty.Service from its own dependencies —
// the store's adapters, a Guard, the clock — without the service aggregate,
// and registers, opens and reads a case through it: the context needs no
// more than it declares. The deadlines are a fake, which shows that the
// step asks for exactly the limits DeadlineEffects names.
func TestServiceStandsAlone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newCaseWorld(t, db) // the people, through the aggregate
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		dl := &fakeDeadlines{}
		svc := &penalty.Service{Store: store.PenaltyStore(db), Registry: store.RegistryStore(db), Deadlines: dl,
			Calendar: func(context.Context) (*calendar.Calendar, error) { return nil, nil },
			Guard:    access.Guard{Denials: db, Log: log}, Now: func() time.Time { return w.now }, Log: log}
		c, err := svc.RegisterCase(ctx, w.o1, penalty.CaseInput{MatterID: w.matter.ID, Source: "监督检查",
			Summary: "城关镇一家小餐馆销售超过保质期的食品", Party: person, HandlerIDs: []int64{w.off1.ID, w.off2.ID}})
		must(t, err)
		if !strings.HasPrefix(c.Number, "汉阴市监案〔") || c.Stage != string(penalty.Registered) {
			t.Fatalf("registered case %q at %q", c.Number, c.Stage)
		}
		res, err := svc.RecordStep(ctx, w.head, c.ID, penalty.StepInput{Action: penalty.Open, Fields: map[string]string{"opinion": "同意立案"}})
		must(t, err)
		if res.Case.Stage != string(penalty.Opened) {
			t.Errorf("opened case at %q", res.Case.Stage)
		}
		eff := penalty.DeadlineEffects(penalty.Open, res.Step.Fields, false)
		var want []string
		for _, s := range eff.Starts {
			want = append(want, c.Object()+" "+s.Rule)
		}
		if len(want) == 0 || !slices.Equal(dl.set, want) { // 立案 starts T6
			t.Errorf("deadlines set %q, want %q", dl.set, want)
		}
		d, err := svc.Case(ctx, w.o1, c.ID)
		must(t, err)
		if len(d.Steps) != 2 || d.Publication != nil || d.Officers[w.off1.ID] == nil {
			t.Errorf("case page: %d steps, publication %v, officers %v", len(d.Steps), d.Publication, d.Officers)
		}
		// Without a file store an upload is refused, not a panic.
		if _, err := svc.UploadFile(ctx, w.o1, c.ID, "a.txt", "text/plain", strings.NewReader("x")); zhifa.ErrorCode(err) != zhifa.EINTERNAL {
			t.Errorf("upload without a file store: %v, want EINTERNAL", err)
		}
	})
}
