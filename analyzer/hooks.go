package analyzer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// Test hooks: a channel field that only tests fill, through a parameter
// of an unexported constructor that every call in the package's own code
// gives nil, or by setting the field itself from a _test.go file, and
// that every send checks first (if mq.events != nil { mq.events <-
// queued }, boxo's message queue; if p.hooks.disposed != nil, SPIRE's key
// managers). In production the field is always nil, so the send never
// runs. go vet and golangci-lint judge production code from the package
// without its tests (testvariant), so the tests that fill the hook cannot
// turn it into a finding there.

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
	return c.neverSet(field.Origin()) // stores are kept by the declared field
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
// nil, with at least one such store; or, with no store at all, whether
// the package's own files only ever check the field against nil and
// send on it.
func (c *checker) neverSet(field *types.Var) bool {
	info := c.pass.TypesInfo
	stores := c.chans.fieldStores[field]
	if len(stores) == 0 {
		only, seen := c.chans.hooks[field]
		if !seen {
			only = c.onlyChecked(field)
			c.chans.hooks[field] = only
		}
		return only
	}
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

// onlyChecked reports whether field, declared in this package, is used
// in its files only as x.f in a comparison with nil or as the channel of
// a send, no literal of a struct that holds it lists its fields by
// position, and no file that the build leaves out names it: nothing can
// fill it. Only the package's tests do, and they are not part of the
// variant whose findings are reported.
func (c *checker) onlyChecked(field *types.Var) bool {
	if field.Pkg() != c.pass.Pkg || c.namedInIgnoredFiles(field.Name()) {
		return false
	}
	info := c.pass.TypesInfo
	ok, sends := true, 0
	c.inspectWithAncestors(func(n ast.Node, ancestors []ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if v, isVar := info.Uses[n].(*types.Var); isVar && v.Origin() == field {
				use := hookUse(info, ancestors)
				ok = use != ""
				if use == "send" {
					sends++
				}
			}
		case *ast.CompositeLit:
			ok = !positionalHolder(info, n, field)
		}
		return ok
	})
	return ok && sends > 0
}

// hookUse classifies the use of a field whose enclosing nodes are stack,
// innermost last: "send" as x.f in x.f <- v, "check" in x.f != nil or
// x.f == nil, "" otherwise.
func hookUse(info *types.Info, stack []ast.Node) string {
	if len(stack) < 2 {
		return ""
	}
	sel, ok := stack[len(stack)-1].(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	switch p := stack[len(stack)-2].(type) {
	case *ast.SendStmt:
		if p.Chan == ast.Expr(sel) {
			return "send"
		}
	case *ast.BinaryExpr:
		if (p.Op == token.NEQ || p.Op == token.EQL) && (isNil(info, p.X) || isNil(info, p.Y)) {
			return "check"
		}
	}
	return ""
}

// positionalHolder reports whether lit is a literal of a struct with
// field among its fields, listed by position.
func positionalHolder(info *types.Info, lit *ast.CompositeLit, field *types.Var) bool {
	t := info.TypeOf(lit)
	if t == nil || len(lit.Elts) == 0 {
		return false
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	if _, keyed := lit.Elts[0].(*ast.KeyValueExpr); keyed {
		return false
	}
	for i := range st.NumFields() {
		if st.Field(i).Origin() == field {
			return true
		}
	}
	return false
}

// namedInIgnoredFiles reports whether a Go file of the package that its
// build constraints leave out (a debug build's, another platform's) names
// a selector or a literal key name: it may fill a field of that name in
// another build. A file that does not parse counts as naming it.
func (c *checker) namedInIgnoredFiles(name string) bool {
	for _, path := range c.pass.IgnoredFiles {
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return true
		}
		named := false
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				named = named || n.Sel.Name == name
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && id.Name == name {
					named = true
				}
			}
			return !named
		})
		if named {
			return true
		}
	}
	return false
}
