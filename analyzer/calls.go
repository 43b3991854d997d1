package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// Calls: what a call may do, through which callee, with which function
// values as arguments.

// call records what a call may do: call another body of the package,
// call one of the function's own parameters, or block, as the table of
// known-blocking calls or an imported fact says.
func (w *walker) call(e *ast.CallExpr) {
	info := w.c.pass.TypesInfo
	var target *fn
	var ext *types.Func
	switch fun := ast.Unparen(e.Fun).(type) {
	case *ast.FuncLit:
		target = w.c.literal(fun, w.f)
	case *ast.Ident:
		target, ext = w.identCallee(fun)
	default:
		w.expr(fun)
		if callee := typeutil.StaticCallee(info, e); callee != nil {
			if target = w.c.byObj[callee]; target == nil {
				ext = callee
			}
		}
	}
	args := w.args(e)
	w.locking(e)
	if target != nil && target.obj != nil && w.c.userAPIs[keyOrZero(target.obj)] != nil {
		// The user's word wins: the blocking setting names a function of
		// this package.
		target, ext = nil, target.obj
	}
	switch {
	case target != nil:
		w.f.calls = append(w.f.calls, &call{expr: e, callee: target, funcArgs: args, held: w.held, handling: w.handling, then: w.then(e), nonNil: w.nonNil, bools: w.bools, zeros: w.zeros, deferred: e == w.deferred})
	case ext != nil:
		w.external(e, ext, args)
	}
}

// identCallee resolves a call through a plain name: a function of this
// package, a parameter, or a local variable bound once to a literal.
func (w *walker) identCallee(id *ast.Ident) (*fn, *types.Func) {
	info := w.c.pass.TypesInfo
	switch obj := info.Uses[id].(type) {
	case *types.Func:
		if f := w.c.byObj[obj]; f != nil {
			return f, nil
		}
		return nil, obj
	case *types.Var:
		if i := w.f.paramIndex(obj); i >= 0 && i < 64 {
			w.f.paramCalls |= 1 << i
			return nil, nil
		}
		if lit, ok := ast.Unparen(w.f.scope.def(info, obj)).(*ast.FuncLit); ok {
			return w.c.byLit[lit], nil
		}
	}
	return nil, nil
}

// args visits a call's arguments and returns those that are function
// values the callee might call: literals, functions of this package, and
// the caller's own parameters.
func (w *walker) args(e *ast.CallExpr) []funcArg {
	w.hotArgs(e)
	spawns := w.c.isSpawner(e)
	var out []funcArg
	for i, arg := range e.Args {
		if i >= 64 {
			w.expr(arg)
			continue
		}
		switch a := ast.Unparen(arg).(type) {
		case *ast.FuncLit:
			if spawns {
				// WaitGroup.Go and errgroup's Go start a goroutine, like go.
				w.c.chans.launched = append(w.c.chans.launched, w.c.literalOn(a, w.f, true))
				continue
			}
			out = append(out, funcArg{index: i, body: w.c.literal(a, w.f), param: -1})
			if route, ok := constString(w.c.pass.TypesInfo, e.Args[0]); ok && i > 0 {
				w.c.byLit[a].route = route
			}
			continue
		case *ast.Ident, *ast.SelectorExpr:
			if started := w.c.funcOf(a); spawns && started != nil {
				// wg.Start(l.pop): the function runs on a goroutine of its own.
				w.c.chans.launched = append(w.c.chans.launched, started)
				w.c.chans.starts = append(w.c.chans.starts, start{w.f.scope, started})
				w.expr(arg)
				continue
			}
			if id, ok := a.(*ast.Ident); ok {
				if fa, ok := w.funcArgOf(i, id); ok {
					out = append(out, fa)
					continue
				}
			}
		}
		w.expr(arg)
	}
	return out
}

// spawners are the functions that run their function argument on a new
// goroutine, as a go statement does.
var spawners = map[apiKey]bool{
	{"sync", "WaitGroup", "Go"}:                      true,
	{"golang.org/x/sync/errgroup", "Group", "Go"}:    true,
	{"golang.org/x/sync/errgroup", "Group", "TryGo"}: true,
}

// isSpawner reports whether e calls one of the spawners.
func (c *checker) isSpawner(e *ast.CallExpr) bool {
	callee := c.calleeOf(e)
	if callee == nil {
		return false
	}
	if f := c.byObj[callee]; f != nil {
		return c.startsOwnParam(f)
	}
	if k, ok := keyOf(callee); ok && spawners[k] {
		return true
	}
	starts, known := c.spawnerFact[callee]
	if !known {
		var s Summary
		starts = c.pass.ImportObjectFact(callee, &s) && s.Spawns
		c.spawnerFact[callee] = starts
	}
	return starts
}

