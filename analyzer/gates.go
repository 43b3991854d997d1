package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Gates: a lock handed out by a loop (K3). A loop that takes requests
// through a gate variable, closes the gate when it takes one and opens it
// again only when it receives the release, lets one holder in at a time:
//
//	case op := <-gate:      // gate starts as c.reqInit
//		gate = nil
//	case err := <-c.reqSent:
//		gate = c.reqInit
//
// The holder, which got in by the send case `case c.reqInit <- op:`,
// releases with a send on c.reqSent. A release channel with room never
// waits: the one value it may hold was taken before the gate reopened
// (go-ethereum's rpc client).

// gatedRelease reports whether the send s on release, made in the body of
// a select case that sent on acquire, is the release of such a gate.
func (c *checker) gatedRelease(s *ast.SendStmt, acquire types.Object) bool {
	info := c.pass.TypesInfo
	release, ok := chanID(info, s.Chan).(*types.Var)
	if acquire == nil || !ok || !release.IsField() || !c.alwaysRoomy(release) {
		return false
	}
	for _, r := range c.chans.requests[release] {
		if r.granted != acquire {
			return false // a release by someone who did not acquire
		}
	}
	gates := 0
	for _, f := range c.funcs {
		if f.lit != nil {
			continue // literals are searched with their declaration
		}
		n, ok := c.gatesIn(f, acquire, release)
		if !ok {
			return false
		}
		gates += n
	}
	return gates > 0
}

// gatesIn counts the gates on acquire in f's declaration; ok is false if
// f receives from acquire otherwise than through a gate.
func (c *checker) gatesIn(f *fn, acquire, release types.Object) (n int, ok bool) {
	info := c.pass.TypesInfo
	ok = true
	ast.Inspect(f.body, func(node ast.Node) bool {
		switch node := node.(type) {
		case *ast.CommClause:
			if g := localVar(info, recvOperand(node.Comm)); g != nil && c.isGate(f, g, acquire, release, node) {
				n++
			}
		case *ast.UnaryExpr:
			if node.Op == token.ARROW && chanID(info, node.X) == acquire {
				ok = false // taken past the gate
			}
		case *ast.RangeStmt:
			if chanID(info, node.X) == acquire {
				ok = false
			}
		}
		return ok
	})
	return n, ok
}

// isGate reports whether g, received from in the clause taken, is a gate
// on acquire: it starts as acquire and holds only acquire or nil; taken
// closes it, and only clauses that receive from release open it again.
func (c *checker) isGate(f *fn, g *types.Var, acquire, release types.Object, taken *ast.CommClause) bool {
	info := c.pass.TypesInfo
	sc := f.scope
	sc.build(info)
	values := sc.stored[g]
	if sc.opaque[g] || len(values) == 0 || chanID(info, values[0]) != acquire || !assigns(info, taken.Body, g, isNil) {
		return false
	}
	reopens := 0
	for _, v := range values[1:] {
		switch {
		case isNil(info, v):
		case chanID(info, v) == acquire:
			reopens++
		default:
			return false
		}
	}
	// Count the reopenings that a release clause does.
	byRelease := 0
	ast.Inspect(f.body, func(n ast.Node) bool {
		if cc, ok := n.(*ast.CommClause); ok && chanID(info, recvOperand(cc.Comm)) == release &&
			assigns(info, cc.Body, g, func(info *types.Info, e ast.Expr) bool { return chanID(info, e) == acquire }) {
			byRelease++
		}
		return true
	})
	return reopens > 0 && reopens == byRelease
}

// assigns reports whether a statement of body assigns g a value that
// want accepts.
func assigns(info *types.Info, body []ast.Stmt, g *types.Var, want func(*types.Info, ast.Expr) bool) bool {
	for _, st := range body {
		as, ok := st.(*ast.AssignStmt)
		if ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 && localVar(info, as.Lhs[0]) == g && want(info, as.Rhs[0]) {
			return true
		}
	}
	return false
}
