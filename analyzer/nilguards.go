package analyzer

import (
	"go/ast"
	"go/types"
)

// Parameter guards: a function that blocks only under if p != nil, for a
// parameter p it never reassigns, cannot block when called with a
// literal nil there; one whose only waits are sends on its channel
// parameter p cannot block when given a channel that a worker of the
// package drains until it is closed (nats-server's EnableJetStream sends
// on its task queue only when it is given one, and every queue it is
// given has its workers). Summary.NilGuard and Summary.SendsOn carry this
// to the function's callers, in this package and in others.

// nilGuard returns the bits of f's parameters among vars: nilable
// parameters that f never reassigns, checked not nil around an operation.
func (c *checker) nilGuard(f *fn, vars []*types.Var) uint64 {
	var bits uint64
	for _, v := range vars {
		i := f.paramIndex(v)
		if i < 0 || i >= 64 || !isNilable(v.Type()) || f.scope.written(c.pass.TypesInfo, v) {
			continue
		}
		bits |= 1 << i
	}
	return bits
}

// passedGuard returns the bits of f's parameters that the call cl passes
// where its callee's NilGuard holds: the guard holds through the call.
func (c *checker) passedGuard(f *fn, cl *call, guard uint64) uint64 {
	info := c.pass.TypesInfo
	var vars []*types.Var
	for j := range min(len(cl.expr.Args), 64) {
		if guard&(1<<j) == 0 {
			continue
		}
		if v := localVar(info, argAt(info, cl.expr, j)); v != nil {
			vars = append(vars, v)
		}
	}
	return c.nilGuard(f, vars)
}

// givenNil reports whether the call e passes a literal nil where guard
// says the callee only blocks when that argument is not nil.
func (c *checker) givenNil(e *ast.CallExpr, guard uint64) bool {
	info := c.pass.TypesInfo
	for j := range min(len(e.Args), 64) {
		if guard&(1<<j) != 0 && isNil(info, argAt(info, e, j)) {
			return true
		}
	}
	return false
}

// isNilable reports whether a value of type t can be nil.
func isNilable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Chan, *types.Pointer, *types.Map, *types.Slice, *types.Signature, *types.Interface:
		return true
	}
	return false
}

// sendsOn returns the bit of f's parameter that the op o sends on, if it
// is a send on one that f never reassigns.
func (c *checker) sendsOn(f *fn, o *op) uint64 {
	s, ok := o.node.(*ast.SendStmt)
	if !ok {
		return 0
	}
	v := localVar(c.pass.TypesInfo, s.Chan)
	if v == nil {
		return 0
	}
	return c.nilGuard(f, []*types.Var{v})
}

// givenOwned reports whether the call cl, in f, passes a channel that a
// worker of the package drains until it is closed where sends says the
// callee only waits on sends to it.
func (c *checker) givenOwned(f *fn, e *ast.CallExpr, sends uint64) bool {
	info := c.pass.TypesInfo
	for j := range min(len(e.Args), 64) {
		if sends&(1<<j) != 0 && c.isOwnedValue(f, argAt(info, e, j)) {
			return true
		}
	}
	return false
}

// isOwnedValue reports whether x, in f, is a channel that a goroutine
// of the package drains until it is closed: an owned channel, or a local
// made by a call of a function of the package that returns one.
func (c *checker) isOwnedValue(f *fn, x ast.Expr) bool {
	info := c.pass.TypesInfo
	if id := chanID(info, x); id != nil && c.chans.owned[id] {
		return true
	}
	v := localVar(info, x)
	if v == nil || f.scope == nil {
		return false
	}
	f.scope.build(info)
	call, ok := ast.Unparen(f.scope.def(info, v)).(*ast.CallExpr)
	if !ok {
		return false
	}
	maker := c.byObj[c.calleeOf(call)]
	if maker == nil || maker.body == nil || len(maker.body.List) == 0 {
		return false
	}
	ret, ok := maker.body.List[len(maker.body.List)-1].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return false
	}
	id := chanID(info, ret.Results[0])
	return id != nil && c.chans.owned[id]
}

// spared reports whether the call e, in f, gives its callee, which may
// block forever, what keeps it from blocking: nil where it blocks only
// with a value, or a drained channel where it only sends on one.
func (c *checker) spared(f *fn, e *ast.CallExpr, callee Summary) bool {
	return c.givenNil(e, callee.NilGuard) || c.givenOwned(f, e, callee.SendsOn)
}
