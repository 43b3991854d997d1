package analyzer

import (
	"fmt"
	"strings"
)

// Blocking says how a call to a function may wait for other goroutines.
type Blocking uint8

const (
	// NeverBlocks: no wait the analysis can see.
	NeverBlocks Blocking = iota
	// UntilCtxDone: the function may wait, but every such wait ends when
	// its context parameter Summary.CtxParam is done.
	UntilCtxDone
	// MayBlockForever: some wait has no bound; Summary.Witness shows one.
	MayBlockForever
)

// Summary is the fact hotblock exports for a function that other
// packages can call and whose calls can wait: what a call may do, and,
// when it may block forever, a witness. A function with no fact never
// blocks.
//
// Facts travel only through a package's direct imports, so a Summary
// carries its whole witness, with a bounded chain of calls. It holds no
// types.Object, no map and no absolute path: its bytes are small and
// deterministic.
type Summary struct {
	Blocks Blocking
	// CtxParam is the index, among the parameters, of the context whose
	// end bounds every wait (when Blocks is UntilCtxDone).
	CtxParam int
	// SyncParams has bit i set when the function calls its i-th
	// parameter, a function value, before it returns: a literal passed
	// there runs on the caller's goroutine.
	SyncParams uint64
	// Hot: the function is declared a hot path, so the function values it
	// calls (SyncParams) run on one.
	Hot bool
	// Witness shows one wait without bound (when Blocks is MayBlockForever).
	Witness *Witness
	// NilGuard has bit i set when every wait without bound happens only
	// while parameter i is not nil: a call with nil there never blocks.
	NilGuard uint64
	// SendsOn has bit i set when every wait without bound is a send on
	// channel parameter i: a call that gives it a channel a worker drains
	// until it is closed never blocks.
	SendsOn uint64
	// TrueGuard (FalseGuard) has bit i set when every wait without bound
	// happens only while bool parameter i is true (false): a call with
	// the constant false (true) there never blocks.
	TrueGuard, FalseGuard uint64
	// ZeroGuard has bit i set when every wait without bound happens only
	// while numeric parameter i is zero (a zero timeout that means "wait
	// forever"): a call with a non-zero constant there never blocks.
	ZeroGuard uint64
	// Acquires names the channel field of the receiver when every wait
	// without bound is for a slot of it, and the receiver's type is a
	// semaphore; Releases names the field a method gives a slot back to
	// (semaphores.go). A call whose slot goroutines of the caller give
	// back waits only until they finish.
	Acquires, Releases string
	// AfterStop: every wait without bound is a send to a goroutine of the
	// function's package that serves the channel until it is told to stop
	// (a worker started with its owner, stopped by its Close). Such a
	// send waits forever only if its caller goes on after stopping the
	// owner: callers in other packages, which see only the owner's API,
	// are taken to stop using it before they close it, so for them the
	// call never blocks. Within the package, where both the senders and
	// the stop are in sight, the send is still reported.
	AfterStop bool
	// Spawns: the function starts its function parameter on a new
	// goroutine, as a go statement does, and calls none on its own (a
	// spawner such as a wait group's Start): importers take the function
	// they pass as a goroutine of theirs.
	Spawns bool
	// Module is the path of the module that holds the function, when the
	// driver says: callers in other modules trust "may block forever"
	// only from the modules the user names (see trustsModule).
	Module string
}

// AFact marks Summary as an analysis fact.
func (*Summary) AFact() {}

// String describes the summary, as analysistest's fact expectations see it.
func (s *Summary) String() string {
	var b strings.Builder
	switch s.Blocks {
	case NeverBlocks:
		b.WriteString("never blocks")
	case UntilCtxDone:
		fmt.Fprintf(&b, "blocks until parameter %d is done", s.CtxParam)
	case MayBlockForever:
		fmt.Fprintf(&b, "may block forever: %s", s.Witness)
	}
	if s.NilGuard != 0 {
		fmt.Fprintf(&b, "; only with parameters %b not nil", s.NilGuard)
	}
	if s.SendsOn != 0 {
		fmt.Fprintf(&b, "; only sending on parameters %b", s.SendsOn)
	}
	if s.TrueGuard != 0 || s.FalseGuard != 0 {
		fmt.Fprintf(&b, "; only with parameters %b true, %b false", s.TrueGuard, s.FalseGuard)
	}
	if s.ZeroGuard != 0 {
		fmt.Fprintf(&b, "; only with parameters %b zero", s.ZeroGuard)
	}
	if s.AfterStop {
		b.WriteString("; only after its worker stops")
	}
	if s.Acquires != "" {
		fmt.Fprintf(&b, "; acquires a slot of receiver field %s", s.Acquires)
	}
	if s.Releases != "" {
		fmt.Fprintf(&b, "; releases a slot of receiver field %s", s.Releases)
	}
	if s.Spawns {
		b.WriteString("; starts its function argument on a goroutine")
	}
	if s.SyncParams != 0 {
		fmt.Fprintf(&b, "; calls parameters %b", s.SyncParams)
	}
	if s.Hot {
		b.WriteString("; hot path")
	}
	return b.String()
}

// A Witness is one operation that can block forever and the calls that
// reach it from the summarised function.
type Witness struct {
	// Check is the check that flags the operation where it stands.
	Check string
	// What names the operation: "send on q.jobs", "call to sync.(*Cond).Wait".
	What string
	// Why says what fails to bound it.
	Why string
	// Pos is the operation's position as file.go:line (base name only).
	Pos string
	// Held names a mutex held while the operation waits ("s.mu"), as
	// written where it was locked; empty if none.
	Held string
	// Chain holds the calls from the summarised function to the one that
	// holds the operation, outermost first; at most maxChain frames, the
	// middle elided.
	Chain []Frame
}

// String describes the witness in one line.
func (w *Witness) String() string {
	if w == nil {
		return "?"
	}
	s := fmt.Sprintf("%s at %s: %s", w.What, w.Pos, w.Why)
	if w.Held != "" {
		s += " while holding " + w.Held
	}
	if len(w.Chain) > 0 {
		s += " (via " + w.chainText() + ")"
	}
	return s
}

// chainText joins the chain's function names with arrows.
func (w *Witness) chainText() string {
	names := make([]string, len(w.Chain))
	for i, f := range w.Chain {
		names[i] = f.Func
	}
	return strings.Join(names, " → ")
}

// A Frame is one call of a witness chain.
type Frame struct {
	// Func is the callee, qualified by its package name:
	// "jobqueue.(*Queue).put". An elided stretch is "…".
	Func string
	// Pos is the position of the call as file.go:line.
	Pos string
}

// maxChain bounds the frames a witness carries, so that facts stay small
// however deep the calls go.
const maxChain = 6

// through returns the witness as seen from a caller that reaches w's
// function through the call f, holding the mutexes held. The receiver is
// not modified.
func (w *Witness) through(f Frame, held []string) *Witness {
	out := *w
	if out.Held == "" {
		out.Held = first(held)
	}
	chain := make([]Frame, 0, len(w.Chain)+1)
	chain = append(chain, f)
	chain = append(chain, w.Chain...)
	if len(chain) > maxChain {
		// Keep the outermost calls, which the reader navigates from,
		// and the innermost, which holds the operation.
		last := chain[len(chain)-1]
		chain = append(chain[:maxChain-2], Frame{Func: "…"}, last)
	}
	out.Chain = chain
	return &out
}

// first returns the first of names, or "".
func first(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return names[0]
}
