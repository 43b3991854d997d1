package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Workers: the goroutines the package starts, and what they guarantee
// about the channels and conditions they serve (W).

// findOwned records the channels that goroutines of the package drain
// with a range loop that only their closing ends, and the quit channels
// of their endless loops: such a receiver is alive whenever a send can
// happen, so the send is back-pressure, not a hang (W).
func (c *checker) findOwned() {
	info := c.pass.TypesInfo
	for _, launched := range c.chans.launched {
		f := c.wrapped(launched)
		for _, s := range f.body.List {
			if l, ok := s.(*ast.LabeledStmt); ok {
				s = l.Stmt
			}
			switch s := s.(type) {
			case *ast.RangeStmt:
				if !isChan(info.TypeOf(s.X)) || leavesLoop(s.Body) {
					continue
				}
				if made := c.returnedBy(f, s.X); made != nil {
					c.chans.owned[made] = true // for err := range startWriter(...)
				}
				if id := chanID(info, s.X); id != nil {
					c.chans.owned[id] = true
				}
			case *ast.ForStmt:
				if q := c.quitChannel(s); q != nil {
					c.chans.owned[q] = true
					if c.neverSignalled(q) {
						c.serve(s, c.chans.owned)
					}
				}
				if s.Cond == nil && c.exitsOnQuit(s.Body, false, nil) {
					c.serve(s, c.chans.untilStop)
					c.noteStops(s)
				}
				if s.Cond == nil && !leavesLoop(s.Body) && !c.stalls(f, s) {
					c.serve(s, c.chans.owned) // a hub: never gone, never stuck
				}
				c.noteMerge(s)
			}
			if mayReturn(s) {
				break // the worker may return before the loops below
			}
		}
	}
	c.findExportedHubs()
}

// findExportedHubs records the channels that exported hubs serve: an
// exported function or method whose loop has no way out and never waits
// in its cases is a hub its importers start (go websockets.Hub.Run() in
// the server package). A hub nobody starts would hang its first sender at
// once, a bug no test misses; the bug hotblock is for is the consumer
// that goes away later, which a hub cannot.
func (c *checker) findExportedHubs() {
	for _, f := range c.funcs {
		if f.lit != nil || f.obj == nil || !f.obj.Exported() || f.body == nil {
			continue
		}
		for _, s := range f.body.List {
			if loop, ok := s.(*ast.ForStmt); ok && loop.Cond == nil && !leavesLoop(loop.Body) && !c.stalls(f, loop) {
				c.serve(loop, c.chans.owned)
			}
			if mayReturn(s) {
				break
			}
		}
	}
}

// stalls reports whether a worker's loop can wait, other than in its
// own selects, for something that may never come: an operation in it
// that nothing bounds, or a call of the package that reaches one. A hub
// whose loop has no way out and never stalls takes every send it serves
// at once, wherever it comes from (W). Sends that a protocol makes safe
// still count here: the rule errs towards reporting.
func (c *checker) stalls(f *fn, loop *ast.ForStmt) bool {
	own := make(map[token.Pos]bool)
	for _, st := range loop.Body.List {
		if sel, ok := st.(*ast.SelectStmt); ok {
			own[sel.Select] = true
		}
	}
	inLoop := func(p token.Pos) bool { return loop.Pos() <= p && p < loop.End() }
	var queue []*fn
	for _, o := range f.ops {
		if inLoop(o.pos) && o.bound == unbounded && !own[o.pos] {
			return true
		}
	}
	for _, cl := range f.calls {
		if inLoop(cl.expr.Pos()) {
			queue = append(queue, cl.callee)
		}
	}
	return c.reachesWait(queue)
}

// reachesWait reports whether any of the bodies in queue, or a body of
// the package they call, holds an operation that nothing bounds.
func (c *checker) reachesWait(queue []*fn) bool {
	seen := make(map[*fn]bool)
	for len(queue) > 0 {
		g := queue[0]
		queue = queue[1:]
		if seen[g] {
			continue
		}
		seen[g] = true
		for _, o := range g.ops {
			if o.bound == unbounded {
				return true
			}
		}
		queue = append(queue, callees(g)...)
	}
	return false
}

