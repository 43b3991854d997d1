// Package api is the HTTP front of a job service: its handlers enqueue
// work in package queue. The waits are in the other package, so they are
// found through queue's summaries and flagged at the calls here.
package api

import (
	"context"
	"net/http"
	"time"

	"queue"
)

type API struct {
	q   *queue.Queue
	buf *queue.Buffer
}

func job(r *http.Request) queue.Job { return queue.Job{ID: r.URL.Query().Get("id")} }

func (a *API) submit(w http.ResponseWriter, r *http.Request) {
	a.q.Push(job(r)) // want `call: call to queue.\(\*Queue\).Push may block forever at send on q.jobs \(queue.go:40\): no default, ctx.Done\(\) or timeout case \(HTTP handler \(\*API\).submit → queue.\(\*Queue\).Push → queue.\(\*Queue\).push\); call a variant bounded by r.Context\(\); 1 other call in this package reaches it too`
}

func (a *API) submitBatch(w http.ResponseWriter, r *http.Request) {
	a.enqueueAll([]queue.Job{job(r)})
}

// enqueueAll is a helper of this package. Its call reaches the same send
// in queue as submit's: the package gets one finding for that send, at
// submit's call, which lists this one as related information.
func (a *API) enqueueAll(js []queue.Job) {
	a.q.PushAll(js)
}

func (a *API) submitBounded(w http.ResponseWriter, r *http.Request) {
	if err := a.q.PushContext(r.Context(), job(r)); err != nil {
		http.Error(w, "queue full", http.StatusServiceUnavailable)
	}
}

func (a *API) submitWithTimeout(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = a.q.PushContext(ctx, job(r))
}

func (a *API) submitDetached(w http.ResponseWriter, r *http.Request) {
	_ = a.q.PushContext(context.Background(), job(r)) // want `ctx: call to queue.\(\*Queue\).PushContext with context.Background\(\) may block forever: it waits until its context is done, and this one never is \(HTTP handler \(\*API\).submitDetached\); pass r.Context\(\)`
}

func (a *API) submitTODO(w http.ResponseWriter, r *http.Request) {
	ctx := context.WithValue(context.TODO(), "user", "x")
	_ = a.q.PushContext(ctx, job(r)) // want `ctx: call to queue.\(\*Queue\).PushContext with ctx may block forever`
}

func (a *API) offer(w http.ResponseWriter, r *http.Request) {
	if a.q.Offer(job(r)) != nil || a.q.PushUntilStopped(job(r)) != nil {
		http.Error(w, "queue full", http.StatusServiceUnavailable)
	}
}

func (a *API) buffer(w http.ResponseWriter, r *http.Request) {
	if !a.buf.TryPut(job(r)) {
		a.buf.Put(job(r)) // want `call: call to queue.\(\*Buffer\).Put may block forever at call to sync.\(\*Cond\).Wait \(queue.go:96\): it returns only after another goroutine calls Signal or Broadcast`
	}
}

// locked runs a literal under the buffer's lock, synchronously: its send
// is on the handler's path.
func (a *API) locked(w http.ResponseWriter, r *http.Request, done chan bool) {
	a.buf.Locked(func() {
		done <- true // not a handler: the signature has three parameters
	})
}

func (a *API) lockedHandler(w http.ResponseWriter, r *http.Request) {
	results := make(chan string)
	a.buf.Locked(func() {
		results <- "locked" // want `send: send on results may block forever: .* \(HTTP handler \(\*API\).lockedHandler\)`
	})
}

func (a *API) retry(w http.ResponseWriter, r *http.Request) {
	a.q.Retry(3, job(r)) // want `call: call to queue.\(\*Queue\).Retry may block forever`
	_ = queue.Ping(3)
}

// worker drains the queue; it runs in its own goroutine, off any hot path.
func (a *API) worker() {
	for {
		_ = a.q.Next()
	}
}

func (a *API) Start() {
	go a.worker()
}
