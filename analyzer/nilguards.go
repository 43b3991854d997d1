package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
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
	return c.paramBits(f, vars, isNilable)
}

// paramBits returns the bits of f's parameters among vars whose type
// kind accepts and that f never reassigns.
func (c *checker) paramBits(f *fn, vars []*types.Var, kind func(types.Type) bool) uint64 {
	var bits uint64
	for _, v := range vars {
		i := f.paramIndex(v)
		if i < 0 || i >= 64 || !kind(v.Type()) || f.scope.written(c.pass.TypesInfo, v) {
			continue
		}
		bits |= 1 << i
	}
	return bits
}

// boolGuards returns the bits of f's bool parameters that gs require to
// be want.
func (c *checker) boolGuards(f *fn, gs []boolGuard, want bool) uint64 {
	var vars []*types.Var
	for _, g := range gs {
		if g.want == want {
			vars = append(vars, g.v)
		}
	}
	return c.paramBits(f, vars, isBool)
}

// passedGuard returns the bits of f's parameters that the call cl passes
// where its callee's NilGuard holds: the guard holds through the call.
func (c *checker) passedGuard(f *fn, cl *call, guard uint64) uint64 {
	return c.passedBits(f, cl, guard, isNilable)
}

// passedBits is passedGuard for parameters whose type kind accepts.
func (c *checker) passedBits(f *fn, cl *call, guard uint64, kind func(types.Type) bool) uint64 {
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
	return c.paramBits(f, vars, kind)
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
	_, result := c.returnedFrom(f, x)
	if result == nil {
		return false
	}
	id := chanID(info, result)
	return id != nil && c.chans.owned[id]
}

// returnedFrom returns, when x, in f, is a local defined once as a call
// of a function of the package that ends in return r, that function and
// r; else nil, nil.
func (c *checker) returnedFrom(f *fn, x ast.Expr) (*fn, ast.Expr) {
	info := c.pass.TypesInfo
	v := localVar(info, x)
	if v == nil || f.scope == nil {
		return nil, nil
	}
	call, ok := ast.Unparen(f.scope.def(info, v)).(*ast.CallExpr)
	if !ok {
		return nil, nil
	}
	maker := c.byObj[c.calleeOf(call)]
	if maker == nil || maker.body == nil || len(maker.body.List) == 0 {
		return nil, nil
	}
	ret, ok := maker.body.List[len(maker.body.List)-1].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil, nil
	}
	return maker, ret.Results[0]
}

// spared reports whether the call e, in f, gives its callee, which may
// block forever, what keeps it from blocking: nil where it blocks only
// with a value, or a drained channel where it only sends on one.
func (c *checker) spared(f *fn, e *ast.CallExpr, callee Summary) bool {
	return c.givenNil(e, callee.NilGuard) || c.givenOwned(f, e, callee.SendsOn) ||
		c.givenBool(e, callee.TrueGuard, false) || c.givenBool(e, callee.FalseGuard, true) ||
		c.givenNonZero(e, callee.ZeroGuard) ||
		c.slotReleased(f, e, callee.Acquires)
}

// givenBool reports whether the call e passes the constant value where
// guard says the callee only blocks with the other one.
func (c *checker) givenBool(e *ast.CallExpr, guard uint64, value bool) bool {
	info := c.pass.TypesInfo
	for j := range min(len(e.Args), 64) {
		if guard&(1<<j) == 0 {
			continue
		}
		if arg := argAt(info, e, j); isTrue(info, arg) == value && (value || isFalse(info, arg)) {
			return true
		}
	}
	return false
}

// givenNonZero reports whether the call e passes a non-zero constant
// where guard says the callee only blocks with zero.
func (c *checker) givenNonZero(e *ast.CallExpr, guard uint64) bool {
	info := c.pass.TypesInfo
	for j := range min(len(e.Args), 64) {
		if guard&(1<<j) == 0 {
			continue
		}
		if v := info.Types[argAt(info, e, j)].Value; isNumberConst(v) && constant.Sign(v) != 0 {
			return true
		}
	}
	return false
}

// zeroConds returns the numeric locals that cond, or a conjunct of it,
// requires to be zero: v == 0.
func zeroConds(info *types.Info, cond ast.Expr) []*types.Var {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return nil
	}
	switch b.Op {
	case token.LAND:
		return append(zeroConds(info, b.X), zeroConds(info, b.Y)...)
	case token.EQL:
		if v := localVar(info, b.X); v != nil && isNumeric(v.Type()) && isZero(info, b.Y) {
			return []*types.Var{v}
		}
	}
	return nil
}

// elseZeros returns the numeric local that the else branch of if v != 0
// requires to be zero.
func elseZeros(info *types.Info, cond ast.Expr) []*types.Var {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return nil
	}
	if v := localVar(info, b.X); v != nil && isNumeric(v.Type()) && isZero(info, b.Y) {
		return []*types.Var{v}
	}
	return nil
}

// isNumeric reports whether t is an integer or floating-point type, as a
// time.Duration is.
func isNumeric(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsInteger|types.IsFloat) != 0
}

// A boolGuard says that the code it guards runs only while the bool v
// is want.
type boolGuard struct {
	v    *types.Var
	want bool
}

// boolConds returns what cond, or a conjunct of it, requires of bool
// locals: v (true) or !v (false).
func boolConds(info *types.Info, cond ast.Expr) []boolGuard {
	switch e := ast.Unparen(cond).(type) {
	case *ast.BinaryExpr:
		if e.Op == token.LAND {
			return append(boolConds(info, e.X), boolConds(info, e.Y)...)
		}
	case *ast.UnaryExpr:
		if v := localVar(info, e.X); e.Op == token.NOT && v != nil && isBool(v.Type()) {
			return []boolGuard{{v, false}}
		}
	case *ast.Ident:
		if v := localVar(info, e); v != nil && isBool(v.Type()) {
			return []boolGuard{{v, true}}
		}
	}
	return nil
}

// elseConds returns what the else branch of if cond requires, when cond
// is a bool local or its negation.
func elseConds(info *types.Info, cond ast.Expr) []boolGuard {
	gs := boolConds(info, cond)
	if len(gs) != 1 {
		return nil
	}
	if _, and := ast.Unparen(cond).(*ast.BinaryExpr); and {
		return nil
	}
	return []boolGuard{{gs[0].v, !gs[0].want}}
}
