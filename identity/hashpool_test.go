package identity

import (
	"context"
	"sync"
	"testing"
)

// queued waits until the pool has n waiters in all.
func queued(p *hashPool, n int) {
	for {
		p.mu.Lock()
		l := len(p.fast) + len(p.slow)
		p.mu.Unlock()
		if l == n {
			return
		}
	}
}

// TestHashPoolOrder: with the one slot taken, waiters from known addresses
// are served before earlier waiters from unknown ones, each lane in order;
// a waiter whose context ends leaves the queue and the slot goes on.
func TestHashPoolOrder(t *testing.T) {
	ctx := context.Background()
	p := newHashPool(1)
	if err := p.acquire(ctx, false); err != nil {
		t.Fatal(err)
	}
	order := make(chan string, 4)
	var wg sync.WaitGroup
	wait := func(name string, fast bool) {
		defer wg.Done()
		if err := p.acquire(ctx, fast); err != nil {
			t.Error(err)
			return
		}
		order <- name
		p.release()
	}
	cctx, cancel := context.WithCancel(ctx)
	gone := make(chan error)
	go func() { gone <- p.acquire(cctx, true) }()
	queued(p, 1)
	wg.Add(3)
	go wait("slow1", false)
	queued(p, 2)
	go wait("slow2", false)
	queued(p, 3)
	go wait("fast1", true)
	queued(p, 4)
	cancel()
	if err := <-gone; err == nil {
		t.Fatal("cancelled waiter got a slot")
	}
	p.release()
	var got []string
	for range 3 {
		got = append(got, <-order)
	}
	if want := "[fast1 slow1 slow2]"; fmtList(got) != want {
		t.Errorf("order = %v, want %s", got, want)
	}
	wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.free != 1 || len(p.fast)+len(p.slow) != 0 {
		t.Errorf("at the end: %d free slots, %d waiters; want 1 and 0", p.free, len(p.fast)+len(p.slow))
	}
}

func fmtList(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out + "]"
}
