package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Answers counted along paths (R2): a handling answers its request once
// when no path through it sends on the request's reply slot twice. The
// handling is the body of the function the request is a parameter of,
// the select case that received it, or the body of a range loop over
// requests. A loop inside may send only on the way out of it (a retry
// loop that answers and breaks, boxo's HTTP workers), and a path may
// answer on other slots besides (req.err <- err; req.resp <- nil;
// return, lnd's wallet). Sends that hide in function literals, or in
// calls handed the request or its slot, make the count unknown.

// twice stands for two sends or more: the count saturates there.
const twice = 2

// A pathCount holds, for each way out of a statement, the most sends on
// the slot along the paths that take it: falling through, leaving the
// handling (return, or a branch to a label outside it), and breaking or
// continuing the innermost loop. noPath marks a way out no path takes.
type pathCount struct{ fall, leave, brk, cont int }

const noPath = -1

// answersOncePerPath reports whether s, a send on the reply slot of a
// request v.field, is the one answer on every path of the handling of v.
func (c *checker) answersOncePerPath(f *fn, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	sel, ok := ast.Unparen(s.Chan).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v := localVar(info, sel.X)
	field, isField := info.Uses[sel.Sel].(*types.Var)
	if v == nil || !isField {
		return false
	}
	region := c.handlingOf(f, v)
	if region == nil {
		return false
	}
	a := &answerCounter{info: info, v: v, field: field, inside: labelsIn(region)}
	n := a.list(region)
	return max(n.fall, n.leave, n.brk, n.cont) <= 1
}

// handlingOf returns the statements that handle the request v in f: f's
// body when v is a parameter f never reassigns, the body of the select
// case that received v, or that of the range loop that took it.
func (c *checker) handlingOf(f *fn, v *types.Var) []ast.Stmt {
	info := c.pass.TypesInfo
	for f.body == nil && f.region != nil {
		f = f.region // the case bodies of an event loop, in their function
	}
	if f.body == nil {
		return nil
	}
	if f.paramIndex(v) >= 0 {
		if f.scope.written(info, v) {
			return nil
		}
		return f.body.List
	}
	if f.scope.written(info, v) && f.scope.writes[v] > 1 {
		return nil
	}
	var region []ast.Stmt
	ast.Inspect(f.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CommClause:
			if as, ok := n.Comm.(*ast.AssignStmt); ok && definesVar(info, as.Lhs, v) {
				region = n.Body
			}
		case *ast.RangeStmt:
			if definesVar(info, []ast.Expr{n.Key, n.Value}, v) {
				region = n.Body.List
			}
		case *ast.FuncLit:
			return false // another body
		}
		return region == nil
	})
	return region
}

// definesVar reports whether one of lhs is an identifier that defines v.
func definesVar(info *types.Info, lhs []ast.Expr, v *types.Var) bool {
	for _, e := range lhs {
		if id, ok := e.(*ast.Ident); ok && info.Defs[id] == v {
			return true
		}
	}
	return false
}

// labelsIn returns the labels declared in stmts: a branch to one of them
// stays inside the handling.
func labelsIn(stmts []ast.Stmt) map[string]bool {
	labels := make(map[string]bool)
	for _, s := range stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			if l, ok := n.(*ast.LabeledStmt); ok {
				labels[l.Label.Name] = true
			}
			_, lit := n.(*ast.FuncLit)
			return !lit
		})
	}
	return labels
}

// An answerCounter counts the sends on v.field along the paths of a
// handling.
type answerCounter struct {
	info   *types.Info
	v      *types.Var
	field  *types.Var
	inside map[string]bool
}

// fallsWith is the count of a statement that only falls through, after
// n sends.
func fallsWith(n int) pathCount { return pathCount{fall: n, leave: noPath, brk: noPath, cont: noPath} }

// unknown is the count of a statement whose sends cannot be counted.
var unknown = pathCount{fall: twice, leave: twice, brk: twice, cont: twice}

// add returns a + b, saturated at twice; noPath stays noPath.
func add(a, b int) int {
	if a == noPath || b == noPath {
		return noPath
	}
	return min(a+b, twice)
}

// list counts a statement list: each statement runs after the paths of
// the one before that fall through.
func (a *answerCounter) list(stmts []ast.Stmt) pathCount {
	n := fallsWith(0)
	for _, s := range stmts {
		if n.fall == noPath {
			break // unreachable
		}
		next := a.stmt(s)
		n = pathCount{
			fall:  add(n.fall, next.fall),
			leave: max(n.leave, add(n.fall, next.leave)),
			brk:   max(n.brk, add(n.fall, next.brk)),
			cont:  max(n.cont, add(n.fall, next.cont)),
		}
	}
	return n
}

// join is the count of a choice between a and b.
func join(a, b pathCount) pathCount {
	return pathCount{max(a.fall, b.fall), max(a.leave, b.leave), max(a.brk, b.brk), max(a.cont, b.cont)}
}

