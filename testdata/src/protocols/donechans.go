package protocols

import (
	"context"
	"errors"
	"fmt"
)

// B1, a done channel its constructor made room for (orbit.go's consumer
// groups): NewGroupMember gives done a buffer of one and starts the one
// goroutine that reports on it, whose every report is its last act. The
// report never waits, whether the caller reads Done() or not.
type GroupMember struct {
	updates <-chan ConfigUpdate
	done    chan error
	members []string
}

// ConfigUpdate is one change of a watched configuration.
type ConfigUpdate struct {
	Members []string
	Deleted bool
	Err     error
}

func NewGroupMember(ctx context.Context, updates <-chan ConfigUpdate) (*GroupMember, error) {
	if updates == nil {
		return nil, errors.New("no updates")
	}
	w := GroupMember{updates: updates}
	w.done = make(chan error, 1)
	go w.watch(ctx)
	return &w, nil
}

// Done returns the reason the watcher stopped: nil when it was stopped.
func (w *GroupMember) Done() <-chan error { return w.done }

func (w *GroupMember) watch(ctx context.Context) {
	for {
		select {
		case u, ok := <-w.updates:
			if !ok {
				w.done <- errors.New("updates closed")
				return
			}
			if u.Deleted {
				w.done <- nil
				return
			}
			if u.Err != nil {
				w.done <- fmt.Errorf("bad update: %w", u.Err)
				return
			}
			w.members = u.Members
		case <-ctx.Done():
			w.done <- nil
			return
		}
	}
}

// A member that can be restarted on the same value: the old goroutine's
// report and the new one's share one slot, and the second waits for a
// reader of Done() that may never come.
type Restartable struct {
	updates <-chan ConfigUpdate
	done    chan error
}

func NewRestartable(ctx context.Context, updates <-chan ConfigUpdate) *Restartable {
	f := Restartable{updates: updates}
	f.done = make(chan error, 1)
	go f.follow(ctx)
	return &f
}

// Restart starts following again, on the same done channel.
func (f *Restartable) Restart(ctx context.Context) { go f.follow(ctx) }

func (f *Restartable) follow(ctx context.Context) {
	for {
		select {
		case u, ok := <-f.updates:
			if !ok || u.Deleted {
				f.done <- nil // want `send on f.done may block forever`
				return
			}
		case <-ctx.Done():
			f.done <- nil // want `send on f.done may block forever`
			return
		}
	}
}

// A reporter that goes on after it reports: every bad update takes the
// one slot, and the second waits for a reader that is not there.
type Auditor struct {
	updates <-chan ConfigUpdate
	errs    chan error
}

func NewAuditor(ctx context.Context, updates <-chan ConfigUpdate) *Auditor {
	a := Auditor{updates: updates}
	a.errs = make(chan error, 1)
	go a.audit(ctx)
	return &a
}

// Errs returns the bad updates seen.
func (a *Auditor) Errs() <-chan error { return a.errs }

func (a *Auditor) audit(ctx context.Context) {
	for {
		select {
		case u := <-a.updates:
			if u.Err != nil {
				a.errs <- u.Err // want `send on a.errs may block forever`
			}
		case <-ctx.Done():
			return
		}
	}
}

// Two reporters for a slot of one: the second report waits.
type Pair struct {
	left, right <-chan ConfigUpdate
	done        chan error
}

func NewPair(ctx context.Context, left, right <-chan ConfigUpdate) *Pair {
	p := &Pair{left: left, right: right, done: make(chan error, 1)}
	go p.side(ctx, p.left)
	go p.side(ctx, p.right)
	return p
}

func (p *Pair) side(ctx context.Context, updates <-chan ConfigUpdate) {
	for {
		select {
		case u := <-updates:
			if u.Deleted {
				p.done <- nil // want `send on p.done may block forever`
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// A respawn through a local that points at a long-lived worker: two
// respawns start two goroutines on the worker, and after the second make
// both report into its newest slot of one.
type RespawnPool struct {
	ctx     context.Context
	workers []*Respawned
}

type Respawned struct {
	jobs chan string
	done chan error
}

func (p *RespawnPool) respawn(i int) {
	w := p.workers[i]
	w.done = make(chan error, 1)
	go w.run(p.ctx)
}

func (w *Respawned) run(ctx context.Context) {
	for {
		select {
		case _, ok := <-w.jobs:
			if !ok {
				w.done <- errors.New("jobs closed") // want `send on w.done may block forever`
				return
			}
		case <-ctx.Done():
			w.done <- ctx.Err() // want `send on w.done may block forever`
			return
		}
	}
}

// A lease that also hands its done channel to a second sender, which
// reports the deadline through a parameter: two sends for one slot.
type Lease struct {
	renewals <-chan ConfigUpdate
	done     chan error
}

func NewLease(ctx context.Context, renewals <-chan ConfigUpdate) *Lease {
	l := &Lease{renewals: renewals}
	l.done = make(chan error, 1)
	go l.hold(ctx)
	go expire(ctx, l.done)
	return l
}

func expire(ctx context.Context, done chan<- error) {
	<-ctx.Done()
	done <- ctx.Err()
}

func (l *Lease) hold(ctx context.Context) {
	for {
		select {
		case u, ok := <-l.renewals:
			if !ok || u.Deleted {
				l.done <- nil // want `send on l.done may block forever`
				return
			}
		case <-ctx.Done():
			l.done <- nil // want `send on l.done may block forever`
			return
		}
	}
}

// Subtasks that report into their parent's slot: two failing subtasks
// make two sends into one.
type Subtask struct {
	parent *Subtask
	jobs   chan func() error
	done   chan error
}

func NewSubtask(ctx context.Context, parent *Subtask, jobs chan func() error) *Subtask {
	t := &Subtask{parent: parent, jobs: jobs}
	t.done = make(chan error, 1)
	go t.run(ctx)
	return t
}

func (t *Subtask) run(ctx context.Context) {
	for {
		select {
		case job := <-t.jobs:
			if err := job(); err != nil && t.parent != nil {
				t.parent.done <- err // want `send on t.parent.done may block forever`
				return
			}
		case <-ctx.Done():
			t.done <- ctx.Err() // want `send on t.done may block forever`
			return
		}
	}
}

// A deadline literal that shares the slot with the watch loop: the
// constructor's own literal sends on done too, and after the context is
// cancelled both send into one slot. The literal's send, made on another
// goroutine, does not make done a token pool that the loop refills.
type Deadlined struct {
	updates <-chan ConfigUpdate
	done    chan error
}

func NewDeadlined(ctx context.Context, updates <-chan ConfigUpdate) *Deadlined {
	d := Deadlined{updates: updates}
	d.done = make(chan error, 1)
	go d.watch(ctx)
	go func() {
		<-ctx.Done()
		d.done <- ctx.Err()
	}()
	return &d
}

func (d *Deadlined) watch(ctx context.Context) {
	for {
		select {
		case u, ok := <-d.updates:
			if !ok || u.Deleted {
				d.done <- nil // want `send on d.done may block forever`
				return
			}
		case <-ctx.Done():
			d.done <- ctx.Err() // want `send on d.done may block forever`
			return
		}
	}
}
