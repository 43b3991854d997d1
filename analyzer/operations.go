package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"

	"golang.org/x/tools/go/types/typeutil"
)

// A bound says what ends a wait: nothing, the end of one of the
// function's context parameters (its index), or something always there.
type bound int

const (
	unbounded bound = -1 // only the other goroutines can end the wait
	bounded   bound = -2 // a default, timer or cancellation case ends it
)

// An op is an operation that may wait for another goroutine: a send, a
// select, a receive, a call of a known-blocking API, or a call into
// another package whose summary says it may block.
type op struct {
	check    string // the check that flags it where it stands
	what     string // "send on s.jobs"
	why      string // what fails to bound it
	pos, end token.Pos
	bound    bound
	// inner is the callee's witness when the op is a call into another
	// package, with callee its qualified name.
	inner  *Witness
	callee string
	// instead names a bounded alternative, for a known-blocking call.
	instead string
	// held are the mutexes held while the op waits.
	held []string
	// loops is the depth of loops around the op in its body, caseLoops
	// that at the start of the select case or body that handles one
	// request around it.
	loops, caseLoops int
	// unlocks: the op releases the lock held around it while it waits.
	unlocks bool
	// handling is the channel whose received request the op handles.
	handling types.Object
	// granted is the channel whose send case the op is in (gates.go);
	// caseReturns, whether the select case it is in ends with a return.
	granted     types.Object
	caseReturns bool
	// oneShot is the one-shot flag guarding the op, if any (flags.go);
	// nonNil, the locals an enclosing if has checked are not nil.
	oneShot *oneShot
	nonNil  []*types.Var
	// nilChecked, the fields (x.f) enclosing ifs have checked are not nil.
	nilChecked []ast.Expr
	// bools, what enclosing ifs require of bool locals; zeros, the
	// numeric locals they require to be zero.
	bools []boolGuard
	zeros []*types.Var
	// cond is the sync.Cond a Cond.Wait op waits on (its variable or field).
	cond types.Object
	// loopWait: the op is an event loop's own waiting select. It counts
	// in summaries (calling the loop does block) but is not a finding.
	loopWait bool
	// fanout names the set of subscribers when the op is a fan-out send;
	// replies, that each member gets one reply and is closed: the set is
	// of waiters, not subscribers.
	fanout  string
	replies bool
	// answersOnce: the send is followed at once by leaving the handling
	// it is in (return, continue outer), so it answers the request once.
	answersOnce bool
	// drained: the statement before the send empties its channel without
	// waiting (latest.go).
	drained bool
	// slot is the field of the receiver whose slot the op waits for: the
	// channel a send or send case of a method is on, or, for a call, the
	// field whose slot its callee acquires (semaphores.go).
	slot string

	// For suggested fixes: the send or call, whether it is a statement of
	// a block that can be rewritten in place, the function called, and
	// the context argument of a ctx op.
	node   ast.Node
	stmt   bool
	target *types.Func
	ctxArg ast.Expr
}

// The reasons ops give for not being bounded.
const (
	whyNoGuard    = "no default, ctx.Done() or timeout case"
	whyEmpty      = "a select with no cases never returns"
	whyBackground = "it waits until its context is done, and this one never is"
)

// witness returns the op as the witness of a summary.
func (o *op) witness(fset *token.FileSet) *Witness {
	if o.inner != nil {
		return o.inner.through(Frame{Func: o.callee, Pos: shortPos(fset, o.pos)}, o.held)
	}
	return &Witness{Check: o.check, What: o.what, Why: o.why, Pos: shortPos(fset, o.pos), Held: first(o.held)}
}

