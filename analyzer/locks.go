package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// A wait while holding a mutex is worse than the wait alone: every other
// goroutine that needs the mutex waits too, so one stuck request freezes
// every request behind it. The walker tracks the mutexes a body locks, in
// statement order, so that findings can say "while holding s.mu".

// lockCall returns the mutex expression of a call to a sync.Mutex or
// sync.RWMutex method that locks or unlocks ("s.mu"), prefixed with "-"
// for an unlock, or "" for any other call.
func lockCall(info *types.Info, e *ast.CallExpr) string {
	callee := typeutil.StaticCallee(info, e)
	if callee == nil || callee.Pkg() == nil || callee.Pkg().Path() != "sync" {
		return ""
	}
	sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	k, _ := keyOf(callee)
	if k.recv != "Mutex" && k.recv != "RWMutex" {
		return ""
	}
	switch callee.Name() {
	case "Lock", "RLock":
		return types.ExprString(sel.X)
	case "Unlock", "RUnlock":
		return "-" + types.ExprString(sel.X)
	}
	return ""
}

// locking updates the held mutexes for a call that locks or unlocks one.
func (w *walker) locking(e *ast.CallExpr) {
	mu := lockCall(w.c.pass.TypesInfo, e)
	switch {
	case mu == "":
	case mu[0] == '-':
		w.held = without(w.held, mu[1:])
		w.shared = without(w.shared, mu[1:])
	default:
		w.held = append(without(w.held, mu), mu)
		w.shared = without(w.shared, mu)
		if callee := typeutil.StaticCallee(w.c.pass.TypesInfo, e); callee.Name() == "RLock" {
			w.shared = append(w.shared, mu)
		}
	}
}

// without returns names without name, as a new slice so that snapshots
// taken by ops and calls stay as they were.
func without(names []string, name string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if n != name {
			out = append(out, n)
		}
	}
	return out
}
