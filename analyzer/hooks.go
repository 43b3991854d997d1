package analyzer

import (
	"go/ast"
	"go/types"
)

// Test hooks: a channel field that only tests fill, through a parameter
// of an unexported constructor that every call in the package's own code
// gives nil, and that every send checks first (if mq.events != nil {
// mq.events <- queued }, boxo's message queue). In production the field
// is always nil, so the send never runs. go vet and golangci-lint judge
// production code from the package without its tests (testvariant), so
// the tests that fill the hook cannot turn it into a finding there.

// hookSend reports whether s sends on such a test hook, under a check
// that it is not nil.
func (c *checker) hookSend(o *op, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	sel, ok := ast.Unparen(s.Chan).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	field, ok := info.Uses[sel.Sel].(*types.Var)
	if !ok || !field.IsField() || field.Exported() || !c.checkedNotNil(o, sel) {
		return false
	}
	return c.neverSet(field)
}

// checkedNotNil reports whether an if around o checked x != nil for the
// same x.
func (c *checker) checkedNotNil(o *op, x ast.Expr) bool {
	want := types.ExprString(x)
	for _, e := range o.nilChecked {
		if types.ExprString(e) == want {
			return true
		}
	}
	return false
}

// neverSet reports whether every value the package stores in field is
// nil, or a parameter of an unexported function that every call gives
// nil, with at least one such store.
func (c *checker) neverSet(field *types.Var) bool {
	info := c.pass.TypesInfo
	stores := c.chans.fieldStores[field]
	for _, value := range stores {
		if isNil(info, value) {
			continue
		}
		v := localVar(info, value)
		if v == nil || !c.givenNilByEveryCall(v) {
			return false
		}
	}
	return len(stores) > 0
}

// givenNilByEveryCall reports whether v is a parameter of an unexported
// function of the package, never reassigned, that some call gives a
// literal nil and no call gives anything else.
func (c *checker) givenNilByEveryCall(v *types.Var) bool {
	info := c.pass.TypesInfo
	var owner *fn
	for _, f := range c.funcs {
		if f.obj != nil && f.paramIndex(v) >= 0 {
			owner = f
			break
		}
	}
	if owner == nil || owner.obj.Exported() || owner.scope.written(info, v) {
		return false
	}
	i := owner.paramIndex(v)
	calls := 0
	for _, f := range c.funcs {
		for _, cl := range f.calls {
			if cl.callee != owner {
				continue
			}
			if !isNil(info, argAt(info, cl.expr, i)) {
				return false
			}
			calls++
		}
	}
	return calls > 0
}

// nonNilFields returns the fields that cond, or a conjunct of it, checks
// are not nil: x.f in x.f != nil.
func nonNilFields(info *types.Info, cond ast.Expr) []ast.Expr {
	var fields []ast.Expr
	for _, x := range nonNilExprs(info, cond) {
		if sel, ok := ast.Unparen(x).(*ast.SelectorExpr); ok {
			if v, isVar := info.Uses[sel.Sel].(*types.Var); isVar && v.IsField() {
				fields = append(fields, sel)
			}
		}
	}
	return fields
}
