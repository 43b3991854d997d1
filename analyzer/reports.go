package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Exit reports through a parameter (B1): a function whose only use of a
// channel parameter is to report on it as it exits (each send followed by
// a return, or its last statement) sends on it once per call. When every
// caller passes a channel it made with room, and counts that call, with
// its own sends on every path from the make, within the buffer, the
// report never waits (raft's leadership transfer reports into a buffer
// of one that its caller fills itself only on the paths where it does
// not start the transfer).

// many stands for a count of sends that nothing bounds.
const many = 1 << 20

// reportFits reports whether the send s is such an exit report of f.
func (c *checker) reportFits(f *fn, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	p := localVar(info, s.Chan)
	if f.region != nil {
		f = f.region
	}
	if f.obj == nil || p == nil {
		return false
	}
	i := f.paramIndex(p)
	f.scope.build(info)
	if i < 0 || f.scope.written(info, p) || !c.onlyExitReports(f, p) {
		return false
	}
	calls := 0
	for _, g := range c.funcs {
		if g.lit != nil {
			continue // searched with its declaration
		}
		ok := true
		ast.Inspect(g.body, func(n ast.Node) bool {
			call, isCall := n.(*ast.CallExpr)
			if !ok || !isCall || c.calleeOf(call) != f.obj {
				return ok
			}
			calls++
			ok = c.callerHasRoom(g, argAt(info, call, i), f.obj, i)
			return ok
		})
		if !ok {
			return false
		}
	}
	return calls > 0
}

// onlyExitReports reports whether every use of p in f's body is the
// channel of a send that ends the declaration's body.
func (c *checker) onlyExitReports(f *fn, p *types.Var) bool {
	info := c.pass.TypesInfo
	uses, reports := 0, 0
	ast.Inspect(f.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if info.Uses[n] == p {
				uses++
			}
		case *ast.SendStmt:
			if g, exit := f.scope.exits[n]; exit && g == nil && localVar(info, n.Chan) == p {
				reports++
			}
		}
		return true
	})
	return uses > 0 && uses == reports
}

// callerHasRoom reports whether arg, in the declaration g, is a local
// made with a constant buffer that holds, on every path from its make,
// the sends on it and the calls of reporter that pass it at index i.
func (c *checker) callerHasRoom(g *fn, arg ast.Expr, reporter *types.Func, i int) bool {
	info := c.pass.TypesInfo
	v := localVar(info, arg)
	if v == nil {
		return false
	}
	g.scope.build(info)
	size, ok := makeSize(info, g.scope.def(info, v))
	if !ok || !size.constant || size.k < 1 {
		return false
	}
	list, at := definingList(g.body, v, info)
	if list == nil {
		return false
	}
	pc := pathCounter{info: info, v: v, reporter: reporter, index: i, calleeOf: c.calleeOf}
	through, ended := pc.list(list[at+1:])
	return int64(max(through, ended)) <= size.k
}

// definingList returns the statement list that holds v's definition, and
// its index there.
func definingList(body *ast.BlockStmt, v *types.Var, info *types.Info) ([]ast.Stmt, int) {
	var list []ast.Stmt
	at := -1
	ast.Inspect(body, func(n ast.Node) bool {
		var stmts []ast.Stmt
		switch n := n.(type) {
		case *ast.BlockStmt:
			stmts = n.List
		case *ast.CaseClause:
			stmts = n.Body
		case *ast.CommClause:
			stmts = n.Body
		}
		for j, st := range stmts {
			if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
				for _, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok && info.Defs[id] == v {
						list, at = stmts, j
					}
				}
			}
		}
		return list == nil
	})
	return list, at
}

// A pathCounter counts, along the paths of a statement list, the sends
// on v and the calls of reporter that pass v.
type pathCounter struct {
	info     *types.Info
	v        *types.Var
	reporter *types.Func
	index    int
	calleeOf func(*ast.CallExpr) *types.Func
}

// list returns the most sends on a path that runs through the list, and
// on one that leaves it early (return, continue, break); -1 for none.
func (pc *pathCounter) list(stmts []ast.Stmt) (through, ended int) {
	acc, ended := 0, -1
	for _, st := range stmts {
		switch st := st.(type) {
		case *ast.ReturnStmt, *ast.BranchStmt:
			return -1, max(ended, acc+pc.stmt(st))
		case *ast.IfStmt:
			acc += pc.stmt(st.Init) + pc.expr(st.Cond)
			t1, e1 := pc.list(st.Body.List)
			t2, e2 := 0, -1
			if st.Else != nil {
				t2, e2 = pc.list([]ast.Stmt{st.Else})
			}
			if max(e1, e2) >= 0 {
				ended = max(ended, acc+max(e1, e2))
			}
			if max(t1, t2) < 0 {
				return -1, ended
			}
			acc += max(t1, t2)
		case *ast.BlockStmt:
			t, e := pc.list(st.List)
			if e >= 0 {
				ended = max(ended, acc+e)
			}
			if t < 0 {
				return -1, ended
			}
			acc += t
		default:
			acc += pc.stmt(st)
		}
		acc = min(acc, many)
	}
	return acc, ended
}

// stmt counts the sends and reports of one statement that is not a
// branch: anything in a loop, a select or a switch, or a use of v it
// cannot account for, counts as many.
func (pc *pathCounter) stmt(st ast.Stmt) int {
	if st == nil {
		return 0
	}
	switch st := st.(type) {
	case *ast.ForStmt, *ast.RangeStmt, *ast.SelectStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt:
		if pc.mentions(st) {
			return many
		}
		return 0
	case *ast.SendStmt:
		n := pc.expr(st.Value)
		if pc.info.Uses[identOf(st.Chan)] == pc.v {
			return n + 1
		}
		return n + pc.expr(st.Chan)
	}
	return pc.node(st)
}

// expr counts the reports of an expression.
func (pc *pathCounter) expr(e ast.Expr) int {
	if e == nil {
		return 0
	}
	return pc.node(e)
}

// node counts the calls of reporter passing v in n, and many for a use
// of v that is neither such a call nor a receive (a send in a literal, a
// store somewhere, a call of another function).
func (pc *pathCounter) node(n ast.Node) int {
	count, accounted, uses := 0, 0, 0
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.Ident:
			if pc.info.Uses[m] == pc.v {
				uses++
			}
		case *ast.UnaryExpr:
			if m.Op == token.ARROW && pc.info.Uses[identOf(m.X)] == pc.v {
				accounted++ // a receive frees room
			}
		case *ast.CallExpr:
			if pc.calleeOf(m) == pc.reporter && pc.index < len(m.Args) && pc.info.Uses[identOf(m.Args[pc.index])] == pc.v {
				count++
				accounted++
			}
		}
		return true
	})
	if uses > accounted {
		return many
	}
	return count
}

// identOf returns e as an identifier, or nil.
func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// mentions reports whether n uses v.
func (pc *pathCounter) mentions(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && pc.info.Uses[id] == pc.v {
			found = true
		}
		return !found
	})
	return found
}