// wrapped returns the function a launched literal only wraps, as in
// go func() { defer wg.Done(); c.poll() }(), or the literal itself.
func (c *checker) wrapped(f *fn) *fn {
	if f.lit == nil || len(f.body.List) == 0 {
		return f
	}
	list := f.body.List
	for _, s := range list[:len(list)-1] {
		if _, ok := s.(*ast.DeferStmt); !ok {
			return f
		}
	}
	es, ok := list[len(list)-1].(*ast.ExprStmt)
	if !ok {
		return f
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return f
	}
	if callee := c.calleeOf(call); callee != nil && c.byObj[callee] != nil {
		return c.byObj[callee]
	}
	return f
}

// quitChannel returns, for a worker's endless loop, the one channel
// whose receipt is its only way out: the worker is alive until it
// receives from it, so a send on it (a quit message, sent once) is always
// taken. Nil if the loop can end otherwise, or on two channels (the
// worker may have left on the other one).
func (c *checker) quitChannel(loop *ast.ForStmt) types.Object {
	if loop.Cond != nil {
		return nil
	}
	var quit types.Object
	ok := c.exitsOnQuit(loop.Body, false, &quit)
	if !ok {
		return nil
	}
	return quit
}

// exitsOnQuit reports whether every way out of the loop within n is in
// the body of a select case receiving from one same channel, which it
// stores in quit; or, with a nil quit, from any stop signal (a channel of
// struct{}: a quit channel, ctx.Done()). nested: n is inside a statement
// that an unlabeled break leaves instead of the loop.
func (c *checker) exitsOnQuit(n ast.Node, nested bool, quit *types.Object) bool {
	ok := true
	ast.Inspect(n, func(m ast.Node) bool {
		if !ok || m == n {
			return ok
		}
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			ok = false
		case *ast.BranchStmt:
			if m.Tok == token.GOTO || m.Tok == token.BREAK && (m.Label != nil || !nested) {
				ok = false
			}
		case *ast.SelectStmt:
			ok = c.selectExitsOnQuit(m, quit)
			return false
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt:
			ok = c.exitsOnQuit(m, true, quit)
			return false
		}
		return ok
	})
	return ok
}

// selectExitsOnQuit is exitsOnQuit for a select: a case that receives
// from the quit channel may leave; the others may not.
func (c *checker) selectExitsOnQuit(s *ast.SelectStmt, quit *types.Object) bool {
	for _, cc := range s.Body.List {
		cc := cc.(*ast.CommClause)
		body := &ast.BlockStmt{List: cc.Body}
		if !leavesLoop(body) {
			continue
		}
		x := recvOperand(cc.Comm)
		if quit == nil {
			if x == nil || !isTokenChan(c.pass.TypesInfo.TypeOf(x)) {
				if !c.exitsOnQuit(body, true, nil) {
					return false
				}
			}
			continue
		}
		id := chanID(c.pass.TypesInfo, x)
		if id == nil && !c.exitsOnQuit(body, true, quit) {
			return false // a way out that is not the receipt of a quit message
		}
		if id != nil {
			if *quit != nil && *quit != id {
				return false // two ways out
			}
			*quit = id
		}
	}
	return true
}

// leavesLoop reports whether a loop body can leave the loop other than
// by the loop's own end: a return, a break or goto out of it, a panic
// does not count.
func leavesLoop(body *ast.BlockStmt) bool {
	leaves := false
	var visit func(n ast.Node, nested bool) bool
	visit = func(n ast.Node, nested bool) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			leaves = true
		case *ast.BranchStmt:
			switch {
			case n.Tok == token.GOTO, n.Tok == token.BREAK && n.Label != nil:
				leaves = true
			case n.Tok == token.BREAK && !nested:
				leaves = true
			}
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			ast.Inspect(n, func(m ast.Node) bool {
				if m == n {
					return true
				}
				return visit(m, true)
			})
			return false
		}
		return !leaves
	}
	ast.Inspect(body, func(n ast.Node) bool { return visit(n, false) })
	return leaves
}

