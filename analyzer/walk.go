package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// A walker visits one function body, in source order, recording the
// operations that may wait and the calls to other bodies of the package.
// Nested function literals get their own fn; a go statement's call runs
// on another goroutine and is not part of the body's path.
type walker struct {
	c    *checker
	f    *fn
	held []string // the mutexes locked at this point, as written: "s.mu"
	// shared holds the members of held that are read-locked (RLock).
	shared []string
	// subs maps the range variables of enclosing fan-out loops to the
	// set of subscribers they range over.
	subs map[*types.Var]string
	// listed is the statement being visited when it is an element of a
	// statement list: a suggested fix may rewrite it in place.
	listed ast.Stmt
	// region: the walk is of an event loop's case bodies, already walked
	// as part of their function.
	region bool
	// prev and next are the statements around the one being visited in
	// its list; loops is the depth of loops around it in this body.
	prev, next ast.Stmt
	// before holds the statements of the list before the one visited.
	before    []ast.Stmt
	loops     int
	caseLoops int // loops at the start of the select case being visited
	// handling is the channel whose received value the statements being
	// visited handle, in a select case that received from it.
	handling types.Object
	// caseReturns: the select case being visited ends with a return.
	caseReturns bool
	// cond is the if statement whose condition is being visited.
	cond *ast.IfStmt
	// granted is the channel whose send case is being visited (gates.go).
	granted types.Object
	// oneShot is the one-shot flag guarding the statements (flags.go);
	// nonNil, the locals an enclosing if has checked are not nil.
	oneShot *oneShot
	nonNil  []*types.Var
	// nilChecked, the fields (x.f) an enclosing if has checked are not nil.
	nilChecked []ast.Expr
	// bools, what enclosing ifs require of bool locals; zeros, the
	// numeric locals they require to be zero.
	bools []boolGuard
	zeros []*types.Var
	// labels maps the labels of enclosing loops to the depth of loops
	// around them.
	labels map[types.Object]int
	// fill is the send of a loop that fills its channel to capacity.
	fill *ast.SendStmt
	// deferred is the call of the defer statement being visited.
	deferred *ast.CallExpr
}

// walk fills f.ops, f.calls and f.paramCalls.
func (c *checker) walk(f *fn) {
	w := &walker{c: c, f: f}
	w.stmts(f.body.List)
}

func (w *walker) stmts(list []ast.Stmt) {
	for i, s := range list {
		w.listed, w.prev, w.next, w.before = s, nil, nil, list[:i]
		if i > 0 {
			w.prev = list[i-1]
		}
		if i+1 < len(list) {
			w.next = list[i+1]
		}
		w.stmt(s)
	}
}

// loop walks a loop's body, one level deeper.
func (w *walker) loop(body []ast.Stmt) {
	w.loops++
	w.branch(body)
	w.loops--
}

// branch walks statements that may or may not run: a lock taken or
// released there is not assumed taken or released after them.
func (w *walker) branch(list []ast.Stmt) {
	saved, shared := w.held, w.shared
	w.stmts(list)
	w.held, w.shared = saved, shared
}

