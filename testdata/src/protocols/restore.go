package protocols

import (
	"errors"
	"time"
)

// B1 with exit sends: the restore monitor, an event loop, reports once,
// on whichever path it finishes, into a channel with room for one: it
// cannot hang even if nobody ever reads the result.
type Restorer struct {
	results chan error
	active  chan struct{}
}

// supervise runs f, restarting nothing: its sends are this caller's.
func supervise(f func()) { f() }

func (s *Restorer) restore() <-chan error {
	doneCh := make(chan error, 1)
	supervise(func() {
		idle := time.NewTimer(time.Minute)
		defer idle.Stop()
		finish := func(err error) {
			if err != nil {
				err = errors.Join(errors.New("restore"), err)
			}
			doneCh <- err
		}
		for {
			select {
			case err := <-s.results:
				finish(err)
				return
			case <-s.active:
				idle.Reset(time.Minute)
			case <-idle.C:
				doneCh <- errors.New("restore timed out")
				return
			}
		}
	})
	return doneCh
}

// A monitor that reports progress before its result needs more room.
func (s *Restorer) restoreVerbose() <-chan error {
	doneCh := make(chan error, 1)
	supervise(func() {
		for {
			select {
			case err := <-s.results:
				doneCh <- nil // want `send on doneCh may block forever`
				doneCh <- err // want `send on doneCh may block forever`
				return
			case <-s.active:
			}
		}
	})
	return doneCh
}
