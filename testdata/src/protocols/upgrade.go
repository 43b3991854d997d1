package protocols

import (
	"errors"
	"net/http"
	"time"
)

// K1 in a select: one upgrade at a time; an upgrade that fails gives
// the token it took back.
var upgradeUnlocked = make(chan bool, 1)

func init() { upgradeUnlocked <- true }

var errUpgradeInProgress = errors.New("upgrade in progress")

func upgradeTo(version string) error {
	select {
	case <-upgradeUnlocked:
		if err := download(version); err != nil {
			upgradeUnlocked <- true
			return err
		}
		return nil
	default:
		return errUpgradeInProgress
	}
}

func download(version string) error { return nil }

func postUpgrade(w http.ResponseWriter, r *http.Request) {
	if err := upgradeTo(r.FormValue("version")); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// A case that took from another channel gives nothing back.
var (
	jobs    = make(chan string, 16)
	retries = make(chan string, 16)
)

func requeue(w http.ResponseWriter, r *http.Request) {
	select {
	case j := <-retries:
		jobs <- j // want `send on jobs may block forever`
	default:
	}
}

// A write lock taken in a select with a deadline, given back by a
// deferred send: the token the case took (K1). A send on another token
// channel after it gives back nothing it took.
type WSConn struct {
	mu    chan struct{}
	ready chan struct{}
}

func (c *WSConn) write(w http.ResponseWriter, r *http.Request) {
	timer := time.NewTimer(time.Second)
	select {
	case <-c.mu:
		timer.Stop()
	case <-timer.C:
		return
	}
	defer func() { c.mu <- struct{}{} }()
}

func (c *WSConn) writeReady(w http.ResponseWriter, r *http.Request) {
	timer := time.NewTimer(time.Second)
	select {
	case <-c.mu:
		timer.Stop()
	case <-timer.C:
		return
	}
	c.ready <- struct{}{} // want `send on c.ready may block forever`
	c.mu <- struct{}{}
}
