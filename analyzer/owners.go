package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// Owners: the single-flight idiom built on a sync.Cond. The first request
// to need a result registers an entry for it in a map and becomes its
// owner; the owner defers the Broadcast that wakes the others, and
// deletes the entry, so it runs on every way out of the owner's work,
// panics included. A later request that finds the entry waits on the
// entry's Cond, without a predicate loop: the entry it found has an
// owner at work, and the wait lasts as long as the owner's work does. A
// join on the owner, then, like WaitGroup.Wait on a worker; what the
// owner may wait on is flagged on the owner's own path.

// A signal is a Signal or Broadcast call of a sync.Cond: the body that
// makes it, the call, whether it is a defer statement's call, whether it
// is a Broadcast, and whether a mutex is held where it is made.
type signal struct {
	by        *fn
	call      *ast.CallExpr
	deferred  bool
	broadcast bool
	locked    bool
}

// ownerJoin reports whether o, a sync.Cond.Wait in f, waits on the Cond
// of an entry that f found in a map, with no predicate loop, and every
// Signal or Broadcast of that Cond in the package is the owner's finish:
// a Broadcast made under a lock, by a body that runs only from deferred
// calls and deletes the entry from the same map, made unconditionally or
// only when the entry is still in the map. A Cond that anything else
// signals (a Set that may never come) keeps its Wait a call finding; so
// does one woken by Signal (one waiter of many), by a Broadcast deferred
// on its own or made outside the lock (it may run before the delete, and
// a request that finds the entry in between waits after it), or by a
// finish that leaves the entry in the map (a later request would wait
// for a Broadcast that has already happened).
func (c *checker) ownerJoin(f *fn, o *op) bool {
	sigs := c.chans.signals[o.cond]
	if o.loops > 0 || len(sigs) == 0 {
		return false
	}
	entries := c.mapEntryCond(f, o)
	if entries == nil {
		return false
	}
	for _, s := range sigs {
		if !s.broadcast || !s.locked || s.deferred || !c.runsDeferred(s.by) || !c.finishes(s, entries) {
			return false
		}
	}
	return true
}

// finishes reports whether s, a Broadcast, is made by a body that also
// deletes from the map entries, and is made unconditionally but for
// the comma-ok lookup of an entry of that map.
func (c *checker) finishes(s signal, entries types.Object) bool {
	info := c.pass.TypesInfo
	deletes := false
	ast.Inspect(s.by.body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && isBuiltin(info, call.Fun, "delete") && len(call.Args) == 2 && listID(info, call.Args[0]) == entries {
			deletes = true
		}
		return !deletes
	})
	if !deletes {
		return false
	}
	file := c.fileOf(s.call.Pos())
	if file == nil {
		return false
	}
	path, _ := astutil.PathEnclosingInterval(file.file, s.call.Pos(), s.call.End())
	for _, n := range path {
		if n == s.by.body {
			return true
		}
		switch n := n.(type) {
		case *ast.CallExpr, *ast.ExprStmt, *ast.BlockStmt:
		case *ast.IfStmt:
			if !looksUp(info, n, entries) {
				return false
			}
		default:
			return false
		}
	}
	return false
}

// looksUp reports whether st is if e, ok := m[k]; ok { ... } on the map m.
func looksUp(info *types.Info, st *ast.IfStmt, m types.Object) bool {
	init, ok := st.Init.(*ast.AssignStmt)
	if !ok || len(init.Lhs) != 2 || len(init.Rhs) != 1 || listID(info, init.Rhs[0]) != m {
		return false
	}
	ok1, isIdent := ast.Unparen(st.Cond).(*ast.Ident)
	return isIdent && localVar(info, ok1) != nil && localVar(info, ok1) == localVar(info, init.Lhs[1])
}

// mapEntryCond returns the map that the Cond o waits on was found in, if
// it is a field of a local that f bound to an element of a map: e, ok :=
// m[k]; e.cond.Wait(). It returns nil otherwise.
func (c *checker) mapEntryCond(f *fn, o *op) types.Object {
	info := c.pass.TypesInfo
	call, ok := o.node.(*ast.CallExpr)
	if !ok {
		return nil
	}
	sel, ok := ast.Unparen(receiver(call)).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	v := localVar(info, sel.X)
	if v == nil {
		return nil
	}
	ix, ok := ast.Unparen(f.scope.def(info, v)).(*ast.IndexExpr)
	if !ok {
		return nil
	}
	if _, isMap := info.TypeOf(ix.X).Underlying().(*types.Map); !isMap {
		return nil
	}
	return listID(info, ix.X)
}

// runsDeferred reports whether g, a body of the package, runs only from
// deferred calls: a literal called by a defer statement, or an unexported
// function that nothing uses but calls, each a defer statement's or made
// by a body that itself runs only from deferred calls.
func (c *checker) runsDeferred(g *fn) bool {
	if v, ok := c.chans.deferredOnly[g]; ok {
		return v
	}
	c.chans.deferredOnly[g] = false // a cycle proves nothing
	v := c.deferredCallers(g)
	c.chans.deferredOnly[g] = v
	return v
}

// deferredCallers reports whether every call of g in the package is
// deferred, directly or through its caller, and nothing else uses g.
func (c *checker) deferredCallers(g *fn) bool {
	if g.obj != nil && g.obj.Exported() {
		return false // callers in other packages are unknown
	}
	calls := 0
	for _, f := range c.funcs {
		for _, cl := range f.calls {
			if cl.callee != g || !c.callsDirectly(cl, g) {
				continue
			}
			if !cl.deferred && !c.runsDeferred(f) {
				return false
			}
			calls++
		}
	}
	if g.obj == nil {
		return calls > 0
	}
	return calls > 0 && calls == c.useCount(g.obj)
}

// callsDirectly reports whether cl calls g by its name or as a literal,
// rather than through a function value passed to another callee.
func (c *checker) callsDirectly(cl *call, g *fn) bool {
	fun := ast.Unparen(cl.expr.Fun)
	if g.lit != nil {
		return fun == g.lit
	}
	callee := c.calleeOf(cl.expr)
	return callee != nil && callee.Origin() == g.obj
}

// useCount returns how many identifiers of the package refer to obj.
func (c *checker) useCount(obj *types.Func) int {
	n := 0
	for _, used := range c.pass.TypesInfo.Uses {
		if f, ok := used.(*types.Func); ok && f.Origin() == obj {
			n++
		}
	}
	return n
}
