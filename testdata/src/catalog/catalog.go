// Package catalog is a reporting service whose handlers call the
// standard library and common modules: each known-blocking call is
// flagged when nothing bounds it, and its bounded form is not.
package catalog

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"os/exec"
	"time"

	"golang.org/x/sync/semaphore"
	"golang.org/x/time/rate"
	"google.golang.org/grpc"
)

type Reports struct {
	db      *sql.DB
	stmt    *sql.Stmt
	sem     *semaphore.Weighted
	limiter *rate.Limiter
	conn    *grpc.ClientConn
	client  *http.Client
	pipe    *io.PipeWriter
	srv     *http.Server
}

func (s *Reports) list(w http.ResponseWriter, r *http.Request) {
	// Pool waits without a context are the pool check's, off by default
	// (package pool).
	rows, _ := s.db.Query("SELECT 1")
	_ = rows
	_, _ = s.db.Exec("DELETE FROM t")
	_ = s.db.QueryRow("SELECT 1")
	_, _ = s.db.Begin()
	_ = s.db.Ping()
	_, _ = s.stmt.Query()
	_, _ = s.db.QueryContext(r.Context(), "SELECT 1")
	_, _ = s.db.ExecContext(context.Background(), "SELECT 1") // want `ctx: call to sql.\(\*DB\).ExecContext with context.Background\(\) may block forever: it waits until its context is done, and this one never is \(HTTP handler \(\*Reports\).list\); pass r.Context\(\)`
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, _ = s.db.Conn(ctx)
}

func (s *Reports) fetch(w http.ResponseWriter, r *http.Request) {
	_, _ = http.Get("http://upstream/report")        // want `call: call to http.Get may block forever: http.DefaultClient has no timeout: a server that never answers holds the call forever`
	_, _ = http.DefaultClient.Get("http://upstream") // want `call: call to http.\(\*Client\).Get may block forever`
	req, _ := http.NewRequest("GET", "http://upstream", nil)
	_, _ = http.DefaultClient.Do(req) // want `call: call to http.\(\*Client\).Do on a value made by net/http.NewRequest may block forever`
	bounded, _ := http.NewRequestWithContext(r.Context(), "GET", "http://upstream", nil)
	_, _ = http.DefaultClient.Do(bounded)
	detached, _ := http.NewRequestWithContext(context.TODO(), "GET", "http://upstream", nil)
	_, _ = http.DefaultClient.Do(detached) // want `ctx: call to http.\(\*Client\).Do with context.TODO\(\) may block forever`
	_, _ = s.client.Get("http://upstream") // a client of its own, with its own timeout
}

func (s *Reports) render(w http.ResponseWriter, r *http.Request) {
	// Commands without a context are the exec check's, off by default
	// (package commands).
	_ = exec.Command("pandoc", "report.md").Run()
	cmd := exec.Command("pandoc")
	_, _ = cmd.Output()
	_ = exec.CommandContext(r.Context(), "pandoc").Run()
	bg := exec.CommandContext(context.Background(), "pandoc")
	_ = bg.Wait() // want `ctx: call to exec.\(\*Cmd\).Wait with context.Background\(\) may block forever`
}

func (s *Reports) throttle(w http.ResponseWriter, r *http.Request) {
	_ = s.sem.Acquire(context.Background(), 1) // want `ctx: call to semaphore.\(\*Weighted\).Acquire with context.Background\(\) may block forever`
	_ = s.sem.Acquire(r.Context(), 1)
	_ = s.limiter.Wait(context.TODO()) // want `ctx: call to rate.\(\*Limiter\).Wait with context.TODO\(\) may block forever`
	_ = s.limiter.WaitN(r.Context(), 2)
	_ = s.conn.Invoke(context.Background(), "/reports.Reports/Get", nil, nil) // want `ctx: call to grpc.\(\*ClientConn\).Invoke with context.Background\(\) may block forever`
	_ = s.conn.Invoke(r.Context(), "/reports.Reports/Get", nil, nil)
	_, _ = s.pipe.Write([]byte("report"))    // want `call: call to io.\(\*PipeWriter\).Write may block forever: it returns only when the reader has read everything or closed the pipe`
	_ = s.srv.Shutdown(context.Background()) // want `ctx: call to http.\(\*Server\).Shutdown with context.Background\(\) may block forever`
}

// every runs the rest of the table, one call each.
func (s *Reports) every(w http.ResponseWriter, r *http.Request) {
	_, _ = s.db.PrepareContext(context.TODO(), "SELECT 1")     // want `ctx: call to sql.\(\*DB\).PrepareContext with`
	_ = s.db.PingContext(context.Background())                 // want `ctx: call to sql.\(\*DB\).PingContext with`
	_ = s.db.QueryRowContext(context.Background(), "SELECT 1") // want `ctx: call to sql.\(\*DB\).QueryRowContext with`
	_, _ = s.db.QueryContext(context.Background(), "SELECT 1") // want `ctx: call to sql.\(\*DB\).QueryContext with`
	_, _ = s.db.BeginTx(context.Background(), nil)             // want `ctx: call to sql.\(\*DB\).BeginTx with`
	_, _ = s.db.Conn(context.Background())                     // want `ctx: call to sql.\(\*DB\).Conn with`
	_, _ = s.stmt.ExecContext(context.Background())            // want `ctx: call to sql.\(\*Stmt\).ExecContext with`
	_, _ = s.stmt.QueryContext(context.Background())           // want `ctx: call to sql.\(\*Stmt\).QueryContext with`
	_ = s.stmt.QueryRowContext(context.Background())           // want `ctx: call to sql.\(\*Stmt\).QueryRowContext with`
	_, _ = http.Head("http://upstream")                        // want `call: call to http.Head may block forever`
	_, _ = http.Post("http://upstream", "text/plain", nil)     // want `call: call to http.Post may block forever`
	_, _ = http.PostForm("http://upstream", nil)               // want `call: call to http.PostForm may block forever`
	_, _ = http.DefaultClient.Post("http://upstream", "", nil) // want `call: call to http.\(\*Client\).Post may block forever`
	_, _ = s.conn.NewStream(context.Background(), nil, "/x")   // want `ctx: call to grpc.\(\*ClientConn\).NewStream with`
	_ = s.limiter.WaitN(context.Background(), 3)               // want `ctx: call to rate.\(\*Limiter\).WaitN with`
	_, _ = s.stmt.QueryContext(r.Context())
	_ = s.db.PingContext(r.Context())
}
