package protocols

import (
	"errors"
	"net/http"
	"time"
)

var errWriteTimeout = errors.New("write timeout")

// A zero timeout means wait forever: writeOutput waits without bound
// only when d == 0, and every caller gives it five seconds, so its send
// is the one in the select with the timer (toxiproxy's toxic stubs).
type ToxicStub struct{ out chan []byte }

func (s *ToxicStub) writeOutput(p []byte, d time.Duration) error {
	if d == 0 {
		s.out <- p
		return nil
	}
	select {
	case s.out <- p:
		return nil
	case <-time.After(d):
		return errWriteTimeout
	}
}

func (s *ToxicStub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_ = s.writeOutput(nil, 5*time.Second)
}

// The same stub given no timeout by its handler waits forever on a
// reader that is gone.
type PatientStub struct{ out chan []byte }

func (s *PatientStub) writeOutput(p []byte, d time.Duration) error {
	if d == 0 {
		s.out <- p // want `send on s.out may block forever`
		return nil
	}
	select {
	case s.out <- p:
		return nil
	case <-time.After(d):
		return errWriteTimeout
	}
}

func (s *PatientStub) serve(w http.ResponseWriter, r *http.Request) {
	_ = s.writeOutput(nil, 0)
}