// startsOwnParam reports, memoized, whether the function f of the
// package starts its function parameter on a goroutine (startsParam).
func (c *checker) startsOwnParam(f *fn) bool {
	starts, known := c.spawnerOf[f]
	if !known {
		starts = startsParam(c.pass.TypesInfo, f)
		c.spawnerOf[f] = starts
	}
	return starts
}

// startsParam reports whether f's body starts one of its function
// parameters on a goroutine, and calls none otherwise: go fn(), or
// go func() { defer wg.Done(); fn() }() (raft's goFunc).
func startsParam(info *types.Info, f *fn) bool {
	if f.body == nil {
		return false
	}
	isParam := func(e ast.Expr) bool {
		v, ok := info.Uses[identOf(e)].(*types.Var)
		_, isFunc := typeOf(v).(*types.Signature)
		return ok && isFunc && f.paramIndex(v) >= 0
	}
	started, calledHere := false, false
	ast.Inspect(f.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			if isParam(n.Call.Fun) {
				started = true
			} else if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				ast.Inspect(lit.Body, func(m ast.Node) bool {
					if call, ok := m.(*ast.CallExpr); ok && isParam(call.Fun) {
						started = true
					}
					return true
				})
			}
			return false
		case *ast.CallExpr:
			if isParam(n.Fun) {
				calledHere = true
			}
		}
		return true
	})
	return started && !calledHere
}

// typeOf returns the underlying type of v, or nil.
func typeOf(v *types.Var) types.Type {
	if v == nil {
		return nil
	}
	return v.Type().Underlying()
}

// funcArgOf returns the argument id as a function value the callee might
// call: a function of this package, or a parameter of the caller.
func (w *walker) funcArgOf(i int, id *ast.Ident) (funcArg, bool) {
	switch obj := w.c.pass.TypesInfo.Uses[id].(type) {
	case *types.Func:
		if f := w.c.byObj[obj]; f != nil {
			return funcArg{index: i, body: f, param: -1}, true
		}
	case *types.Var:
		if p := w.f.paramIndex(obj); p >= 0 && p < 64 {
			if _, ok := obj.Type().Underlying().(*types.Signature); ok {
				return funcArg{index: i, param: p}, true
			}
		}
	}
	return funcArg{}, false
}

// hotArgs checks each argument of a call, or the operand of a
// conversion, against the type it is passed as.
func (w *walker) hotArgs(e *ast.CallExpr) {
	info := w.c.pass.TypesInfo
	if tv, ok := info.Types[e.Fun]; ok && tv.IsType() {
		if len(e.Args) == 1 {
			w.hotValue(tv.Type, e.Args[0])
		}
		return
	}
	sig, ok := types.Unalias(info.TypeOf(e.Fun)).(*types.Signature)
	if !ok {
		return
	}
	for i, arg := range e.Args {
		w.hotValue(paramType(sig, i), arg)
	}
}

// paramType returns the type of the parameter the i-th argument is
// passed as, the element type for a variadic one.
func paramType(sig *types.Signature, i int) types.Type {
	params := sig.Params()
	n := params.Len()
	switch {
	case sig.Variadic() && i >= n-1:
		if s, ok := params.At(n - 1).Type().Underlying().(*types.Slice); ok {
			return s.Elem()
		}
		return nil
	case i < n:
		return params.At(i).Type()
	}
	return nil
}

// constString returns the value of a constant string expression.
func constString(info *types.Info, e ast.Expr) (string, bool) {
	v := info.Types[e].Value
	if v == nil || v.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(v), true
}

// then returns the statement that runs right after the call e, when e
// is a statement of its own or the whole condition of an if: the next
// statement, or the first of the if's body.
func (w *walker) then(e *ast.CallExpr) ast.Stmt {
	if w.cond != nil && ast.Unparen(w.cond.Cond) == e && len(w.cond.Body.List) > 0 {
		return w.cond.Body.List[0]
	}
	if w.isListed(e) {
		return w.next
	}
	return nil
}

// funcOf returns the function of the package that the expression e
// names as a value (f, or the method value x.m), or nil.
func (c *checker) funcOf(e ast.Expr) *fn {
	id := nameOf(e)
	if id == nil {
		return nil
	}
	f, _ := c.pass.TypesInfo.Uses[id].(*types.Func)
	if f == nil {
		return nil
	}
	return c.byObj[f.Origin()]
}