func (w *walker) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.BlockStmt:
		w.stmts(s.List)
	case *ast.ExprStmt:
		w.expr(s.X)
	case *ast.SendStmt:
		w.noteRequest(s.Chan, s.Value, w.next, w.before)
		w.c.chans.noteMessage(w.c.pass.TypesInfo.TypeOf(s.Chan))
		w.noteLatest(s.Chan, s.Pos(), w.listed == s && drainsFirst(w.c.pass.TypesInfo, w.prev, s.Chan))
		w.expr(s.Chan)
		w.expr(s.Value)
		w.send(s)
	case *ast.IncDecStmt:
		w.expr(s.X)
	case *ast.AssignStmt:
		w.exprs(s.Lhs)
		w.exprs(s.Rhs)
		w.assign(s)
	case *ast.GoStmt:
		w.goStmt(s)
	case *ast.DeferStmt:
		if lockCall(w.c.pass.TypesInfo, s.Call) == "" { // a deferred Unlock keeps the lock to the end
			w.deferred = s.Call
			w.call(s.Call)
			w.deferred = nil
		}
	case *ast.ReturnStmt:
		w.exprs(s.Results)
		if results := w.f.sig.Results(); results.Len() == len(s.Results) {
			for i, r := range s.Results {
				w.hotValue(results.At(i).Type(), r)
			}
		}
	case *ast.IfStmt:
		w.stmt(s.Init)
		w.cond = s
		w.expr(s.Cond)
		w.cond = nil
		info := w.c.pass.TypesInfo
		saved, savedNonNil, savedBools, savedZeros, savedChecked := w.oneShot, w.nonNil, w.bools, w.zeros, w.nilChecked
		if g := w.oneShotGuard(s); g != nil {
			w.oneShot = g
		}
		w.nonNil = append(w.nonNil[:len(w.nonNil):len(w.nonNil)], nonNilVars(info, s.Cond)...)
		w.nilChecked = append(w.nilChecked[:len(w.nilChecked):len(w.nilChecked)], nonNilFields(info, s.Cond)...)
		w.bools = append(w.bools[:len(w.bools):len(w.bools)], boolConds(info, s.Cond)...)
		w.zeros = append(w.zeros[:len(w.zeros):len(w.zeros)], zeroConds(info, s.Cond)...)
		w.branch(s.Body.List)
		w.oneShot, w.nonNil, w.bools, w.zeros, w.nilChecked = saved, savedNonNil, savedBools, savedZeros, savedChecked
		w.bools = append(w.bools[:len(w.bools):len(w.bools)], elseConds(info, s.Cond)...)
		w.zeros = append(w.zeros[:len(w.zeros):len(w.zeros)], elseZeros(info, s.Cond)...)
		w.branch([]ast.Stmt{s.Else})
		w.bools, w.zeros = savedBools, savedZeros
	case *ast.SwitchStmt:
		w.stmt(s.Init)
		w.expr(s.Tag)
		w.stmts(s.Body.List)
	case *ast.TypeSwitchStmt:
		w.stmt(s.Init)
		w.stmt(s.Assign)
		w.stmts(s.Body.List)
	case *ast.CaseClause:
		w.exprs(s.List)
		w.branch(s.Body)
	case *ast.SelectStmt:
		w.selectStmt(s)
	case *ast.ForStmt:
		w.stmt(s.Init)
		w.expr(s.Cond)
		w.stmt(s.Post)
		if !w.region {
			w.noteLoop(s)
		}
		w.noteListWalk(s)
		w.noteIndexWalk(s)
		saved := w.fill
		w.fill = capacityFill(w.c.pass.TypesInfo, s.Cond, s.Body)
		w.loop(s.Body.List)
		w.fill = saved
	case *ast.RangeStmt:
		w.expr(s.X)
		w.rangeStmt(s)
		forget := w.subscribers(s)
		w.loops++
		w.noteElements(s)
		saved, savedLoops, savedFill := w.handling, w.caseLoops, w.fill
		if s.Key == nil && s.Value == nil {
			w.fill = capacityFill(w.c.pass.TypesInfo, s.X, s.Body) // for range cap(ch)
		}
		if isChan(w.c.pass.TypesInfo.TypeOf(s.X)) {
			// Each iteration handles a value received from s.X.
			w.handling, w.caseLoops = chanID(w.c.pass.TypesInfo, s.X), w.loops
		}
		w.branch(s.Body.List)
		w.handling, w.caseLoops, w.fill = saved, savedLoops, savedFill
		w.loops--
		forget()
	case *ast.LabeledStmt:
		if l := w.c.pass.TypesInfo.Defs[s.Label]; l != nil {
			if w.labels == nil {
				w.labels = make(map[types.Object]int)
			}
			w.labels[l] = w.loops
		}
		w.stmt(s.Stmt)
	case *ast.DeclStmt:
		w.declStmt(s)
	}
}

func (w *walker) declStmt(s *ast.DeclStmt) {
	gd, ok := s.Decl.(*ast.GenDecl)
	if !ok {
		return
	}
	for _, spec := range gd.Specs {
		if vs, ok := spec.(*ast.ValueSpec); ok {
			w.exprs(vs.Values)
		}
	}
}

func (w *walker) exprs(list []ast.Expr) {
	for _, e := range list {
		w.expr(e)
	}
}

// expr visits an expression for calls, receives and function literals.
func (w *walker) expr(e ast.Expr) {
	if e == nil {
		return
	}
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			w.c.literal(n, w.f) // its own body, not run here
			return false
		case *ast.CallExpr:
			w.call(n)
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				w.recv(n)
			}
		case *ast.CompositeLit:
			w.compositeLit(n)
		}
		return true
	})
}

