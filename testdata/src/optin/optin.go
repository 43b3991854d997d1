// Package optin is a key-generation service whose HTTP handlers hand
// work to a long-lived protocol goroutine and wait for its answer (the
// ssv-dkg shape), with the recv and wait checks turned on: a bare receive
// of the reply pins one handler goroutine per request when the protocol
// stalls.
package optin

import (
	"context"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

type request struct {
	id    string
	reply chan string
}

type Service struct {
	requests chan request
	results  chan string
	updates  chan string
	cond     *sync.Cond
	uploads  chan struct{}
}

func (s *Service) init(w http.ResponseWriter, r *http.Request) {
	req := request{id: r.URL.Query().Get("id"), reply: make(chan string, 1)}
	s.requests <- req  // want `send: send on s.requests may block forever`
	key := <-req.reply // want `recv: receive from req.reply may block forever: no default, ctx.Done\(\) or timeout case \(HTTP handler \(\*Service\).init\); add a case <-r.Context\(\).Done\(\)`
	_, _ = w.Write([]byte(key))
}

func (s *Service) initBounded(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), time.Minute)
	defer cancel()
	req := request{id: r.URL.Query().Get("id"), reply: make(chan string, 1)}
	select {
	case s.requests <- req:
	case <-ctx.Done():
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	select {
	case key := <-req.reply:
		_, _ = w.Write([]byte(key))
	case <-ctx.Done():
		http.Error(w, "timed out", http.StatusServiceUnavailable)
	}
}

func (s *Service) stream(w http.ResponseWriter, r *http.Request) {
	for u := range s.updates { // want `recv: range over s.updates may block forever: it ends only when the channel is closed`
		_, _ = w.Write([]byte(u))
	}
}

// pause waits for cancellation or a timer: both always end.
func (s *Service) pause(w http.ResponseWriter, r *http.Request) {
	<-time.After(10 * time.Millisecond)
	<-r.Context().Done()
	t := time.NewTimer(time.Millisecond)
	<-t.C
}

func (s *Service) gather(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() { defer wg.Done() }()
	}
	wg.Wait() // want `wait: call to sync.\(\*WaitGroup\).Wait may block forever: it returns only when every Add is matched by Done \(HTTP handler \(\*Service\).gather\); use errgroup.WithContext with members that honour the context`

	g, _ := errgroup.WithContext(r.Context())
	g.Go(func() error { return nil })
	_ = g.Wait() // want `wait: call to errgroup.\(\*Group\).Wait may block forever`
}

func (s *Service) await(w http.ResponseWriter, r *http.Request) {
	s.cond.L.Lock()
	s.cond.Wait() // want `call: call to sync.\(\*Cond\).Wait may block forever: it returns only after another goroutine calls Signal or Broadcast`
	s.cond.L.Unlock()
}

// drain waits until every upload holding a slot of the semaphore has
// given it back: filling it to capacity is a join, like wg.Wait.
func (s *Service) drain(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < cap(s.uploads); i++ {
		s.uploads <- struct{}{} // want `wait: fill of s.uploads to its capacity may block forever: it waits until every holder of a slot gives it back`
	}
}
