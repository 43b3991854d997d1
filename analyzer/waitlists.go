package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
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

// Slot lists answered with last words (R2 and C): a walk that sends on
// each slot of a list and closes it at once,
//
//	for _, w := range waiting { w <- err; close(w) }
//
// answers each slot at most once (a second send would panic, not wait),
// so when every slot the list ever holds is made with room and nothing
// else sends on it, the send never waits. The list may be a local (a
// loop collecting the slots of the requests it batches; kad-dht's
// refresh manager), a slice field (sarama's metadata refresh waiters) or
// an element of a map field of lists (cometbft's chunk waiters); the
// walk need not empty it.

// lastWordsToSlots reports whether the send s, in f, is such a send.
func (c *checker) lastWordsToSlots(f *fn, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	w := localVar(info, s.Chan)
	if w == nil {
		return false
	}
	if f.region != nil {
		f = f.region
	}
	if len(c.chans.requests[w]) == 0 || !c.onlyLastWords(w) || f.body == nil {
		return false
	}
	loop, _ := rangeOver(f.body, w, info)
	if loop == nil {
		return false
	}
	values, ok := c.listValues(f, loop.X)
	if !ok {
		return false
	}
	list := listID(info, loop.X)
	for _, v := range values {
		if !c.addsRoomySlots(v, list) {
			return false
		}
	}
	return true
}

// listID identifies a list: the local or field it is, or whose element
// it is (m[k]).
func listID(info *types.Info, x ast.Expr) types.Object {
	if ix, ok := ast.Unparen(x).(*ast.IndexExpr); ok {
		x = ix.X
	}
	return chanID(info, x)
}

// listValues returns every value stored in the list x: a local of f's
// declaration, a slice field, or an element of a map field of slices.
func (c *checker) listValues(f *fn, x ast.Expr) ([]ast.Expr, bool) {
	info := c.pass.TypesInfo
	if ix, ok := ast.Unparen(x).(*ast.IndexExpr); ok {
		x = ix.X
	}
	if v := localVar(info, x); v != nil {
		sc := f.scope
		if sc == nil || v.Pos() < sc.body.Pos() || v.Pos() >= sc.body.End() {
			return nil, false // a parameter: its values are the callers'
		}
		sc.build(info)
		return sc.stored[v], !sc.opaque[v] && len(sc.stored[v]) > 0
	}
	field, ok := chanID(info, x).(*types.Var)
	if !ok || !field.IsField() {
		return nil, false
	}
	stores := c.chans.valueStores[field]
	return stores, len(stores) > 0
}

// addsRoomySlots reports whether the value v stored in list keeps every
// slot of it a slot with room: nil (the zero value of a declaration, or
// a reset), an empty list, a reslice of the list, or an append of such
// slots to it.
func (c *checker) addsRoomySlots(v ast.Expr, list types.Object) bool {
	info := c.pass.TypesInfo
	if v == nil || isNil(info, v) {
		return true
	}
	switch e := ast.Unparen(v).(type) {
	case *ast.SliceExpr:
		return listID(info, e.X) == list // r.chans = r.chans[:0]
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	case *ast.CallExpr:
		if isBuiltin(info, e.Fun, "make") {
			// make([]chan T, 0); a longer one holds nil channels.
			n := info.Types[e.Args[min(1, len(e.Args)-1)]].Value
			return len(e.Args) >= 2 && n != nil && n.Kind() == constant.Int && constant.Sign(n) == 0
		}
		if !isBuiltin(info, e.Fun, "append") || len(e.Args) < 2 || e.Ellipsis != token.NoPos || listID(info, e.Args[0]) != list {
			return false
		}
		for _, slot := range e.Args[1:] {
			if !c.isRoomySlot(slot) {
				return false
			}
		}
		return true
	}
	return false
}

// isRoomySlot reports whether e is a reply slot with room that the
// package sends on directly only to close it at once: a local made with
// a constant buffer, or a channel field every store makes so.
func (c *checker) isRoomySlot(e ast.Expr) bool {
	info := c.pass.TypesInfo
	if v := localVar(info, e); v != nil {
		return c.onlyLastWords(v) && c.madeLocallyWithRoom(v)
	}
	field, ok := chanID(info, e).(*types.Var)
	return ok && field.IsField() && c.onlyLastWords(field) && c.alwaysRoomy(field)
}

// onlyLastWords reports whether every send of the package on ch closes
// it right after.
func (c *checker) onlyLastWords(ch types.Object) bool {
	for _, r := range c.chans.requests[ch] {
		if !closes(c.pass.TypesInfo, r.next, r.ch) {
			return false
		}
	}
	return true
}

// noteElementValue records a value stored in an element of a map field
// of lists: m[k] = append(m[k], slot).
func (w *walker) noteElementValue(m ast.Expr, value ast.Expr) {
	info := w.c.pass.TypesInfo
	field, ok := chanID(info, m).(*types.Var)
	if !ok || !field.IsField() {
		return
	}
	if _, isMap := field.Type().Underlying().(*types.Map); isMap {
		w.c.chans.valueStores[field] = append(w.c.chans.valueStores[field], value)
	}
}

// Waiters removed, then answered (R2): the waiters of a container/list
// each carry a reply slot with room, and every send on such a slot comes
// after the waiter's element is removed from its list:
//
//	w := el.Value.(*waiter)
//	l.Remove(el)
//	w.done <- nil
//
// A waiter leaves the list before its one reply, so no later walk finds
// it again: each slot gets at most one send, into its own buffer
// (go-redis's connection state machine).

// removedThenAnswered reports whether the send s is on such a slot.
func (c *checker) removedThenAnswered(s *ast.SendStmt) bool {
	field, ok := chanID(c.pass.TypesInfo, s.Chan).(*types.Var)
	if !ok || !field.IsField() || !c.alwaysRoomy(field) {
		return false
	}
	sends := c.chans.requests[field]
	for _, r := range sends {
		if !c.removedBefore(r) {
			return false
		}
	}
	return len(sends) > 0
}

// removedBefore reports whether the send r is on a field of a local
// taken from a container/list element that a statement before it
// removes from its list.
func (c *checker) removedBefore(r request) bool {
	info := c.pass.TypesInfo
	sel, ok := ast.Unparen(r.ch).(*ast.SelectorExpr)
	if !ok || r.scope == nil {
		return false
	}
	x := localVar(info, sel.X)
	if x == nil {
		return false
	}
	el := localVar(info, elementOf(info, r.scope.def(info, x)))
	if el == nil || !isListElement(el.Type()) {
		return false
	}
	for _, st := range r.before {
		if removes(info, st, el) {
			return true
		}
	}
	return false
}

// removes reports whether st is l.Remove(el), l a container/list.List.
func removes(info *types.Info, st ast.Stmt, el *types.Var) bool {
	es, ok := st.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || localVar(info, call.Args[0]) != el {
		return false
	}
	callee := typeutil.StaticCallee(info, call)
	return callee != nil && callee.Name() == "Remove" && callee.Pkg() != nil && callee.Pkg().Path() == "container/list"
}
