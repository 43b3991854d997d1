package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// external records a call to a function whose body is not in this
// package: the table of known-blocking calls or the callee's imported
// Summary says whether it waits.
func (w *walker) external(e *ast.CallExpr, callee *types.Func, args []funcArg) {
	name := funcName(callee, true)
	w.noteHandoff(e, callee)
	if k, ok := keyOf(callee); ok && k.pkg == "sync" && k.recv == "Cond" && (k.name == "Signal" || k.name == "Broadcast") {
		if id := chanID(w.c.pass.TypesInfo, receiver(e)); id != nil {
			w.c.chans.signals[id] = append(w.c.chans.signals[id], signal{by: w.f, call: e, deferred: e == w.deferred, broadcast: k.name == "Broadcast", locked: len(w.held) > 0})
		}
		return
	}
	if api := w.c.lookupAPI(callee); api != nil {
		w.apiCall(e, name, api)
		return
	}
	var s Summary
	if !w.c.pass.ImportObjectFact(callee, &s) {
		k, ok := keyOf(callee)
		if !ok || syncCallbacks[k] == 0 {
			return // never blocks
		}
		s.SyncParams = syncCallbacks[k]
	}
	if s.Blocks == MayBlockForever && (!w.c.trustsModule(s.Module) || s.AfterStop || w.c.spared(w.f, e, s)) {
		s.Blocks, s.Witness = NeverBlocks, nil
	}
	w.syncArgs(e, s.SyncParams, args)
	if s.Hot {
		w.hotCallbacks(name, s.SyncParams, args)
	}
	switch s.Blocks {
	case MayBlockForever:
		w.addOp(&op{
			check: CheckCall, what: "call to " + name, why: "it may block forever",
			pos: e.Pos(), end: e.End(), bound: unbounded,
			inner: s.Witness, callee: name, node: e, stmt: w.isListed(e), target: callee,
			slot: s.Acquires,
		})
	case UntilCtxDone:
		w.ctxCall(e, name, argAt(w.c.pass.TypesInfo, e, s.CtxParam), "")
	}
}

// apiCall records a call of the table of known-blocking calls.
func (w *walker) apiCall(e *ast.CallExpr, name string, api *API) {
	info := w.c.pass.TypesInfo
	if api.RecvVar != "" && !isPkgVar(info, receiver(e), api.RecvVar) {
		return
	}
	if api.Via != nil {
		w.viaCall(e, name, api)
		return
	}
	if api.CtxArg >= 0 {
		w.ctxCall(e, name, argAt(info, e, api.CtxArg), api.Instead)
		return
	}
	o := &op{
		check: api.Check, what: "call to " + name, why: api.Why,
		pos: e.Pos(), end: e.End(), bound: unbounded, instead: api.Instead,
		node: e, stmt: w.isListed(e), target: w.c.calleeOf(e), unlocks: api.Unlocks,
	}
	if api.Pkg == "sync" && api.Recv == "Cond" {
		o.cond = chanID(info, receiver(e))
	}
	w.addOp(o)
}

// isListed reports whether the call e is a statement of its own in a
// statement list.
func (w *walker) isListed(e *ast.CallExpr) bool {
	es, ok := w.listed.(*ast.ExprStmt)
	return ok && ast.Unparen(es.X) == e
}

// calleeOf returns the function a call statically calls, or nil.
func (c *checker) calleeOf(e *ast.CallExpr) *types.Func {
	return typeutil.StaticCallee(c.pass.TypesInfo, e)
}

// viaCall records a call of an entry restricted to values made a certain
// way: flagged if its value was made by one of the plain constructors,
// bounded by the context given to one of the others.
func (w *walker) viaCall(e *ast.CallExpr, name string, api *API) {
	info := w.c.pass.TypesInfo
	x := receiver(e)
	if api.Via.Arg >= 0 {
		x = argAt(info, e, api.Via.Arg)
	}
	maker, made := w.c.madeBy(w.f, x, 0)
	if slices.Contains(api.Via.Plain, maker) {
		w.addOp(&op{
			check: api.Check, what: "call to " + name + " on a value made by " + maker, why: api.Why,
			pos: e.Pos(), end: e.End(), bound: unbounded, instead: api.Instead,
		})
		return
	}
	if i, ok := api.Via.WithCtx[maker]; ok {
		w.ctxCall(e, name, argAt(info, made, i), api.Instead)
	}
}