// shortPos formats pos as file.go:line, without the directory, so that
// facts and messages never hold absolute paths.
func shortPos(fset *token.FileSet, pos token.Pos) string {
	p := fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// chanBound says what bounds a receive from x: a context's Done channel
// is bounded by that context, a timer always is. So is a chan struct{}
// when it is a case of a select (inSelect): there it is the second way
// out, a stop channel. A bare receive from one is a wait like any other,
// for a close that may never come.
func (w *walker) chanBound(x ast.Expr, inSelect bool) bound {
	x = ast.Unparen(x)
	if ctx := contextDoneReceiver(w.c.pass.TypesInfo, x); ctx != nil {
		return w.c.ctxOrigin(w.f, ctx, 0).bound()
	}
	switch signalKind(w.c.pass.TypesInfo.TypeOf(x)) {
	case timerChan:
		return bounded
	case stopChan:
		if inSelect {
			return bounded
		}
	}
	return unbounded
}

// selectBound says what bounds a select: a default or a case that is
// always bounded bounds it; else the first context case, if any.
func (w *walker) selectBound(s *ast.SelectStmt) bound {
	if w.mailbox(s) {
		return bounded
	}
	b := unbounded
	for _, cc := range s.Body.List {
		cc := cc.(*ast.CommClause)
		if cc.Comm == nil {
			return bounded // default
		}
		x := recvOperand(cc.Comm)
		if x == nil {
			continue // a send case
		}
		switch cb := w.chanBound(x, true); {
		case cb == bounded:
			return bounded
		case cb >= 0 && b == unbounded:
			b = cb
		}
	}
	return b
}

// mailbox reports whether s both sends on and receives from one channel
// (a "latest value" mailbox: select { case c <- v: case <-c: }): one of
// the two is always ready.
func (w *walker) mailbox(s *ast.SelectStmt) bool {
	info := w.c.pass.TypesInfo
	sends := make(map[types.Object]bool)
	var recvs []types.Object
	for _, cc := range s.Body.List {
		switch comm := cc.(*ast.CommClause).Comm.(type) {
		case *ast.SendStmt:
			if id := chanID(info, comm.Chan); id != nil {
				sends[id] = true
			}
		default:
			if x := recvOperand(comm); x != nil {
				if id := chanID(info, x); id != nil {
					recvs = append(recvs, id)
				}
			}
		}
	}
	for _, id := range recvs {
		if sends[id] {
			return true
		}
	}
	return false
}

// recvOperand returns the channel a select case receives from, or nil
// for a send case.
func recvOperand(comm ast.Stmt) ast.Expr {
	var e ast.Expr
	switch comm := comm.(type) {
	case *ast.ExprStmt:
		e = comm.X
	case *ast.AssignStmt:
		e = comm.Rhs[0]
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

// The kinds of channels used only to signal.
const (
	dataChan  = iota
	timerChan // of time.Time: a timer or ticker fires by itself
	stopChan  // of struct{}: closed to stop
)

// signalKind says whether t is a channel used only to signal, and how.
func signalKind(t types.Type) int {
	if t == nil {
		return dataChan // an ill-typed operand
	}
	ch, ok := types.Unalias(t).Underlying().(*types.Chan)
	if !ok {
		return dataChan
	}
	elem := types.Unalias(ch.Elem())
	if isNamed(elem, "time", "Time") {
		return timerChan
	}
	if st, ok := elem.Underlying().(*types.Struct); ok && st.NumFields() == 0 {
		return stopChan
	}
	return dataChan
}

// isNamed reports whether t is the named type pkg.name.
func isNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == pkg
}

// exprString renders an operand for a message, shortened if long.
func exprString(e ast.Expr) string {
	s := types.ExprString(e)
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return s
}

// othersInbox reports whether ch, or the local it is defined as, is the
// send end of a channel that a function of another package hands out
// (q.In() chan<- T): that package made the channel and keeps its
// receiving end, and serves it by code this package does not see. Like a
// call through an interface, such a send is unknown, and unknown is not
// blocking.
func (c *checker) othersInbox(f *fn, ch ast.Expr) bool {
	info := c.pass.TypesInfo
	if v := localVar(info, ch); v != nil {
		if ch = f.scope.def(info, v); ch == nil {
			return false
		}
	}
	call, ok := ast.Unparen(ch).(*ast.CallExpr)
	if !ok {
		return false
	}
	callee := typeutil.StaticCallee(info, call)
	if callee == nil || callee.Pkg() == nil || callee.Pkg() == c.pass.Pkg {
		return false
	}
	t := info.TypeOf(call)
	if t == nil {
		return false // ill-typed
	}
	sendEnd, ok := t.Underlying().(*types.Chan)
	return ok && sendEnd.Dir() == types.SendOnly
}
