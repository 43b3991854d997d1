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
