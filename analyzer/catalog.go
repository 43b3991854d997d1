package analyzer

import (
	"fmt"
	"go/types"
	"slices"
	"strings"
)

// An API is an entry of the table of known-blocking calls: functions of
// the standard library and common modules that can wait without bound.
// Build systems such as Bazel's nogo do not analyze the standard library,
// and hotblock does not summarise it from its code (stdlib.go): the table
// stands in for it.
type API struct {
	Pkg  string // import path
	Recv string // receiver's type name, empty for a function
	Name string
	// Check flags the call on a hot path.
	Check string
	// CtxArg is the index of a context argument whose end bounds the wait,
	// or -1 when nothing does.
	CtxArg int
	// RecvVar, if set, restricts the entry to calls on that package-level
	// variable ("net/http.DefaultClient").
	RecvVar string
	// Via, if set, restricts the entry to values made a certain way.
	Via *Via
	// Why says why the call can wait forever.
	Why string
	// Instead names the bounded alternative.
	Instead string
	// Unlocks: the call releases the caller's lock while it waits
	// (sync.Cond.Wait releases c.L), so no lock is said to be held.
	Unlocks bool
}

// Via restricts an entry to calls whose receiver (Arg -1) or argument Arg
// was made by one of Plain (then the call may block forever) or of
// WithCtx (then it waits until that constructor's context argument, of
// the given index, is done). A value made any other way is not flagged.
type Via struct {
	Arg     int
	Plain   []string
	WithCtx map[string]int
}

// String names the API as a stack trace does: "sync.(*Cond).Wait".
func (a API) String() string {
	if a.Recv == "" {
		return a.Pkg + "." + a.Name
	}
	return a.Pkg + ".(*" + a.Recv + ")." + a.Name
}

// When says, for the docs, which calls the entry applies to.
func (a API) When() string {
	var parts []string
	if a.RecvVar != "" {
		parts = append(parts, "on "+a.RecvVar)
	}
	if a.Via != nil {
		what := "the receiver"
		if a.Via.Arg >= 0 {
			what = fmt.Sprintf("argument %d", a.Via.Arg)
		}
		makers := append([]string(nil), a.Via.Plain...)
		for m := range a.Via.WithCtx {
			makers = append(makers, m+" with a context that is never done")
		}
		slices.Sort(makers)
		parts = append(parts, what+" made by "+strings.Join(makers, " or "))
	}
	if a.CtxArg >= 0 {
		parts = append(parts, fmt.Sprintf("given a context that is never done (argument %d)", a.CtxArg))
	}
	if len(parts) == 0 {
		return "always"
	}
	return strings.Join(parts, ", ")
}

// Reasons shared by several entries.
const (
	whyPool    = "it waits for a free connection, without bound once the pool is exhausted"
	whyPoolCtx = "it waits for a free connection until its context is done"
	whyClient  = "http.DefaultClient has no timeout: a server that never answers holds the call forever"
	whyCommand = "the command may never exit, and nothing kills it"
)

