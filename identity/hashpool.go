package identity

import (
	"context"
	"sync"
)

// hashPool bounds how many password checks run at once. Waiters from
// addresses that have logged in before (in this process) go first: under a
// flood from many fresh addresses the county's own machines still get their
// turn at the next free slot, while every attempt, theirs included, still
// costs one full hash. Within a lane the order is first come, first served.
type hashPool struct {
	mu         sync.Mutex
	free       int
	fast, slow []chan struct{}
}

func newHashPool(n int) *hashPool { return &hashPool{free: max(n, 1)} }

// acquire takes a slot, waiting in the fast lane if fast; it fails only
// when ctx ends first.
func (p *hashPool) acquire(ctx context.Context, fast bool) error {
	p.mu.Lock()
	if p.free > 0 {
		p.free--
		p.mu.Unlock()
		return nil
	}
	ch := make(chan struct{}, 1)
	if fast {
		p.fast = append(p.fast, ch)
	} else {
		p.slow = append(p.slow, ch)
	}
	p.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		p.mu.Lock()
		removed := remove(&p.fast, ch) || remove(&p.slow, ch)
		p.mu.Unlock()
		if !removed { // granted meanwhile: pass the slot on
			p.release()
		}
		return ctx.Err()
	}
}

// release gives the slot to the first fast waiter, else the first slow one.
func (p *hashPool) release() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, q := range []*[]chan struct{}{&p.fast, &p.slow} {
		if len(*q) > 0 {
			ch := (*q)[0]
			*q = (*q)[1:]
			ch <- struct{}{}
			return
		}
	}
	p.free++
}

func remove(q *[]chan struct{}, ch chan struct{}) bool {
	for i, c := range *q {
		if c == ch {
			*q = append((*q)[:i], (*q)[i+1:]...)
			return true
		}
	}
	return false
}
