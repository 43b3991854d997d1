package analyzer

import "honnef.co/go/tools/analysis/lint"

// checks holds the documentation of every check. docs/checks/*.md and
// the README's check table are generated from it (go run ./cmd/hotblockdocs);
// a test fails when the committed files are stale.
var checks = []Check{
	{
		Name: CheckSend,
		Doc: lint.RawDocumentation{
			Title: `A channel send on a hot path that nothing bounds`,
			Text: `A send \'ch <- v\' blocks until a receiver takes the value or the
buffer has room. On a hot path (an HTTP handler, or code it calls) a send
that is not inside a \'select\' with a \'default\', a cancellation case
(\'<-ctx.Done()\', \'<-r.Context().Done()\', a \'chan struct{}\' closed to stop)
or a timer case (\'<-time.After(d)\', \'Timer.C\') can wait forever.

A send to a channel made in the same function with a constant buffer at
least as large as the number of sends to it is not flagged: it cannot
block. Nor is a send that a channel protocol of the package bounds: a
reply to a requester that waits for it, a quit message to a worker that
leaves only on it, a token given back, a turn handed out by a loop, a
report into a buffer made for every report (docs/how-it-works.md lists
them all).`,
			Before: `func (s *Server) transcribe(w http.ResponseWriter, r *http.Request) {
	s.jobs <- newJob(r)
	w.WriteHeader(http.StatusAccepted)
}`,
			After: `func (s *Server) transcribe(w http.ResponseWriter, r *http.Request) {
	select {
	case s.jobs <- newJob(r):
		w.WriteHeader(http.StatusAccepted)
	case <-r.Context().Done():
		http.Error(w, "queue full", http.StatusServiceUnavailable)
	}
}`,
			Since: "v0.1.0",
		},
		Why: `If the consumer of the channel has died, is paused, or is itself
waiting on the handler, the buffer fills and the send never returns. The
request hangs and its goroutine leaks; if the handler holds a lock, every
request behind it hangs too.`,
		Fix: `Give the send a second way out: select it beside the request's
context (\'r.Context().Done()\'), a done channel of the consumer, a timer,
or a \'default\' that drops the value and answers "queue full".`,
	},
	{
		Name: CheckSelect,
		Doc: lint.RawDocumentation{
			Title: `A select on a hot path with no default, cancellation or timer case`,
			Text: `A \'select\' without \'default\' waits until one of its channels is
ready. When none of its cases is a cancellation (\'<-ctx.Done()\', a
\'chan struct{}\' stop channel) or a timer (\'<-time.After(d)\'), nothing but
the other goroutines can end the wait. An empty \'select {}\' never returns.`,
			Before: `select {
case s.jobs <- job:
case s.overflow <- job:
}`,
			After: `select {
case s.jobs <- job:
case s.overflow <- job:
case <-ctx.Done():
	return ctx.Err()
}`,
			Since: "v0.1.0",
		},
		Why: `Each case depends on another goroutine. When all of them are gone
or stuck, the select, and the request it serves, waits forever.`,
		Fix: `Add a case on the request's context or a stop channel, a timer
case, or a \'default\'.`,
	},
	{
		Name: CheckCall,
		Doc: lint.RawDocumentation{
			Title: `A call on a hot path to a function that may block forever`,
			Text: `hotblock summarises every function: it never blocks, it blocks
until one of its context parameters is done, or it may block forever.
A call on a hot path to a function of the last kind is flagged at the call
when the blocking operation is in another package (summaries cross
packages as analysis facts), and the message names the operation and the
chain of calls that reaches it. When the operation is in the same package
it is flagged where it stands, by its own check.

Known-blocking calls are flagged here too, wherever they are:
\'sync.(*Cond).Wait\' returns only when another goroutine signals. (A
\'Cond.Wait\' predicate loop on a condition that the package's own
goroutines signal is a join on a worker, and a bare Wait on the Cond of
a single flight's map entry, which only its owner's deferred calls
signal, a join on that owner: both for the wait check.)`,
			Before: `// package jobqueue
func (q *Queue) Put(j Job) { q.jobs <- j }

// package api
func (s *Server) transcribe(w http.ResponseWriter, r *http.Request) {
	s.queue.Put(newJob(r))
}`,
			After: `// package jobqueue
func (q *Queue) PutContext(ctx context.Context, j Job) error {
	select {
	case q.jobs <- j:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// package api
func (s *Server) transcribe(w http.ResponseWriter, r *http.Request) {
	if err := s.queue.PutContext(r.Context(), newJob(r)); err != nil {
		http.Error(w, "queue full", http.StatusServiceUnavailable)
	}
}`,
			Since: "v0.1.0",
		},
		Why: `A queue's \'Put\', a pool's \'Get\', a \'Cond.Wait\' loop: the wait is
hidden behind a call, so the handler looks harmless while it can hang
exactly like a bare send.`,
		Fix: `Call a variant that takes a context or a timeout, or that fails
fast ("queue full"), and answer 503 when it does.`,
	},
	{
		Name: CheckCtx,
		Doc: lint.RawDocumentation{
			Title: `A context that is never done, passed to a call that waits for it`,
			Text: `A function whose only way out of a wait is its context being done
blocks forever when given \'context.Background()\' or \'context.TODO()\'
(directly, or through a variable or \'context.WithValue\'). On a hot path a
request or loop context is usually in scope: pass it, or derive one with a
timeout.`,
			Before: `func (s *Server) transcribe(w http.ResponseWriter, r *http.Request) {
	err := s.queue.PutContext(context.Background(), newJob(r))
	...
}`,
			After: `func (s *Server) transcribe(w http.ResponseWriter, r *http.Request) {
	err := s.queue.PutContext(r.Context(), newJob(r))
	...
}`,
			Since: "v0.1.0",
		},
		Why: `The callee was written to be cancelled; the caller took that away.
When the wait does not end by itself, nothing else will end it.`,
		Fix: `Pass the request's context (\'r.Context()\'), the loop's context,
or \'context.WithTimeout\' of one of them.`,
	},
	{
		Name: CheckRecv,
		Doc: lint.RawDocumentation{
			Title: `A receive on a hot path that nothing bounds`,
			Text: `A receive \'<-ch\' or a \'for range ch\' outside a guarded select waits
until another goroutine sends or closes the channel. Receives from
cancellation channels (\'<-ctx.Done()\', a \'chan struct{}\') and timers
(\'<-time.After(d)\', \'Ticker.C\') are bounded and never flagged.

This check is off by default: a handler that waits for the reply of a
worker it just started is common and usually fine. Turn it on
(\'-enable=recv\') where replies come from long-lived goroutines that can
stall.`,
			Before: `s.requests <- req
res := <-req.reply`,
			After: `select {
case res := <-req.reply:
	...
case <-r.Context().Done():
	http.Error(w, "timed out", http.StatusServiceUnavailable)
}`,
			Since:      "v0.1.0",
			NonDefault: true,
		},
		Why: `If the goroutine that should answer has stalled or exited, the
handler waits for a reply that never comes, one goroutine per request.`,
		Fix: `Select the receive beside the request's context or a timer.`,
	},
	{
		Name: CheckWait,
		Doc: lint.RawDocumentation{
			Title: `A WaitGroup or errgroup join on a hot path`,
			Text: `\'sync.(*WaitGroup).Wait\' and \'errgroup.(*Group).Wait\' return when
every goroutine of the group has finished; none of them takes a context.
On a hot path that is a wait bounded only by the slowest member. A
\'sync.(*Cond).Wait\' predicate loop whose condition goroutines of the
package signal (a queue drained by the package's own worker) is such a
join too, and so is a bare Wait on the Cond of an entry found in a map
when only deferred calls signal that Cond (a single flight: the first
request for a result registers the entry, defers the Broadcast, and the
later ones wait for it to finish), and so is a loop that fills a
channel semaphore to its capacity (\'for i := 0; i < cap(sem); i++ {
sem <- struct{}{} }\'), which waits until every holder of a slot has
given it back.

This check is off by default: fan-out/fan-in inside a handler is a common,
usually bounded idiom. Turn it on (\'-enable=wait\') to list the joins.`,
			Before: `var wg sync.WaitGroup
for _, b := range backends {
	wg.Add(1)
	go func() { defer wg.Done(); b.Fetch() }()
}
wg.Wait()`,
			After: `g, ctx := errgroup.WithContext(r.Context())
for _, b := range backends {
	g.Go(func() error { return b.FetchContext(ctx) })
}
err := g.Wait()`,
			Since:      "v0.1.0",
			NonDefault: true,
		},
		Why: `One member that never finishes holds the request forever.`,
		Fix: `Make every member honour a context derived from the request's,
so the join is bounded by it.`,
	},
	{
		Name: CheckPool,
		Doc: lint.RawDocumentation{
			Title: `A database/sql call without a context on a hot path`,
			Text: `\'db.Query\', \'db.QueryRow\', \'db.Exec\', \'db.Begin\', \'db.Ping\',
\'db.Prepare\' and their \'Stmt\' forms take a connection from the pool.
When the pool is capped (\'SetMaxOpenConns\') and every connection is in
use, they wait for one to come back, and without a context nothing ends
that wait. It ends when a holder gives its connection back, which every
holder does unless it leaks it (a \'Rows\' never closed, a transaction
never committed or rolled back) or its own statement never returns.

This check is off by default: on the field study's servers almost every
such call waits only behind statements that finish (miniflux's 158
handler queries on a pool of 20), and the one real hang was a leaked
transaction on a pool of one (mailpit). Turn it on (\'-enable=pool\') to
list the handlers that cannot be cancelled while they wait for the
database. The forms that take a context are the ctx check's, on by
default: given \'context.Background()\' they wait as long.`,
			Before:     `rows, err := s.db.Query("SELECT id FROM feeds WHERE user_id = $1", uid)`,
			After:      `rows, err := s.db.QueryContext(r.Context(), "SELECT id FROM feeds WHERE user_id = $1", uid)`,
			Since:      "v0.1.0",
			NonDefault: true,
		},
		Why: `A leaked connection on a small pool, or a database that stops
answering, leaves every later request waiting for a connection, and the
client's going away does not end the wait.`,
		Fix: `Call the Context form with the request's context.`,
	},
	{
		Name: CheckExec,
		Doc: lint.RawDocumentation{
			Title: `An os/exec command without a context on a hot path`,
			Text: `\'Run\', \'Output\', \'CombinedOutput\' and \'Wait\' of a command made by
\'exec.Command\' return only when the command exits. Nothing kills a
command that never does: one that waits on its standard input, on a
lock, on a network peer or on a prompt holds the handler that started it
forever.

This check is off by default: most commands a server runs are short
queries that exit by themselves (\'systemctl show\', a CGI script, a
version probe), and in the field study 3 of 25 such findings were real
hangs. Turn it on (\'-enable=exec\') to list the handlers that cannot be
cancelled while a command runs. A command made by \'exec.CommandContext\'
given \'context.Background()\' is the ctx check's, on by default: the code
chose a context, and one that never ends the wait.`,
			Before:     `out, err := exec.Command("pandoc", "-o", "report.pdf", src).Output()`,
			After:      `out, err := exec.CommandContext(r.Context(), "pandoc", "-o", "report.pdf", src).Output()`,
			Since:      "v0.1.0",
			NonDefault: true,
		},
		Why: `A command that stops making progress (a helper waiting on a tty
prompt, a network mount, a wedged daemon) keeps the request, and every
goroutine waiting behind its locks, until the process is restarted; the
client's going away does not end it.`,
		Fix: `Make the command with exec.CommandContext and the request's
context, so that the command is killed when the request ends; add a
timeout where the command has none of its own.`,
	},
	{
		Name: CheckDirective,
		Doc: lint.RawDocumentation{
			Title: `A //hotblock: directive that is malformed or suppresses nothing`,
			Text: `\'//hotblock:ignore <check> <reason>\' suppresses the named check on its
own line and the line below. A directive with an unknown command or
check, without a reason, or that suppresses nothing is reported, so that
suppressions never outlive the code they were written for.`,
			Before: `//hotblock:ignore send
s.jobs <- job`,
			After: `//hotblock:ignore send the worker drains jobs before the server accepts requests
s.jobs <- job`,
			Since: "v0.1.0",
		},
		Why: `A silent, stale or unexplained suppression hides the next real hang.`,
		Fix: `Name a known check and give a reason; delete directives that no
longer suppress anything.`,
	},
}
