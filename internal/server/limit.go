package server

import (
	"context"
	"errors"
	"time"
)

// limiter admits at most `slots` checks at once and lets at most `queue`
// more wait, each for at most `wait`. A request that finds the queue full,
// or waits too long, is turned away at once (503 with Retry-After) rather
// than piling up: a client retrying later is better than every client
// timing out.
type limiter struct {
	slots chan struct{}
	queue chan struct{}
	wait  time.Duration
}

var (
	errQueueFull = errors.New("the server is at its limit of concurrent checks and its queue is full")
	errQueueWait = errors.New("no check slot became free within the queue wait")
)

func newLimiter(slots, queue int, wait time.Duration) *limiter {
	return &limiter{slots: make(chan struct{}, slots), queue: make(chan struct{}, max(queue, 0)), wait: wait}
}

// acquire takes a slot, waiting in the queue if there is room. The returned
// function gives the slot back.
func (l *limiter) acquire(ctx context.Context) (func(), error) {
	release := func() { <-l.slots }
	select {
	case l.slots <- struct{}{}:
		return release, nil
	default:
	}
	select {
	case l.queue <- struct{}{}:
	default:
		return nil, errQueueFull
	}
	defer func() { <-l.queue }()
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return release, nil
	case <-t.C:
		return nil, errQueueWait
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// inUse reports the slots taken and the requests waiting.
func (l *limiter) inUse() (running, waiting int) { return len(l.slots), len(l.queue) }
