package server

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/copydesk/copydesk/internal/engine"
	"github.com/copydesk/copydesk/internal/vale"
)

// The batcher puts checks that arrive together, and share engine settings,
// into one engine.Check and one engine.Fix: one Vale process for the batch
// instead of one per request. Vale's start-up (loading the styles) costs far
// more than linting a story, so a batch of 16 costs little more than a batch
// of one.
//
// A batch opens when a check arrives, waits `wait` for company, then waits
// for one of `runs` engine slots; it takes every check that arrived meanwhile
// (up to maxItems). So under light load a check waits only `wait`, and under
// heavy load batches grow by themselves while the slots are busy, and at
// most `runs` Vale processes exist at once (each takes about 65 MB).
//
// Isolation: each request keeps its own deadline and stops waiting when it
// passes; the batch's context is cancelled (killing Vale) only when every
// request in it has given up. When a batch fails for a reason other than a
// deadline (a panic, Vale rejecting the input), its requests are checked
// again one by one, so that one bad request cannot fail the others.
type batcher struct {
	wait     time.Duration // how long a new batch waits for company; <= 0: no batching
	maxItems int           // a full batch stops taking checks and runs as soon as it has a slot
	maxBytes int
	runs     chan struct{}   // engine runs at once
	base     context.Context // cancelled when the server stops for good
	run      func(ctx context.Context, eng *engine.Engine, inputs []engine.Input) ([]engine.FixResult, error)
	log      func(msg string, args ...any)
	wg       *sync.WaitGroup // counts batches under way, so that a stop can wait for their clean-up

	mu   sync.Mutex
	open map[*engine.Engine]*batch
}

type batch struct {
	eng   *engine.Engine
	jobs  []*job // guarded by batcher.mu until the batch is closed
	bytes int
	full  chan struct{} // closed when the batch stops taking checks
}

type job struct {
	ctx context.Context
	in  engine.Input
	out chan outcome // buffered: the batch never blocks on a request that left
}

type outcome struct {
	res  engine.FixResult
	err  error
	size int // how many requests shared the engine run
}

// panicError is a recovered panic.
type panicError struct {
	val   any
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprintf("internal error: %v", p.val) }

// submit queues one input and waits for its result or its context.
func (b *batcher) submit(ctx context.Context, eng *engine.Engine, in engine.Input) outcome {
	j := &job{ctx: ctx, in: in, out: make(chan outcome, 1)}
	b.add(eng, j)
	select {
	case o := <-j.out:
		return o
	case <-ctx.Done():
		return outcome{err: ctx.Err()}
	}
}

func (b *batcher) add(eng *engine.Engine, j *job) {
	b.mu.Lock()
	bt := b.open[eng]
	if bt == nil {
		bt = &batch{eng: eng, full: make(chan struct{})}
		b.open[eng] = bt
		b.wg.Add(1)
		go b.launch(bt)
	}
	bt.jobs = append(bt.jobs, j)
	bt.bytes += len(j.in.Text)
	if b.wait <= 0 || len(bt.jobs) >= b.maxItems || bt.bytes >= b.maxBytes {
		b.closeLocked(bt)
	}
	b.mu.Unlock()
}

// closeLocked stops a batch from taking more checks.
func (b *batcher) closeLocked(bt *batch) {
	if b.open[bt.eng] == bt {
		delete(b.open, bt.eng)
		close(bt.full)
	}
}

// launch waits for company and for an engine slot, then runs the batch.
func (b *batcher) launch(bt *batch) {
	defer b.wg.Done()
	if b.wait > 0 {
		t := time.NewTimer(b.wait)
		select {
		case <-t.C:
		case <-bt.full:
			t.Stop()
		}
	}
	b.runs <- struct{}{}
	defer func() { <-b.runs }()
	b.mu.Lock()
	b.closeLocked(bt)
	jobs := bt.jobs
	b.mu.Unlock()
	b.execute(bt.eng, jobs)
}

// execute runs one batch and hands each request its result.
func (b *batcher) execute(eng *engine.Engine, jobs []*job) {
	var live []*job
	for _, j := range jobs {
		if j.ctx.Err() == nil {
			live = append(live, j)
		}
	}
	if len(live) == 0 {
		return
	}
	res, err := b.runJobs(eng, live)
	if err != nil && len(live) > 1 && isolatable(err) {
		b.log("batch failed; checking its requests one by one", "batch", len(live), "err", err.Error())
		for _, j := range live {
			if j.ctx.Err() != nil {
				continue
			}
			res, err := b.runJobs(eng, []*job{j})
			if err != nil {
				j.out <- outcome{err: err, size: 1}
				continue
			}
			j.out <- outcome{res: res[0], size: 1}
		}
		return
	}
	for i, j := range live {
		if err != nil {
			j.out <- outcome{err: err, size: len(live)}
			continue
		}
		j.out <- outcome{res: res[i], size: len(live)}
	}
}

// runJobs runs the engine over jobs with a context that ends when every
// job has given up (or the server stops for good). A panic becomes an
// error.
func (b *batcher) runJobs(eng *engine.Engine, jobs []*job) (res []engine.FixResult, err error) {
	ctx, cancel := context.WithCancel(b.base)
	defer cancel()
	remaining := int64(len(jobs))
	for _, j := range jobs {
		stop := context.AfterFunc(j.ctx, func() {
			if atomic.AddInt64(&remaining, -1) == 0 {
				cancel()
			}
		})
		defer stop()
	}
	inputs := make([]engine.Input, len(jobs))
	for i, j := range jobs {
		inputs[i] = j.in
	}
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, &panicError{val: p, stack: debug.Stack()}
		}
	}()
	res, err = b.run(ctx, eng, inputs)
	if err == nil && len(res) != len(jobs) {
		err = fmt.Errorf("engine returned %d results for %d inputs", len(res), len(jobs))
	}
	return res, err
}

// isolatable: errors that one input could have caused. A missing Vale or
// a passed deadline would only repeat.
func isolatable(err error) bool {
	return !errors.Is(err, vale.ErrNotFound) && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}
