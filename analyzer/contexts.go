package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// An origin says where a context value comes from, as far as the function
// that uses it can tell.
type origin struct {
	never bool // context.Background() or TODO(): never done
	param int  // else the index of the parameter it derives from, or -1
}

var (
	neverDone = origin{never: true, param: -1}
	otherCtx  = origin{param: -1} // a request's, a field's, one with a deadline
)

// bound returns what a wait on a context of this origin is bounded by.
func (o origin) bound() bound {
	switch {
	case o.never:
		return unbounded
	case o.param >= 0:
		return bound(o.param)
	}
	return bounded
}

// maxOriginDepth bounds how many assignments ctxOrigin follows.
const maxOriginDepth = 8

// ctxOrigin traces the context expression e, used inside f, back to
// context.Background(), to one of f's parameters, or to anything else.
// Anything else counts as cancellable: precision first.
func (c *checker) ctxOrigin(f *fn, e ast.Expr, depth int) origin {
	if depth > maxOriginDepth {
		return otherCtx
	}
	info := c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok {
			return otherCtx
		}
		if i := f.paramIndex(v); i >= 0 {
			if f.scope.written(info, v) {
				return otherCtx // no longer the caller's context
			}
			return origin{param: i}
		}
		if def := f.scope.def(info, v); def != nil {
			return c.ctxOrigin(f, def, depth+1)
		}
	case *ast.CallExpr:
		return c.callOrigin(f, e, depth)
	}
	return otherCtx
}

// callOrigin is ctxOrigin for a call of the context package.
func (c *checker) callOrigin(f *fn, call *ast.CallExpr, depth int) origin {
	callee := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if callee == nil || callee.Pkg() == nil || callee.Pkg().Path() != "context" {
		return otherCtx
	}
	switch callee.Name() {
	case "Background", "TODO", "WithoutCancel":
		return neverDone
	case "WithValue":
		if len(call.Args) > 0 {
			return c.ctxOrigin(f, call.Args[0], depth+1)
		}
	}
	// WithCancel and WithCancelCause return a cancel function that may be
	// called from anywhere; WithTimeout and WithDeadline end by themselves.
	return otherCtx
}

// contextDoneReceiver returns ctx when x is ctx.Done() for a
// context.Context ctx, else nil.
func contextDoneReceiver(info *types.Info, x ast.Expr) ast.Expr {
	call, ok := x.(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Done" {
		return nil
	}
	if !isNamed(info.TypeOf(sel.X), "context", "Context") {
		return nil
	}
	return sel.X
}

// isContext reports whether t is context.Context.
func isContext(t types.Type) bool { return isNamed(t, "context", "Context") }