// knownBlocking is the reviewed table. Keep it sorted by package.
var knownBlocking = append(append([]API{
	{Pkg: "database/sql", Recv: "DB", Name: "Conn", Check: CheckCtx, CtxArg: 0, Why: whyPoolCtx, Instead: "the request's context"},
}, sqlPool()...), []API{
	{Pkg: "golang.org/x/sync/errgroup", Recv: "Group", Name: "Wait", Check: CheckWait, CtxArg: -1,
		Why:     "it returns only when every goroutine of the group has returned",
		Instead: "errgroup.WithContext with members that honour the context"},
	{Pkg: "golang.org/x/sync/semaphore", Recv: "Weighted", Name: "Acquire", Check: CheckCtx, CtxArg: 0,
		Why:     "it waits until weight is released or its context is done",
		Instead: "the request's context, or TryAcquire"},
	{Pkg: "golang.org/x/time/rate", Recv: "Limiter", Name: "Wait", Check: CheckCtx, CtxArg: 0,
		Why:     "it waits until a token is available or its context is done",
		Instead: "the request's context, or Allow"},
	{Pkg: "golang.org/x/time/rate", Recv: "Limiter", Name: "WaitN", Check: CheckCtx, CtxArg: 0,
		Why:     "it waits until tokens are available or its context is done",
		Instead: "the request's context, or AllowN"},
	{Pkg: "google.golang.org/grpc", Recv: "ClientConn", Name: "Invoke", Check: CheckCtx, CtxArg: 0,
		Why:     "an RPC without a deadline waits as long as the server does",
		Instead: "the request's context, or context.WithTimeout"},
	{Pkg: "google.golang.org/grpc", Recv: "ClientConn", Name: "NewStream", Check: CheckCtx, CtxArg: 0,
		Why:     "a stream without a deadline waits as long as the server does",
		Instead: "the request's context, or context.WithTimeout"},
	{Pkg: "io", Recv: "PipeWriter", Name: "Write", Check: CheckCall, CtxArg: -1,
		Why:     "it returns only when the reader has read everything or closed the pipe",
		Instead: "a buffered channel selected beside ctx.Done(), or a reader that is sure to drain"},
	{Pkg: "net/http", Name: "Get", Check: CheckCall, CtxArg: -1, Why: whyClient,
		Instead: "http.NewRequestWithContext with the request's context, on a client with a Timeout"},
	{Pkg: "net/http", Name: "Head", Check: CheckCall, CtxArg: -1, Why: whyClient,
		Instead: "http.NewRequestWithContext with the request's context, on a client with a Timeout"},
	{Pkg: "net/http", Name: "Post", Check: CheckCall, CtxArg: -1, Why: whyClient,
		Instead: "http.NewRequestWithContext with the request's context, on a client with a Timeout"},
	{Pkg: "net/http", Name: "PostForm", Check: CheckCall, CtxArg: -1, Why: whyClient,
		Instead: "http.NewRequestWithContext with the request's context, on a client with a Timeout"},
	{Pkg: "net/http", Recv: "Client", Name: "Do", Check: CheckCall, CtxArg: -1, RecvVar: "net/http.DefaultClient",
		Via:     &Via{Arg: 0, Plain: []string{"net/http.NewRequest"}, WithCtx: map[string]int{"net/http.NewRequestWithContext": 0}},
		Why:     whyClient,
		Instead: "http.NewRequestWithContext with the request's context, on a client with a Timeout"},
	{Pkg: "net/http", Recv: "Client", Name: "Get", Check: CheckCall, CtxArg: -1, RecvVar: "net/http.DefaultClient", Why: whyClient,
		Instead: "http.NewRequestWithContext with the request's context, on a client with a Timeout"},
	{Pkg: "net/http", Recv: "Client", Name: "Post", Check: CheckCall, CtxArg: -1, RecvVar: "net/http.DefaultClient", Why: whyClient,
		Instead: "http.NewRequestWithContext with the request's context, on a client with a Timeout"},
	{Pkg: "net/http", Recv: "Server", Name: "Shutdown", Check: CheckCtx, CtxArg: 0,
		Why:     "it waits until every connection is idle or its context is done",
		Instead: "context.WithTimeout"},
	{Pkg: "os/exec", Recv: "Cmd", Name: "CombinedOutput", Check: CheckExec, CtxArg: -1, Via: commandVia, Why: whyCommand,
		Instead: "exec.CommandContext with the request's context"},
	{Pkg: "os/exec", Recv: "Cmd", Name: "Output", Check: CheckExec, CtxArg: -1, Via: commandVia, Why: whyCommand,
		Instead: "exec.CommandContext with the request's context"},
	{Pkg: "os/exec", Recv: "Cmd", Name: "Run", Check: CheckExec, CtxArg: -1, Via: commandVia, Why: whyCommand,
		Instead: "exec.CommandContext with the request's context"},
	{Pkg: "os/exec", Recv: "Cmd", Name: "Wait", Check: CheckExec, CtxArg: -1, Via: commandVia, Why: whyCommand,
		Instead: "exec.CommandContext with the request's context"},
	{Pkg: "sync", Recv: "Cond", Name: "Wait", Check: CheckCall, CtxArg: -1, Unlocks: true,
		Why:     "it returns only after another goroutine calls Signal or Broadcast",
		Instead: "a channel selected beside ctx.Done()"},
	{Pkg: "sync", Recv: "WaitGroup", Name: "Wait", Check: CheckWait, CtxArg: -1,
		Why:     "it returns only when every Add is matched by Done",
		Instead: "errgroup.WithContext with members that honour the context"},
}...)

