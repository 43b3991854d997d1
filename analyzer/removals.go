package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

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
//
// The same holds for waiters kept in a map, whose every reply deletes
// the entry it came from, before or right after the send:
//
//	info, ok := f.m[id]          // or: for id, info := range f.m
//	info.wait <- err
//	delete(f.m, id)
//
// (go-amqp's deliveries in flight).

// removedThenAnswered reports whether the send s is on such a slot.
func (c *checker) removedThenAnswered(s *ast.SendStmt) bool {
	field, ok := chanID(c.pass.TypesInfo, s.Chan).(*types.Var)
	if !ok || !field.IsField() || !c.alwaysRoomy(field) {
		return false
	}
	sends := c.chans.requests[field]
	for _, r := range sends {
		if !c.removedBefore(r) && !c.deletedWith(r) {
			return false
		}
	}
	return len(sends) > 0
}

// deletedWith reports whether the send r is on a field of a local taken
// from a map, m[k] or a range over m, and the statements before it or
// the one right after delete that entry: delete(m, k).
func (c *checker) deletedWith(r request) bool {
	info := c.pass.TypesInfo
	x := c.slotHolder(r)
	if x == nil {
		return false
	}
	m, k := mapEntry(info, r.scope.body, x)
	if m == nil {
		return false
	}
	for _, st := range append(append([]ast.Stmt(nil), r.before...), r.next) {
		if deletes(info, st, m, k) {
			return true
		}
	}
	return false
}

// mapEntry returns the map and key whose entry the local x holds, when
// it is defined once as m[k] (x := m[k], x, ok := m[k]) or is the value
// (or the key) of a range over m.
func mapEntry(info *types.Info, body *ast.BlockStmt, x *types.Var) (m, k ast.Expr) {
	isMap := func(e ast.Expr) bool {
		t := info.TypeOf(e)
		if t == nil {
			return false
		}
		_, ok := t.Underlying().(*types.Map)
		return ok
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Rhs) != 1 || len(n.Lhs) == 0 || info.Defs[identOf(n.Lhs[0])] != x {
				return true
			}
			if ix, ok := ast.Unparen(n.Rhs[0]).(*ast.IndexExpr); ok && isMap(ix.X) {
				m, k = ix.X, ix.Index
			}
		case *ast.RangeStmt:
			if !isMap(n.X) || n.Key == nil {
				return true
			}
			if n.Value != nil && info.Defs[identOf(n.Value)] == x || info.Defs[identOf(n.Key)] == x {
				m, k = n.X, n.Key
			}
		}
		return m == nil
	})
	return m, k
}

// deletes reports whether st is delete(m, k), m and k written as given.
func deletes(info *types.Info, st ast.Stmt, m, k ast.Expr) bool {
	es, ok := st.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	return ok && isBuiltin(info, call.Fun, "delete") && len(call.Args) == 2 &&
		types.ExprString(call.Args[0]) == types.ExprString(m) && types.ExprString(call.Args[1]) == types.ExprString(k)
}

// removedBefore reports whether the send r is on a field of a local
// taken from a container/list element that a statement before it
// removes from its list.
func (c *checker) removedBefore(r request) bool {
	info := c.pass.TypesInfo
	x := c.slotHolder(r)
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

// slotHolder returns the local whose field the send r is on (w in
// w.done <- v), when r's declaration is known; nil otherwise.
func (c *checker) slotHolder(r request) *types.Var {
	sel, ok := ast.Unparen(r.ch).(*ast.SelectorExpr)
	if !ok || r.scope == nil {
		return nil
	}
	return localVar(c.pass.TypesInfo, sel.X)
}
