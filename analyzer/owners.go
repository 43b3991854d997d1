package analyzer

import (
	"go/ast"
	"go/types"
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
// makes it, and whether it is a defer statement's call.
type signal struct {
	by       *fn
	deferred bool
}

// ownerJoin reports whether o, a sync.Cond.Wait in f, waits on the Cond
// of an entry that f found in a map, with no predicate loop, and every
// Signal or Broadcast of that Cond in the package runs only from deferred
// calls. A Cond that anything else signals (a Set that may never come)
// keeps its Wait a call finding.
func (c *checker) ownerJoin(f *fn, o *op) bool {
	sigs := c.chans.signals[o.cond]
	if o.loops > 0 || len(sigs) == 0 || !c.mapEntryCond(f, o) {
		return false
	}
	for _, s := range sigs {
		if !s.deferred && !c.runsDeferred(s.by) {
			return false
		}
	}
	return true
}

// mapEntryCond reports whether the Cond that o waits on is a field of a
// local that f bound to an element of a map: e, ok := m[k]; e.cond.Wait().
func (c *checker) mapEntryCond(f *fn, o *op) bool {
	info := c.pass.TypesInfo
	call, ok := o.node.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(receiver(call)).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v := localVar(info, sel.X)
	if v == nil {
		return false
	}
	ix, ok := ast.Unparen(f.scope.def(info, v)).(*ast.IndexExpr)
	if !ok {
		return false
	}
	_, isMap := info.TypeOf(ix.X).Underlying().(*types.Map)
	return isMap
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