// goStmt visits the arguments of a go statement, which are evaluated
// here; the call itself runs on a new goroutine.
func (w *walker) goStmt(s *ast.GoStmt) {
	switch fun := ast.Unparen(s.Call.Fun).(type) {
	case *ast.FuncLit:
		w.noteGoArgs(fun, s.Call)
		w.c.chans.launched = append(w.c.chans.launched, w.c.literalOn(fun, w.f, true))
	case *ast.SelectorExpr:
		w.expr(fun.X)
	}
	if callee := typeutil.StaticCallee(w.c.pass.TypesInfo, s.Call); callee != nil && w.c.byObj[callee] != nil {
		w.c.chans.launched = append(w.c.chans.launched, w.c.byObj[callee])
		w.c.chans.starts = append(w.c.chans.starts, start{w.f.scope, w.c.byObj[callee]})
	}
	w.exprs(s.Call.Args)
}

// assign notes what an assignment tells: values of contract types,
// requests received, channels stored in fields.
func (w *walker) assign(s *ast.AssignStmt) {
	info := w.c.pass.TypesInfo
	if len(s.Lhs) == len(s.Rhs) {
		for i, lhs := range s.Lhs {
			w.hotValue(info.TypeOf(lhs), s.Rhs[i])
			if ix, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok {
				w.noteElementValue(ix.X, s.Rhs[i])
			}
			if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok {
				field, _ := info.Uses[sel.Sel].(*types.Var)
				w.noteFieldValue(field, s.Rhs[i])
				w.noteFlagValue(field, s.Rhs[i])
				if field != nil && isChan(field.Type()) && !w.madeWithRoom(s.Rhs[i]) {
					w.c.chans.unroomyStores[field] = true
				}
			}
		}
	}
	if len(s.Rhs) == 1 {
		if u, ok := ast.Unparen(s.Rhs[0]).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			w.noteReceipt(s.Lhs[0], u.X)
		}
	}
}

// send records a send statement outside a select.
func (w *walker) send(s *ast.SendStmt) {
	if w.c.fitsBuffer(w.f, s.Chan) {
		return
	}
	if w.c.othersInbox(w.f, s.Chan) {
		return // served by another package, as unknown as an interface call
	}
	if s == w.fill {
		w.join(s)
		return
	}
	w.addOp(&op{
		check: CheckSend, what: "send on " + exprString(s.Chan), why: whyNoGuard,
		pos: s.Arrow, end: s.Arrow + 2, bound: unbounded, fanout: w.fanOutSet(s.Chan),
		node: s, stmt: w.listed == s, slot: w.c.receiverSlot(w.f, s.Chan),
		replies:     w.listed == s && closes(w.c.pass.TypesInfo, w.next, s.Chan),
		answersOnce: w.listed == s && w.leavesHandling(w.next),
		drained:     w.listed == s && drainsFirst(w.c.pass.TypesInfo, w.prev, s.Chan),
	})
}

// leavesHandling reports whether next, the statement after a send, ends
// the handling the send is in: a return, or a continue or break of a
// loop around the select case or range body that began it.
func (w *walker) leavesHandling(next ast.Stmt) bool {
	switch n := next.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		if n.Label == nil || n.Tok != token.CONTINUE && n.Tok != token.BREAK {
			return false
		}
		depth, ok := w.labels[w.c.pass.TypesInfo.Uses[n.Label]]
		return ok && depth < w.caseLoops
	}
	return false
}

// recv records a receive outside a select.
func (w *walker) recv(e *ast.UnaryExpr) {
	w.noteToken(e.X, e.OpPos)
	if w.f.goroutine {
		w.noteRelease(e.X)
	}
	w.addOp(&op{
		check: CheckRecv, what: "receive from " + exprString(e.X), why: whyNoGuard,
		pos: e.OpPos, end: e.End(), bound: w.chanBound(e.X, false),
	})
}

// rangeStmt records a range over a channel.
func (w *walker) rangeStmt(s *ast.RangeStmt) {
	if !isChan(w.c.pass.TypesInfo.TypeOf(s.X)) {
		return
	}
	w.addOp(&op{
		check: CheckRecv, what: "range over " + exprString(s.X), why: "it ends only when the channel is closed",
		pos: s.For, end: s.X.End(), bound: w.chanBound(s.X, false),
	})
}

