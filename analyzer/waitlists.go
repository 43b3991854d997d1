package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Wait lists (R2): waiters append a reply slot with room to a list that
// the serving loop walks, answering each slot once, and then empties:
//
//	wc := make(chan Stats, 1)
//	s.waiters = append(s.waiters, wc)        // under s.mu
//	...
//	for _, w := range s.waiters { w <- st }  // under s.mu
//	s.waiters = nil
//
// Every slot is answered at most once before the list forgets it, into
// its own buffer of one: the send never waits, whether or not the
// waiter is still there (containerd's garbage collection scheduler).

// answersWaitList reports whether the send s answers such a list.
func (c *checker) answersWaitList(f *fn, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	w := localVar(info, s.Chan)
	if f.region != nil {
		f = f.region
	}
	if w == nil || f.body == nil {
		return false
	}
	loop, next := rangeOver(f.body, w, info)
	if loop == nil {
		return false
	}
	sel, ok := ast.Unparen(loop.X).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	list, ok := info.Uses[sel.Sel].(*types.Var)
	if !ok || !list.IsField() || !clears(info, next, sel) {
		return false
	}
	return c.slotsWithRoom(list) && c.everyWalkClears(list)
}

// rangeOver returns the range loop whose value is w, and the statement
// after it in its list.
func rangeOver(body *ast.BlockStmt, w *types.Var, info *types.Info) (*ast.RangeStmt, ast.Stmt) {
	var loop *ast.RangeStmt
	var next ast.Stmt
	eachList(body, func(list []ast.Stmt) {
		for i, st := range list {
			if r, ok := st.(*ast.RangeStmt); ok && r.Value != nil && info.Defs[identOf(r.Value)] == w {
				loop, next = r, nextStmt(list, i)
			}
		}
	})
	return loop, next
}

// clears reports whether st is x.list = nil, x.list written as sel.
func clears(info *types.Info, st ast.Stmt, sel *ast.SelectorExpr) bool {
	as, ok := st.(*ast.AssignStmt)
	return ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 && isNil(info, as.Rhs[0]) &&
		types.ExprString(as.Lhs[0]) == types.ExprString(sel)
}

// slotsWithRoom reports whether every value stored in the list field is
// nil or append(x.list, wc) with wc a local made with room that the
// package never sends on.
func (c *checker) slotsWithRoom(list *types.Var) bool {
	info := c.pass.TypesInfo
	stores := c.chans.valueStores[list]
	for _, v := range stores {
		if isNil(info, v) {
			continue
		}
		call, ok := ast.Unparen(v).(*ast.CallExpr)
		if !ok || !isBuiltin(info, call.Fun, "append") || len(call.Args) < 2 || call.Ellipsis != token.NoPos {
			return false
		}
		for _, arg := range call.Args[1:] {
			slot := localVar(info, arg)
			if slot == nil || len(c.chans.requests[slot]) > 0 || !c.madeLocallyWithRoom(slot) {
				return false
			}
		}
	}
	return len(stores) > 0
}

// madeLocallyWithRoom reports whether the local v is defined once as
// make(chan T, k), k ≥ 1 a constant.
func (c *checker) madeLocallyWithRoom(v *types.Var) bool {
	for _, f := range c.funcs {
		if f.lit == nil && f.body != nil && f.body.Pos() <= v.Pos() && v.Pos() < f.body.End() {
			f.scope.build(c.pass.TypesInfo)
			return c.isRoomyMake(f.scope.def(c.pass.TypesInfo, v))
		}
	}
	return false
}

// everyWalkClears reports whether every range over the list field that
// sends on or closes its elements is followed by clearing the list.
func (c *checker) everyWalkClears(list *types.Var) bool {
	info := c.pass.TypesInfo
	ok := true
	for _, file := range c.pass.Files {
		eachList(file, func(stmts []ast.Stmt) {
			for i, st := range stmts {
				r, isRange := st.(*ast.RangeStmt)
				if !isRange {
					continue
				}
				sel, isSel := ast.Unparen(r.X).(*ast.SelectorExpr)
				if isSel && info.Uses[sel.Sel] == list && !clears(info, nextStmt(stmts, i), sel) {
					ok = false
				}
			}
		})
	}
	return ok
}

// eachList calls visit with every statement list under n.
func eachList(n ast.Node, visit func([]ast.Stmt)) {
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.BlockStmt:
			visit(m.List)
		case *ast.CaseClause:
			visit(m.Body)
		case *ast.CommClause:
			visit(m.Body)
		}
		return true
	})
}
