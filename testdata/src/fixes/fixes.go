// Package fixes is a job service whose blocking operations have a
// mechanical fix: each finding here carries one suggested fix, and
// fixes.go.golden is this file with every fix applied.
package fixes

import (
	"context"
	"database/sql"
	"net/http"

	"github.com/gin-gonic/gin"

	"queue"
)

type Service struct {
	jobs chan string
	q    *queue.Queue
	db   *sql.DB
}

func (s *Service) submit(w http.ResponseWriter, r *http.Request) {
	s.jobs <- r.FormValue("id") // want `send: send on s.jobs may block forever`
	w.WriteHeader(http.StatusAccepted)
}

func (s *Service) enqueue(ctx context.Context, id string) error {
	s.jobs <- id // want `send: send on s.jobs may block forever`
	return nil
}

func (s *Service) count(ctx context.Context, id string) (int, *Service, error) {
	s.jobs <- id // want `send: send on s.jobs may block forever`
	return 1, s, nil
}

// forward is an event loop; its case bodies are hot.
func (s *Service) forward(ctx context.Context, in chan string, control chan bool) {
	for {
		select {
		case id := <-in:
			s.jobs <- id // want `send: send on s.jobs may block forever`
		case <-control:
		case <-ctx.Done():
			return
		}
	}
}

// useHelpers reaches the helpers above with the request's context.
func (s *Service) useHelpers(w http.ResponseWriter, r *http.Request) {
	_ = s.enqueue(r.Context(), "x")
	_, _, _ = s.count(r.Context(), "y")
}

func (s *Service) push(w http.ResponseWriter, r *http.Request) {
	s.q.Push(queue.Job{ID: r.FormValue("id")}) // want `call: call to queue.\(\*Queue\).Push may block forever`
}

func (s *Service) list(w http.ResponseWriter, r *http.Request) {
	rows, err := s.db.Query("SELECT id FROM jobs") // want `pool: call to sql.\(\*DB\).Query may block forever`
	_, _ = rows, err
}

func (s *Service) detached(w http.ResponseWriter, r *http.Request) {
	_ = s.q.PushContext(context.Background(), queue.Job{}) // want `ctx: call to queue.\(\*Queue\).PushContext with context.Background\(\) may block forever`
}

func (s *Service) ginSubmit(c *gin.Context) {
	s.jobs <- c.Param("id") // want `send: send on s.jobs may block forever`
}

// noFix: the send is in an if statement's init, which a select cannot
// replace in place.
func (s *Service) noFix(w http.ResponseWriter, r *http.Request) {
	if s.jobs <- "x"; r.Method == http.MethodPost { // want `send: send on s.jobs may block forever`
		return
	}
}

// noContext: nothing to select on, so no fix; the message gives advice.
func (s *Service) noContext(id string) {
	s.jobs <- id // want `send: send on s.jobs may block forever: .*; add a cancellation, timeout or default case`
}

func (s *Service) callsNoContext(w http.ResponseWriter, r *http.Request) {
	s.noContext("x")
}