// selectStmt records a select that nothing bounds, then visits the
// expressions of its cases (not their sends and receives, which the
// select governs) and their bodies.
func (w *walker) selectStmt(s *ast.SelectStmt) {
	o := &op{check: CheckSelect, what: "select", why: whyNoGuard, pos: s.Select, end: s.Select + 6}
	after := w.next
	if len(s.Body.List) == 0 {
		o.what, o.why, o.bound = "select {}", whyEmpty, unbounded
		if afterPanic(w.prev) {
			o.bound = bounded // go panic(err); select {}: the panic ends the program
		}
	} else {
		o.bound = w.selectBound(s)
		o.fanout = w.selectFanOut(s)
		o.slot = w.c.selectSlot(w.f, s)
	}
	o.loopWait = w.c.loopWaits[s]
	w.addOp(o)
	w.noteDrains(s)
	for _, cc := range s.Body.List {
		cc := cc.(*ast.CommClause)
		switch comm := cc.Comm.(type) {
		case *ast.SendStmt:
			next := after
			if len(cc.Body) > 0 {
				next = cc.Body[0]
			}
			w.noteRequest(comm.Chan, comm.Value, next, nil)
			w.noteLatest(comm.Chan, comm.Pos(), false)
			w.c.chans.noteMessage(w.c.pass.TypesInfo.TypeOf(comm.Chan))
			w.expr(comm.Chan)
			w.expr(comm.Value)
		case *ast.ExprStmt:
			w.expr(recvOperand(comm))
		case *ast.AssignStmt:
			w.exprs(comm.Lhs)
			w.expr(recvOperand(comm))
			w.noteReceipt(comm.Lhs[0], recvOperand(comm))
		}
		if x := recvOperand(cc.Comm); x != nil && isTokenChan(w.c.pass.TypesInfo.TypeOf(x)) {
			// case <-c.mu: a token taken, as by a bare receive, that a send
			// after the select gives back (K1). Only for tokens (chan
			// struct{}): a later send on a queue a case took a message
			// from gives nothing back.
			w.noteToken(x, cc.Case)
		}
	}
	for _, cc := range s.Body.List {
		cc := cc.(*ast.CommClause)
		saved, savedLoops, savedGranted, savedReturns := w.handling, w.caseLoops, w.granted, w.caseReturns
		if x := recvOperand(cc.Comm); x != nil {
			w.handling = chanID(w.c.pass.TypesInfo, x)
		}
		if send, ok := cc.Comm.(*ast.SendStmt); ok {
			w.granted = chanID(w.c.pass.TypesInfo, send.Chan)
		}
		w.caseLoops = w.loops
		w.caseReturns = endsInReturn(cc.Body)
		w.branch(cc.Body)
		w.handling, w.caseLoops, w.granted, w.caseReturns = saved, savedLoops, savedGranted, savedReturns
	}
}

// addOp keeps an op that can matter under the enabled checks: one that
// nothing bounds and whose check runs, or one bounded by a context
// parameter when the ctx check runs.
func (w *walker) addOp(o *op) {
	switch {
	case o.bound == unbounded && w.c.checks.has(o.check):
	case o.bound >= 0 && w.c.checks.has(CheckCtx):
	default:
		return
	}
	o.loops, o.caseLoops, o.handling, o.oneShot, o.nonNil = w.loops, w.caseLoops, w.handling, w.oneShot, w.nonNil
	o.granted, o.caseReturns, o.bools, o.zeros, o.nilChecked = w.granted, w.caseReturns, w.bools, w.zeros, w.nilChecked
	if !o.unlocks {
		o.held = w.held
	}
	w.f.ops = append(w.f.ops, o)
}

// isChan reports whether t is a channel type; false for an ill-typed
// expression's nil type.
func isChan(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := types.Unalias(t).Underlying().(*types.Chan)
	return ok
}

// afterPanic reports whether prev is go panic(...): a select {} after it
// only waits for the panic to end the program.
func afterPanic(prev ast.Stmt) bool {
	g, ok := prev.(*ast.GoStmt)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(g.Call.Fun).(*ast.Ident)
	return ok && id.Name == "panic"
}

// endsInReturn reports whether the last statement of list is a return.
func endsInReturn(list []ast.Stmt) bool {
	if len(list) == 0 {
		return false
	}
	_, ok := list[len(list)-1].(*ast.ReturnStmt)
	return ok
}

// noteGoArgs records the argument that the go statement call gives each
// parameter of the literal lit it starts.
func (w *walker) noteGoArgs(lit *ast.FuncLit, call *ast.CallExpr) {
	info := w.c.pass.TypesInfo
	i := 0
	for _, field := range lit.Type.Params.List {
		for _, name := range field.Names {
			if v, ok := info.Defs[name].(*types.Var); ok && i < len(call.Args) && call.Ellipsis == token.NoPos {
				w.c.chans.goArgs[v] = call.Args[i]
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
}
