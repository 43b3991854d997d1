package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// Batches of reply slots (R2): a loop collects the reply slot of each
// request it takes into a local batch, answers every slot of the batch
// once, directly or in a helper it hands the batch to, and then starts a
// new batch or returns:
//
//	case req := <-w.writes:
//		results = append(results, req.result)
//	case <-tick:
//		w.flush(results) // for i := range buffers { results[i] <- r }
//		results = nil
//
// Every slot in the batch has room (its requester made it so), and no
// walk finds it twice: the send never waits, whether or not the
// requester still does (gocql's write coalescer).

// answersBatch reports whether the send s in f answers such a batch.
func (c *checker) answersBatch(f *fn, s *ast.SendStmt) bool {
	if f.region != nil {
		f = f.region
	}
	if f.body == nil || f.scope == nil {
		return false
	}
	info := c.pass.TypesInfo
	if !c.mayWalkBatch(f, s) {
		return false // the common case, decided without a look at the file
	}
	list, walk := c.batchWalk(f, s)
	if list == nil {
		return false
	}
	if list.Pos() >= f.scope.body.Pos() && list.Pos() < f.scope.body.End() {
		// A local batch: filled and walked here, emptied after the walk.
		return c.fillsWithSlots(f.scope, list) && emptiedAfter(info, f.scope.body, walk, list)
	}
	i := f.paramIndex(list)
	if i < 0 || f.scope.written(info, list) {
		return false
	}
	// A batch handed to f: every caller fills its own batch with slots
	// and empties it after the call.
	calls := c.callsOf()[f]
	for _, cl := range calls {
		arg := localVar(info, argAt(info, cl.expr, i))
		caller := c.declOf(cl.expr.Pos())
		if arg == nil || caller == nil || !c.fillsWithSlots(caller.scope, arg) || !emptiedAfter(info, caller.body, cl.expr, arg) {
			return false
		}
	}
	return len(calls) > 0
}

// mayWalkBatch reports whether s sends on the value of a range over a
// slice (w) or on a local list indexed by a range variable (list[i]):
// only such sends can answer a batch.
func (c *checker) mayWalkBatch(f *fn, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	switch ch := ast.Unparen(s.Chan).(type) {
	case *ast.Ident:
		_, ranged := c.chans.elements[localVar(info, ch)]
		return ranged
	case *ast.IndexExpr:
		i := localVar(info, ch.Index)
		if i == nil || localVar(info, ch.X) == nil {
			return false
		}
		f.scope.build(info)
		return f.scope.opaque[i] // a range variable, among others
	}
	return false
}

// batchWalk returns the list whose element s sends on, once per
// iteration of the loop that walks it, and that loop: for _, w := range
// list { w <- v }, or for i := range xs { list[i] <- v }.
func (c *checker) batchWalk(f *fn, s *ast.SendStmt) (*types.Var, ast.Node) {
	info := c.pass.TypesInfo
	fi := c.fileOf(s.Pos())
	if fi == nil {
		return nil, nil
	}
	path, _ := astutil.PathEnclosingInterval(fi.file, s.Pos(), s.End())
	for _, n := range path[1:] {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.SelectStmt:
			return nil, nil
		case *ast.RangeStmt:
			switch ch := ast.Unparen(s.Chan).(type) {
			case *ast.Ident: // the element itself
				if n.Value != nil && info.Defs[identOf(n.Value)] == info.Uses[ch] {
					v, _ := info.Uses[identOfExpr(n.X)].(*types.Var)
					return v, n
				}
			case *ast.IndexExpr: // the element at the walk's index
				if n.Key != nil && info.Defs[identOf(n.Key)] == info.Uses[identOf(ch.Index)] && info.Uses[identOf(ch.Index)] != nil {
					v, _ := info.Uses[identOf(ch.X)].(*types.Var)
					return v, n
				}
			}
			return nil, nil
		}
	}
	return nil, nil
}

// identOfExpr is identOf, but returns an identifier that never resolves
// when e is none.
func identOfExpr(e ast.Expr) *ast.Ident {
	if id := identOf(e); id != nil {
		return id
	}
	return new(ast.Ident)
}

// fillsWithSlots reports whether every value stored in the local list,
// in the declaration sc, keeps it a batch of reply slots with room:
// nil, an empty list, a reslice of it, or an append of such slots.
func (c *checker) fillsWithSlots(sc *scope, list *types.Var) bool {
	info := c.pass.TypesInfo
	sc.build(info)
	values := sc.stored[list]
	if sc.opaque[list] || len(values) == 0 {
		return false
	}
	for _, v := range values {
		if v == nil || isNil(info, v) {
			continue
		}
		switch e := ast.Unparen(v).(type) {
		case *ast.SliceExpr:
			if localVar(info, e.X) != list {
				return false
			}
		case *ast.CallExpr:
			if !isBuiltin(info, e.Fun, "append") || len(e.Args) < 2 || e.Ellipsis != token.NoPos || localVar(info, e.Args[0]) != list {
				return false
			}
			for _, slot := range e.Args[1:] {
				if !c.replySlotWithRoom(slot) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// replySlotWithRoom reports whether e is the reply field of a request
// type whose every request carries a slot with room (req.result), or a
// local made with room that nothing sends on directly.
func (c *checker) replySlotWithRoom(e ast.Expr) bool {
	info := c.pass.TypesInfo
	if v := localVar(info, e); v != nil {
		return len(c.chans.requests[v]) == 0 && c.madeLocallyWithRoom(v)
	}
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	field, ok := info.Uses[sel.Sel].(*types.Var)
	return ok && field.IsField() && c.owner(field) != nil && c.roomySlot(field)
}

// emptiedAfter reports whether the statement holding at (a walk, or the
// call that hands the batch over) is followed, in its list, by emptying
// the local list (list = nil, list = list[:0]) or by a return, before
// anything else uses the list.
func emptiedAfter(info *types.Info, body *ast.BlockStmt, at ast.Node, list *types.Var) bool {
	ok := false
	eachList(body, func(stmts []ast.Stmt) {
		for i, st := range stmts {
			if st.Pos() > at.Pos() || at.End() > st.End() {
				continue
			}
			if _, isBlock := st.(*ast.BlockStmt); isBlock {
				continue
			}
			ok = ok || emptiesNext(info, stmts[i+1:], list)
		}
	})
	return ok
}

// emptiesNext reports whether the first statement of rest that empties
// list or returns comes before any that uses it.
func emptiesNext(info *types.Info, rest []ast.Stmt, list *types.Var) bool {
	for _, st := range rest {
		if _, isReturn := st.(*ast.ReturnStmt); isReturn {
			return true
		}
		if as, isAssign := st.(*ast.AssignStmt); isAssign && len(as.Lhs) == 1 && len(as.Rhs) == 1 && localVar(info, as.Lhs[0]) == list {
			if isNil(info, as.Rhs[0]) {
				return true
			}
			if sl, isSlice := ast.Unparen(as.Rhs[0]).(*ast.SliceExpr); isSlice && localVar(info, sl.X) == list && sl.Low == nil && isZero(info, sl.High) {
				return true
			}
		}
		if usesVar(info, st, list) {
			return false
		}
	}
	return false
}

// usesVar reports whether n mentions v.
func usesVar(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// declOf returns the declaration whose body holds pos.
func (c *checker) declOf(pos token.Pos) *fn {
	for _, f := range c.funcs {
		if f.lit == nil && f.body != nil && f.body.Pos() <= pos && pos < f.body.End() {
			return f
		}
	}
	return nil
}
