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