// ctxCall records a call that waits until arg, a context, is done:
// unbounded if that context is never done, bounded by one of the caller's
// parameters if it derives from one.
func (w *walker) ctxCall(e *ast.CallExpr, name string, arg ast.Expr, instead string) {
	if arg == nil {
		return
	}
	b := w.c.ctxOrigin(w.f, arg, 0).bound()
	w.addOp(&op{
		check: CheckCtx, what: "call to " + name + " with " + exprString(arg), why: whyBackground,
		pos: e.Pos(), end: e.End(), bound: b, instead: instead, node: e, ctxArg: arg,
	})
}

// receiver returns the receiver expression of a method call, or nil.
func receiver(e *ast.CallExpr) ast.Expr {
	if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
		return sel.X
	}
	return nil
}

// nameOf returns the identifier that names what e refers to: e itself,
// or the selected name of x.Name; nil for any other expression.
func nameOf(e ast.Expr) *ast.Ident {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e
	case *ast.SelectorExpr:
		return e.Sel
	}
	return nil
}

// isPkgVar reports whether x names the package-level variable
// "import/path.Name".
func isPkgVar(info *types.Info, x ast.Expr, name string) bool {
	id := nameOf(x)
	if id == nil {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	return ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() && v.Pkg().Path()+"."+v.Name() == name
}

// madeBy traces x, through variables assigned once, to the call of a
// package-level function that made it, and returns that function as
// "import/path.Name" with the call; "" if it cannot tell.
func (c *checker) madeBy(f *fn, x ast.Expr, depth int) (string, *ast.CallExpr) {
	if x == nil || depth > maxOriginDepth {
		return "", nil
	}
	info := c.pass.TypesInfo
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		if v, ok := info.Uses[x].(*types.Var); ok {
			return c.madeBy(f, f.scope.def(info, v), depth+1)
		}
	case *ast.CallExpr:
		callee := typeutil.StaticCallee(info, x)
		if callee != nil && callee.Pkg() != nil && callee.Signature().Recv() == nil {
			return callee.Pkg().Path() + "." + callee.Name(), x
		}
	}
	return "", nil
}

// syncArgs turns the function values passed where the callee calls them
// (bits of sync) into calls made on this goroutine.
func (w *walker) syncArgs(e *ast.CallExpr, sync uint64, args []funcArg) {
	for _, a := range args {
		if sync&(1<<a.index) == 0 {
			continue
		}
		if a.body != nil {
			w.f.calls = append(w.f.calls, &call{expr: e, callee: a.body})
		} else if a.param >= 0 {
			w.f.paramCalls |= 1 << a.param
		}
	}
}

// argAt returns the argument a call passes for the callee's i-th
// parameter, or nil when it cannot tell (a variadic or spread call).
func argAt(info *types.Info, e *ast.CallExpr, i int) ast.Expr {
	if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
		if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodExpr {
			i++ // (*T).M(recv, args...): the receiver comes first
		}
	}
	if i < 0 || i >= len(e.Args) {
		return nil
	}
	if sig, ok := info.TypeOf(e.Fun).Underlying().(*types.Signature); ok && sig.Variadic() && i >= sig.Params().Len()-1 {
		return nil
	}
	return e.Args[i]
}

// hotCallbacks makes roots of the function values passed to a declared
// hot path of another package where it calls them.
func (w *walker) hotCallbacks(name string, sync uint64, args []funcArg) {
	for _, a := range args {
		if a.body != nil && sync&(1<<a.index) != 0 {
			w.c.valueRoots = append(w.c.valueRoots, callbackRoot(a.body, name))
		}
	}
}

// trustsModule reports whether a "may block forever" summary computed in
// module m is trusted here. Waits inside other modules are trusted only
// for the modules the user names: in real servers they were almost all
// plumbing whose bound the analysis cannot see (worker pools, pooled
// encoders, resize waits of concurrent maps), and none was a real risk.
// Those modules are treated like the standard library, which the table
// of known-blocking calls and the blocking setting describe.
func (c *checker) trustsModule(m string) bool {
	if m == "" || c.module == "" || m == c.module {
		return true // one module, or a driver that does not say
	}
	for _, p := range c.modules {
		if m == p || strings.HasPrefix(m, p+"/") {
			return true
		}
	}
	return false
}