// workerJoin reports whether o, a sync.Cond.Wait, waits in a predicate
// loop for a condition that a goroutine of the package signals: a join
// on a worker the package owns, like WaitGroup.Wait, rather than a wait
// on whoever might come. A bare Wait with no loop stays a call finding.
func (c *checker) workerJoin(o *op) bool {
	if o.loops == 0 {
		return false
	}
	owned := c.ownedCode()
	for _, s := range c.chans.signals[o.cond] {
		if owned[s.by] {
			return true
		}
	}
	return false
}

// ownedCode returns the bodies that run on goroutines the package starts:
// the bodies go statements start and every body of the package they call.
func (c *checker) ownedCode() map[*fn]bool {
	if c.chans.ownedCode != nil {
		return c.chans.ownedCode
	}
	owned := make(map[*fn]bool)
	queue := append([]*fn(nil), c.chans.launched...)
	for _, f := range c.funcs {
		if f.goroutine {
			queue = append(queue, f)
		}
	}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		if owned[f] {
			continue
		}
		owned[f] = true
		queue = append(queue, callees(f)...)
	}
	c.chans.ownedCode = owned
	return owned
}

// mayReturn reports whether s holds a return of its function (not of a
// literal inside it).
func mayReturn(s ast.Stmt) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		}
		return !found
	})
	return found
}

// neverSignalled reports whether nothing in the package sends on the
// quit channel q, or on a channel that holds its value, or closes one:
// a worker that leaves only on q never leaves.
func (c *checker) neverSignalled(q types.Object) bool {
	info := c.pass.TypesInfo
	quits := c.aliases(q)
	for a := range quits {
		if len(c.chans.requests[a]) > 0 {
			return false
		}
	}
	closed := false
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && isBuiltin(info, call.Fun, "close") && len(call.Args) == 1 && quits[chanID(info, call.Args[0])] {
				closed = true
			}
			return !closed
		})
	}
	return !closed
}

// serve records in served the channels that the selects of a worker's
// loop receive from, and the fields that hold them. For a worker that
// never leaves (owned): a pool whose workers run for the life of the
// program always takes a job. For one that leaves only when told to stop
// (untilStop): a send waits forever only after its stop.
func (c *checker) serve(loop *ast.ForStmt, served map[types.Object]bool) {
	for _, id := range c.servedBy(loop) {
		for a := range c.aliases(id) {
			served[a] = true
		}
	}
}

// servedBy returns the channels that the selects of a worker's loop
// receive from.
func (c *checker) servedBy(loop *ast.ForStmt) []types.Object {
	var ids []types.Object
	for _, st := range loop.Body.List {
		sel, ok := st.(*ast.SelectStmt)
		if !ok {
			continue
		}
		for _, cc := range sel.Body.List {
			if id := chanID(c.pass.TypesInfo, recvOperand(cc.(*ast.CommClause).Comm)); id != nil {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// sendsUntilStop reports whether o is a send on a channel that a worker
// of the package serves until it is told to stop (Summary.AfterStop).
func (c *checker) sendsUntilStop(o *op) bool {
	s, ok := o.node.(*ast.SendStmt)
	if !ok {
		return false
	}
	id := chanID(c.pass.TypesInfo, s.Chan)
	return id != nil && c.chans.untilStop[id]
}

// returnedBy returns the channel local that a function of the package
// makes and returns, when x, in f, is a local holding what a call of it
// returned: errs := startWriter(...); for err := range errs.
func (c *checker) returnedBy(f *fn, x ast.Expr) types.Object {
	info := c.pass.TypesInfo
	maker, result := c.returnedFrom(f, x)
	if maker == nil {
		return nil
	}
	made := localVar(info, result)
	if made == nil || !isMake(info, maker.scope.def(info, made)) {
		return nil
	}
	return made
}

// isMake reports whether e is a call of the built-in make.
func isMake(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && isBuiltin(info, call.Fun, "make")
}
