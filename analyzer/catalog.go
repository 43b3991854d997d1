package analyzer

import (
	"go/types"
)

// An API is an entry of the table of known-blocking calls: functions of
// the standard library and common modules that can wait without bound.
// Build systems such as Bazel's nogo do not analyze the standard library,
// so its facts may be missing: the table stands in for them.
type API struct {
	Pkg  string // import path
	Recv string // receiver's type name, empty for a function
	Name string
	// Check flags the call on a hot path.
	Check string
	// CtxArg is the index of a context argument whose end bounds the wait,
	// or -1 when nothing does.
	CtxArg int
	// Why says why the call can wait forever.
	Why string
	// Instead names the bounded alternative.
	Instead string
}

// String names the API as a stack trace does: "sync.(*Cond).Wait".
func (a API) String() string {
	if a.Recv == "" {
		return a.Pkg + "." + a.Name
	}
	return a.Pkg + ".(*" + a.Recv + ")." + a.Name
}

// knownBlocking is the reviewed table. Keep it sorted by package.
var knownBlocking = []API{
	{Pkg: "golang.org/x/sync/errgroup", Recv: "Group", Name: "Wait", Check: CheckWait, CtxArg: -1,
		Why:     "it returns only when every goroutine of the group has returned",
		Instead: "errgroup.WithContext with members that honour the context"},
	{Pkg: "golang.org/x/sync/semaphore", Recv: "Weighted", Name: "Acquire", Check: CheckCtx, CtxArg: 0,
		Why:     "it waits until weight is released or its context is done",
		Instead: "the request's context, or TryAcquire"},
	{Pkg: "golang.org/x/time/rate", Recv: "Limiter", Name: "Wait", Check: CheckCtx, CtxArg: 0,
		Why:     "it waits until a token is available or its context is done",
		Instead: "the request's context, or Allow"},
	{Pkg: "sync", Recv: "Cond", Name: "Wait", Check: CheckCall, CtxArg: -1,
		Why:     "it returns only after another goroutine calls Signal or Broadcast",
		Instead: "a channel selected beside ctx.Done()"},
	{Pkg: "sync", Recv: "WaitGroup", Name: "Wait", Check: CheckWait, CtxArg: -1,
		Why:     "it returns only when every Add is matched by Done",
		Instead: "errgroup.WithContext with members that honour the context"},
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