// commandVia restricts the os/exec entries to commands made without a
// context, or with one that is never done. The commands made without one
// are the exec check's, off by default: most commands a server runs are
// short queries that exit by themselves (systemctl show, a CGI, a
// version probe), and over sixteen rounds of the field study 3 of 25
// such findings were real hangs. CommandContext given a context that is
// never done stays the ctx check's: there the code chose a context, and
// chose one that cannot end the wait.
var commandVia = &Via{Arg: -1, Plain: []string{"os/exec.Command"}, WithCtx: map[string]int{"os/exec.CommandContext": 0}}

// sqlPool returns the database/sql calls that take a connection from the
// pool: without a context they can wait forever for one once the pool is
// exhausted (SetMaxOpenConns); with one, until it is done. The calls
// without a context are the pool check's, off by default: the wait ends
// when a holder gives its connection back, which every holder does unless
// it leaks a row set or a transaction, and that leak, not the wait, is the
// bug (miniflux's 158 handler queries on a capped pool, all behind finite
// statements; mailpit's leaked transaction, the one real hang).
func sqlPool() []API {
	var out []API
	for _, recv := range []string{"DB", "Stmt"} {
		for _, name := range []string{"Exec", "Query", "QueryRow", "Begin", "Ping", "Prepare"} {
			if recv == "Stmt" && (name == "Begin" || name == "Ping" || name == "Prepare") {
				continue
			}
			ctxName := name + "Context"
			if name == "Begin" {
				ctxName = "BeginTx"
			}
			out = append(out,
				API{Pkg: "database/sql", Recv: recv, Name: name, Check: CheckPool, CtxArg: -1, Why: whyPool,
					Instead: ctxName + " with the request's context"},
				API{Pkg: "database/sql", Recv: recv, Name: ctxName, Check: CheckCtx, CtxArg: 0, Why: whyPoolCtx,
					Instead: "the request's context"})
		}
	}
	return out
}

// syncCallbacks lists APIs that call a function argument before they
// return, by argument index: a literal passed there runs on the caller's
// goroutine.
var syncCallbacks = map[apiKey]uint64{
	{"sync", "Once", "Do"}: 1 << 0,
}

type apiKey struct{ pkg, recv, name string }

var blockingByKey = func() map[apiKey]*API {
	m := make(map[apiKey]*API, len(knownBlocking))
	for i := range knownBlocking {
		a := &knownBlocking[i]
		m[apiKey{a.Pkg, a.Recv, a.Name}] = a
	}
	return m
}()

// KnownBlocking returns a copy of the table of known-blocking calls.
func KnownBlocking() []API { return append([]API(nil), knownBlocking...) }

// keyOf identifies f by its package path, receiver type name and name.
func keyOf(f *types.Func) (apiKey, bool) {
	if f.Pkg() == nil {
		return apiKey{}, false
	}
	k := apiKey{pkg: f.Pkg().Path(), name: f.Name()}
	if recv := f.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok {
			return apiKey{}, false
		}
		k.recv = n.Obj().Name()
	}
	return k, true
}

// keyOrZero is keyOf without the flag.
func keyOrZero(f *types.Func) apiKey {
	k, _ := keyOf(f)
	return k
}

// lookupAPI returns f's entry in the blocking setting or the table of
// known-blocking calls.
func (c *checker) lookupAPI(f *types.Func) *API {
	k, ok := keyOf(f)
	if !ok {
		return nil
	}
	if api := c.userAPIs[k]; api != nil {
		return api
	}
	return blockingByKey[k]
}
