package analyzer

import (
	"go/ast"
	"go/types"
)

// Stop handshakes (W): a type starts its worker with
//
//	g.running = true
//	go g.generate()
//
// and stops it with
//
//	if !g.running { return }
//	ch := make(chan struct{})
//	g.abort <- ch
//	<-ch
//	g.running = false
//
// The worker answers a stop request before each of its exits: close(v)
// or v <- x, with v of the request's type, right before every return and
// at the end of its body. One stop is sent per start, and the worker
// cannot leave without taking it, so the send is always taken
// (go-ethereum's snapshot generators).

// stopsWorker reports whether the send s in f is such a stop request.
func (c *checker) stopsWorker(f *fn, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	sel, ok := ast.Unparen(s.Chan).(*ast.SelectorExpr)
	if !ok || f.body == nil {
		return false // an event loop's region holds no stop
	}
	abort, ok := info.Uses[sel.Sel].(*types.Var)
	if !ok || !abort.IsField() {
		return false
	}
	ch, ok := abort.Type().Underlying().(*types.Chan)
	if !ok || !isChan(ch.Elem()) {
		return false
	}
	base := types.ExprString(sel.X)
	running := guardFlag(info, f.body.List, s, base)
	if running == nil {
		return false
	}
	worker := c.startedWith(running)
	return worker != nil && answersBeforeExits(info, worker.body, ch.Elem())
}

// guardFlag returns the bool field F when s is a top-level statement of
// body, after if !base.F { ...; return } and before base.F = false.
func guardFlag(info *types.Info, body []ast.Stmt, s ast.Stmt, base string) *types.Var {
	var flag *types.Var
	seen := false
	for _, st := range body {
		switch {
		case st == s:
			seen = true
		case !seen:
			if f := returnsUnless(info, st, base); f != nil {
				flag = f
			}
		case flag != nil && setsFlag(info, st, base, flag, false):
			return flag
		}
	}
	return nil
}

// returnsUnless returns F when st is if !base.F { ...; return }.
func returnsUnless(info *types.Info, st ast.Stmt, base string) *types.Var {
	ifs, ok := st.(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) == 0 {
		return nil
	}
	if _, ok := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); !ok {
		return nil
	}
	if x, f := negatedField(info, ifs.Cond); x == base {
		return f
	}
	return nil
}

// setsFlag reports whether st is base.flag = value.
func setsFlag(info *types.Info, st ast.Stmt, base string, flag *types.Var, value bool) bool {
	as, ok := st.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return false
	}
	sel, ok := ast.Unparen(as.Lhs[0]).(*ast.SelectorExpr)
	if !ok || info.Uses[sel.Sel] != flag || types.ExprString(sel.X) != base {
		return false
	}
	v := info.Types[as.Rhs[0]].Value
	return v != nil && isTrue(info, as.Rhs[0]) == value
}

// startedWith returns the worker that every start of the flag starts:
// each x.F = true of the package is followed at once by go x.worker(...),
// the same function of the package each time, and no literal sets F.
func (c *checker) startedWith(flag *types.Var) *fn {
	info := c.pass.TypesInfo
	var worker *fn
	ok, starts := true, 0
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if id, isID := n.Key.(*ast.Ident); isID && info.Uses[id] == flag && !isFalse(info, n.Value) {
					ok = false // made running, without a worker
				}
			case *ast.BlockStmt:
				for i, st := range n.List {
					as, isAssign := st.(*ast.AssignStmt)
					if !isAssign || len(as.Lhs) != 1 {
						continue
					}
					sel, isSel := ast.Unparen(as.Lhs[0]).(*ast.SelectorExpr)
					if !isSel || info.Uses[sel.Sel] != flag || isFalse(info, as.Rhs[0]) {
						continue
					}
					starts++
					w := c.goesNext(n.List, i, types.ExprString(sel.X))
					if w == nil || worker != nil && w != worker {
						ok = false
					}
					worker = w
				}
			}
			return ok
		})
	}
	if !ok || starts == 0 {
		return nil
	}
	return worker
}

// goesNext returns the function of the package that list[i+1] starts as
// go base.worker(...), or nil.
func (c *checker) goesNext(list []ast.Stmt, i int, base string) *fn {
	if i+1 >= len(list) {
		return nil
	}
	g, ok := list[i+1].(*ast.GoStmt)
	if !ok {
		return nil
	}
	sel, ok := ast.Unparen(g.Call.Fun).(*ast.SelectorExpr)
	if !ok || types.ExprString(sel.X) != base {
		return nil
	}
	if callee := c.calleeOf(g.Call); callee != nil {
		return c.byObj[callee]
	}
	return nil
}

// answersBeforeExits reports whether the worker's body answers a request
// of type req (close(v) or v <- x) right before every return and at its
// end, and makes no request of its own.
func answersBeforeExits(info *types.Info, body *ast.BlockStmt, req types.Type) bool {
	answers := func(st ast.Stmt) bool {
		var v ast.Expr
		switch st := st.(type) {
		case *ast.SendStmt:
			v = st.Chan
		case *ast.ExprStmt:
			if call, ok := ast.Unparen(st.X).(*ast.CallExpr); ok && len(call.Args) == 1 && isBuiltin(info, call.Fun, "close") {
				v = call.Args[0]
			}
		}
		return v != nil && types.Identical(info.TypeOf(v), req)
	}
	if len(body.List) == 0 || !answers(body.List[len(body.List)-1]) {
		return false
	}
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if isBuiltin(info, n.Fun, "make") && types.Identical(info.TypeOf(n), req) {
				ok = false // a request of its own
			}
		case *ast.BlockStmt:
			for i, st := range n.List {
				if _, isReturn := st.(*ast.ReturnStmt); isReturn && (i == 0 || !answers(n.List[i-1])) {
					ok = false
				}
			}
		case *ast.CaseClause, *ast.CommClause:
			var list []ast.Stmt
			if cc, isCase := n.(*ast.CaseClause); isCase {
				list = cc.Body
			} else {
				list = n.(*ast.CommClause).Body
			}
			for i, st := range list {
				if _, isReturn := st.(*ast.ReturnStmt); isReturn && (i == 0 || !answers(list[i-1])) {
					ok = false
				}
			}
		}
		return ok
	})
	return ok
}

// isFalse reports whether e is the constant false.
func isFalse(info *types.Info, e ast.Expr) bool {
	v := info.Types[e].Value
	return v != nil && !isTrue(info, e)
}
