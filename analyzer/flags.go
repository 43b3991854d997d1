package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// One-shot flags: a send on a channel field made with room, under
// if !x.stopped { x.done <- v; x.stopped = true }, where nothing ever sets
// stopped back to false, runs at most once per value: the buffer holds
// it (prometheus's treecache nodes). A value built with the flag already
// set never takes such a send, so a loop's last send on it, before the
// loop returns, has the buffer to itself (the tree cache's head node).

// A oneShot is the flag that guards the statements being walked: the
// base it is read from, as written, and its field.
type oneShot struct {
	base string
	flag *types.Var
}

// oneShotGuard returns the flag an if statement guards its body with:
// if !x.f { ...; x.f = true }, with f a bool field, also beside other
// conditions (if ok && !x.f). Nil otherwise.
func (w *walker) oneShotGuard(s *ast.IfStmt) *oneShot {
	info := w.c.pass.TypesInfo
	base, flag := negatedConjunct(info, s.Cond)
	if flag == nil {
		return nil
	}
	for _, st := range s.Body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			continue
		}
		if l, ok := ast.Unparen(as.Lhs[0]).(*ast.SelectorExpr); ok && info.Uses[l.Sel] == flag &&
			types.ExprString(l.X) == base && isTrue(info, as.Rhs[0]) {
			return &oneShot{base: base, flag: flag}
		}
	}
	return nil
}

// noteFlagValue records a value stored in a bool field: a flag that is
// ever set to anything but true can be reset, and guards nothing.
func (w *walker) noteFlagValue(field *types.Var, value ast.Expr) {
	if field == nil || !isBool(field.Type()) || isTrue(w.c.pass.TypesInfo, value) {
		return
	}
	w.c.chans.resettable[field] = true
}

// sentOnce reports whether the send s, made under the one-shot flag g,
// runs once per value: it sends on g's base's channel field, made with
// room wherever it is set, and nothing resets the flag.
func (c *checker) sentOnce(s *ast.SendStmt, g *oneShot) bool {
	if g == nil || c.chans.resettable[g.flag] {
		return false
	}
	sel, ok := ast.Unparen(s.Chan).(*ast.SelectorExpr)
	if !ok || types.ExprString(sel.X) != g.base {
		return false
	}
	field, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var)
	return ok && c.alwaysRoomy(field)
}

// isTrue reports whether e is the constant true.
func isTrue(info *types.Info, e ast.Expr) bool {
	v := info.Types[e].Value
	return v != nil && v.Kind() == constant.Bool && constant.BoolVal(v)
}

// isZero reports whether e is the constant 0.
func isZero(info *types.Info, e ast.Expr) bool {
	if e == nil {
		return false
	}
	return isNumberConst(info.Types[e].Value) && constant.Sign(info.Types[e].Value) == 0
}

// isNumberConst reports whether v is an integer or floating-point
// constant.
func isNumberConst(v constant.Value) bool {
	return v != nil && (v.Kind() == constant.Int || v.Kind() == constant.Float)
}

// isBool reports whether t is a boolean type.
func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

// bornStopped reports whether the send s on p.x.f is the last act of a
// select case that returns, where every value stored in the field x is
// built with the one-shot flag that guards every other send on f set:
// those never fire on it, and this one runs once per run of the loop.
func (c *checker) bornStopped(o *op, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	sel, ok := ast.Unparen(s.Chan).(*ast.SelectorExpr)
	if !ok || !o.caseReturns || o.loops != o.caseLoops {
		return false
	}
	f, ok := info.Uses[sel.Sel].(*types.Var)
	if !ok || !c.alwaysRoomy(f) {
		return false
	}
	holder, ok := ast.Unparen(sel.X).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := info.Uses[holder.Sel].(*types.Var)
	if !ok || !x.IsField() {
		return false
	}
	var flag *types.Var
	for _, r := range c.chans.requests[f] {
		switch {
		case r.ch == s.Chan:
		case r.oneShot == nil, flag != nil && r.oneShot.flag != flag:
			return false // a send that is not one-shot, or on another flag
		default:
			flag = r.oneShot.flag
		}
	}
	if flag == nil || c.chans.resettable[flag] {
		return false
	}
	stores := c.chans.valueStores[x]
	for _, v := range stores {
		if !setsTrue(info, v, flag) {
			return false
		}
	}
	return len(stores) > 0
}

// setsTrue reports whether e is &T{..., flag: true, ...}.
func setsTrue(info *types.Info, e ast.Expr, flag *types.Var) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && info.Uses[key] == flag && isTrue(info, kv.Value) {
				return true
			}
		}
	}
	return false
}

// negatedConjunct is negatedField for cond or one of the conjuncts of
// cond: the body of an if on a && !x.f runs only while x.f is false.
func negatedConjunct(info *types.Info, cond ast.Expr) (string, *types.Var) {
	if b, ok := ast.Unparen(cond).(*ast.BinaryExpr); ok && b.Op == token.LAND {
		if base, flag := negatedConjunct(info, b.X); flag != nil {
			return base, flag
		}
		return negatedConjunct(info, b.Y)
	}
	return negatedField(info, cond)
}

// negatedField reads cond as !x.f, with f a field: x as written, and f.
func negatedField(info *types.Info, cond ast.Expr) (string, *types.Var) {
	not, ok := ast.Unparen(cond).(*ast.UnaryExpr)
	if !ok || not.Op != token.NOT {
		return "", nil
	}
	sel, ok := ast.Unparen(not.X).(*ast.SelectorExpr)
	if !ok {
		return "", nil
	}
	f, ok := info.Uses[sel.Sel].(*types.Var)
	if !ok || !f.IsField() {
		return "", nil
	}
	return types.ExprString(sel.X), f
}