func (a *answerCounter) stmt(s ast.Stmt) pathCount {
	switch s := s.(type) {
	case *ast.SendStmt:
		if a.isSlot(s.Chan) {
			return fallsWith(1)
		}
		return a.plain(s)
	case *ast.ReturnStmt:
		if a.hides(s) {
			return unknown
		}
		return pathCount{fall: noPath, leave: 0, brk: noPath, cont: noPath}
	case *ast.BranchStmt:
		return a.branch(s)
	case *ast.BlockStmt:
		return a.list(s.List)
	case *ast.LabeledStmt:
		return a.stmt(s.Stmt)
	case *ast.IfStmt:
		return a.ifStmt(s)
	case *ast.ForStmt:
		if a.hides(s.Init) || a.hides(s.Cond) || a.hides(s.Post) {
			return unknown
		}
		return a.loop(s.Body.List)
	case *ast.RangeStmt:
		if a.hides(s.X) {
			return unknown
		}
		return a.loop(s.Body.List)
	case *ast.SwitchStmt:
		if a.hides(s.Init) || a.hides(s.Tag) {
			return unknown
		}
		return a.clauses(s.Body, false)
	case *ast.TypeSwitchStmt:
		if a.hides(s.Init) || a.hides(s.Assign) {
			return unknown
		}
		return a.clauses(s.Body, false)
	case *ast.SelectStmt:
		return a.clauses(s.Body, true)
	case *ast.GoStmt, *ast.DeferStmt:
		if a.hides(s) {
			return unknown // an answer on another goroutine, or at the end
		}
		return fallsWith(0)
	}
	return a.plain(s)
}

// plain counts a statement that sends nothing on the slot itself.
func (a *answerCounter) plain(s ast.Node) pathCount {
	if a.hides(s) {
		return unknown
	}
	return fallsWith(0)
}

// branch counts a break, continue or goto.
func (a *answerCounter) branch(s *ast.BranchStmt) pathCount {
	if s.Label != nil {
		if a.inside[s.Label.Name] || s.Tok == token.GOTO {
			return unknown // a jump within the handling: not followed
		}
		return pathCount{fall: noPath, leave: 0, brk: noPath, cont: noPath} // out of the handling
	}
	switch s.Tok {
	case token.BREAK:
		return pathCount{fall: noPath, leave: noPath, brk: 0, cont: noPath}
	case token.CONTINUE:
		return pathCount{fall: noPath, leave: noPath, brk: noPath, cont: 0}
	}
	return unknown // fallthrough, goto
}

func (a *answerCounter) ifStmt(s *ast.IfStmt) pathCount {
	if a.hides(s.Init) || a.hides(s.Cond) {
		return unknown
	}
	then := a.list(s.Body.List)
	other := fallsWith(0)
	if s.Else != nil {
		other = a.stmt(s.Else)
	}
	return join(then, other)
}

// loop counts a loop with the given body: a path that answers and then
// runs the body again could answer twice, so only the paths that leave
// the loop may answer. A break ends the loop, a continue runs it again.
func (a *answerCounter) loop(body []ast.Stmt) pathCount {
	n := a.list(body)
	if n.fall > 0 || n.cont > 0 {
		return unknown
	}
	return pathCount{fall: max(0, n.brk), leave: n.leave, brk: noPath, cont: noPath}
}

// clauses counts the clauses of a switch or select: one of them runs, or
// noPath, for a switch without default. A break ends the statement.
func (a *answerCounter) clauses(body *ast.BlockStmt, isSelect bool) pathCount {
	n := pathCount{fall: noPath, leave: noPath, brk: noPath, cont: noPath}
	exhaustive := false
	for _, cl := range body.List {
		var first int
		var stmts []ast.Stmt
		switch cl := cl.(type) {
		case *ast.CaseClause:
			for _, e := range cl.List {
				if a.hides(e) {
					return unknown
				}
			}
			exhaustive = exhaustive || cl.List == nil
			stmts = cl.Body
		case *ast.CommClause:
			exhaustive = true // a select waits for one of its cases
			if send, ok := cl.Comm.(*ast.SendStmt); ok && a.isSlot(send.Chan) {
				first = 1
			} else if a.hides(cl.Comm) {
				return unknown
			}
			stmts = cl.Body
		}
		c := a.list(stmts)
		c = pathCount{fall: add(first, max(c.fall, c.brk)), leave: add(first, c.leave), brk: noPath, cont: add(first, c.cont)}
		n = join(n, c)
	}
	if !exhaustive || isSelect && len(body.List) == 0 {
		n = join(n, fallsWith(0))
	}
	return n
}

// isSlot reports whether e is the slot: v.field.
func (a *answerCounter) isSlot(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	return ok && localVar(a.info, sel.X) == a.v && a.info.Uses[sel.Sel] == a.field
}

// hides reports whether n may answer where the count cannot see it: in a
// function literal that sends on the slot, or in a call handed the
// request, the slot, or a method of the request.
func (a *answerCounter) hides(n ast.Node) bool {
	if n == nil {
		return false
	}
	hidden := false
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.SendStmt:
			hidden = hidden || a.isSlot(m.Chan)
		case *ast.CallExpr:
			hidden = hidden || a.handsOn(m)
		}
		return !hidden
	})
	return hidden
}

// handsOn reports whether the call passes the request or its slot, or
// calls a method on the request.
func (a *answerCounter) handsOn(call *ast.CallExpr) bool {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && localVar(a.info, sel.X) == a.v {
		if _, isMethod := a.info.Uses[sel.Sel].(*types.Func); isMethod {
			return true
		}
	}
	for _, arg := range call.Args {
		arg = ast.Unparen(arg)
		if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
			arg = ast.Unparen(u.X)
		}
		if localVar(a.info, arg) == a.v || a.isSlot(arg) {
			return true
		}
	}
	return false
}
