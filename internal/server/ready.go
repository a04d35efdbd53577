package server

import (
	"context"
	"errors"
	"sync"
	"time"
)

// readiness remembers whether Vale works. A probe runs Vale on a tiny text
// at start and again when the answer is older than ttl; /readyz answers
// from the cache at once (refreshing it in the background), so a load
// balancer's probe never waits for Vale. Every batch a request runs also
// counts as a probe.
type readiness struct {
	base  context.Context // cancelled when the server stops
	ttl   time.Duration
	probe func(ctx context.Context) error
	wg    *sync.WaitGroup // counts probes under way

	mu       sync.Mutex
	at       time.Time // when err was recorded; zero: never
	err      error
	running  chan struct{}
	stopping bool
}

var errStarting = errors.New("starting: the first Vale check is under way")

// start runs the first probe.
func (r *readiness) start() { r.refresh() }

// state returns the cached answer, starting a refresh when it is stale.
func (r *readiness) state() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopping {
		return errors.New("shutting down")
	}
	if r.at.IsZero() || time.Since(r.at) >= r.ttl {
		r.refreshLocked()
	}
	if r.at.IsZero() {
		return errStarting
	}
	return r.err
}

// wait blocks until the first probe has finished (for tests and start-up
// logging).
func (r *readiness) wait(ctx context.Context) error {
	r.mu.Lock()
	ch := r.running
	done := !r.at.IsZero()
	r.mu.Unlock()
	if !done && ch != nil {
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.at.IsZero() {
		return errStarting
	}
	return r.err
}

func (r *readiness) refresh() {
	r.mu.Lock()
	r.refreshLocked()
	r.mu.Unlock()
}

func (r *readiness) refreshLocked() {
	if r.running != nil {
		return
	}
	ch := make(chan struct{})
	r.running = ch
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		ctx, cancel := context.WithTimeout(r.base, 30*time.Second)
		err := r.probe(ctx)
		cancel()
		r.mu.Lock()
		r.at, r.err, r.running = time.Now(), err, nil
		r.mu.Unlock()
		close(ch)
	}()
}

// record notes the outcome of a real engine run.
func (r *readiness) record(err error) {
	r.mu.Lock()
	r.at, r.err = time.Now(), err
	r.mu.Unlock()
}

// stop makes /readyz fail from now on: the server is draining.
func (r *readiness) stop() {
	r.mu.Lock()
	r.stopping = true
	r.mu.Unlock()
}
