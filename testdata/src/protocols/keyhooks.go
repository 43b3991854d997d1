package protocols

import (
	"context"
	"time"
)

// Test hooks filled only by the tests (SPIRE's key managers): the
// rotation task tells its tests each time it disposed of old keys, on a
// channel that production code never sets and every send checks first.
// In production the send never runs. The audit channel looks the same,
// but SetAudit lets production code fill it, and once the auditor stops
// reading, the rotation task waits: that send stays reported.
type KeyRotator struct {
	hooks struct {
		disposed chan error
		audit    chan error
	}
	every time.Duration
}

// SetAudit makes the rotator report each disposal on audit.
func (k *KeyRotator) SetAudit(audit chan error) { k.hooks.audit = audit }

func (k *KeyRotator) Run(ctx context.Context) { // want Run:"may block forever: send on k.hooks.audit"
	ticker := time.NewTicker(k.every)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
			err := k.dispose(ctx)
			k.notifyDisposed(err)
			if k.hooks.audit != nil {
				k.hooks.audit <- err // want `send on k.hooks.audit may block forever`
			}
		case <-ctx.Done():
			return
		}
	}
}

func (k *KeyRotator) notifyDisposed(err error) {
	if k.hooks.disposed != nil {
		k.hooks.disposed <- err
	}
}

func (k *KeyRotator) dispose(ctx context.Context) error { return ctx.Err() }

// A generic relay whose observer production code does fill, through the
// constructor: the instantiated field is the same field, and the send
// stays reported.
type Relay[T any] struct {
	observer chan T
}

func NewRelay[T any](observer chan T) *Relay[T] { return &Relay[T]{observer: observer} }

func (r *Relay[T]) Run(ctx context.Context, in <-chan T) { // want Run:"may block forever: send on r.observer"
	for {
		select {
		case v := <-in:
			if r.observer != nil {
				r.observer <- v // want `send on r.observer may block forever`
			}
		case <-ctx.Done():
			return
		}
	}
}

// A trace hook that a debug build fills (keyhooks_debug.go): the build
// analysed does not set it, another does, and the send stays reported.
type TraceRotator struct {
	trace chan string
}

func (t *TraceRotator) Run(ctx context.Context, names <-chan string) { // want Run:"may block forever: send on t.trace"
	for {
		select {
		case n := <-names:
			if t.trace != nil {
				t.trace <- n // want `send on t.trace may block forever`
			}
		case <-ctx.Done():
			return
		}
	}
}

// A tap that production code opens and stores with a second result: no
// plain store of the field, but a use that fills it, and the send stays
// reported.
type TapRotator struct {
	tap chan string
}

func openTap() (chan string, error) { return make(chan string), nil }

// Open starts tapping the rotated names.
func (t *TapRotator) Open() (err error) {
	t.tap, err = openTap()
	return err
}

func (t *TapRotator) Run(ctx context.Context, names <-chan string) { // want Run:"may block forever: send on t.tap"
	for {
		select {
		case n := <-names:
			if t.tap != nil {
				t.tap <- n // want `send on t.tap may block forever`
			}
		case <-ctx.Done():
			return
		}
	}
}
