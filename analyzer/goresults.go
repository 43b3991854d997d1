package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// Goroutine results (B1 across a type): a channel field made once, in
// the literal that also stores the set X, as make(chan T, len(X)+k):
// one goroutine per member of X, started in a range over that field,
// and at most k others, each report once as they exit. The buffer holds
// every report, even after the reader stopped reading (go-ethereum's
// peer collects its protocols' and its ping loop's errors so). As with
// the workers, the function that starts them is taken to run once per
// value.

// resultsFit reports whether the send s is one of those reports.
func (c *checker) resultsFit(s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	field, ok := chanID(info, s.Chan).(*types.Var)
	if !ok || !field.IsField() || len(c.chans.fieldStores[field]) != 1 {
		return false
	}
	set, k, ok := lenPlus(info, c.chans.fieldStores[field][0])
	if !ok {
		return false
	}
	members := c.setField(c.chans.fieldStores[field][0], set)
	if members == nil {
		return false
	}
	plain, looped, reports, ok := c.reporters(field, members)
	return ok && looped <= 1 && plain <= k && reports == len(c.chans.requests[field])
}

// lenPlus reads make(chan T, len(x)+k) or make(chan T, len(x)): x as
// written, and k.
func lenPlus(info *types.Info, e ast.Expr) (string, int64, bool) {
	mk, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(mk.Args) != 2 || !isBuiltin(info, mk.Fun, "make") {
		return "", 0, false
	}
	size, k := ast.Unparen(mk.Args[1]), int64(0)
	if b, ok := size.(*ast.BinaryExpr); ok && b.Op == token.ADD {
		v := info.Types[b.Y].Value
		if v == nil || v.Kind() != constant.Int {
			return "", 0, false
		}
		k, _ = constant.Int64Val(v)
		size = ast.Unparen(b.X)
	}
	l, ok := size.(*ast.CallExpr)
	if !ok || len(l.Args) != 1 || !isBuiltin(info, l.Fun, "len") {
		return "", 0, false
	}
	return types.ExprString(l.Args[0]), k, true
}

// setField returns the field that the composite literal holding store
// sets to set, or nil.
func (c *checker) setField(store ast.Expr, set string) *types.Var {
	info := c.pass.TypesInfo
	var found *types.Var
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || found != nil {
				return found == nil
			}
			holds := false
			for _, elt := range lit.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok && kv.Value == store {
					holds = true
				}
			}
			if !holds {
				return true
			}
			for _, elt := range lit.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok && types.ExprString(kv.Value) == set {
					if key, ok := kv.Key.(*ast.Ident); ok {
						found, _ = info.Uses[key].(*types.Var)
					}
				}
			}
			return false
		})
	}
	return found
}

// reporters finds the goroutines that send on field: plain counts those
// started outside loops, looped those started once per member of the
// set in a range over members. reports counts their sends; ok is false
// if a send does not end its goroutine, or one is started otherwise.
func (c *checker) reporters(field, members *types.Var) (plain, looped int64, reports int, ok bool) {
	info := c.pass.TypesInfo
	ok = true
	var visit func(n ast.Node, loops []ast.Node)
	visit = func(n ast.Node, loops []ast.Node) {
		ast.Inspect(n, func(m ast.Node) bool {
			if !ok || m == n {
				return ok
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				visit(m.Body, nil)
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				visit(m, append(loops[:len(loops):len(loops)], m))
				return false
			case *ast.GoStmt:
				body := c.goBody(m)
				n := exitReports(info, body, field)
				if n < 0 {
					ok = false
				}
				if n <= 0 {
					return true
				}
				reports += n
				switch {
				case len(loops) == 0:
					plain++
				case len(loops) == 1 && rangesOver(info, loops[0], members):
					looped++
				default:
					ok = false
				}
			}
			return true
		})
	}
	for _, file := range c.pass.Files {
		visit(file, nil)
	}
	return plain, looped, reports, ok
}

// goBody returns the body a go statement runs: its literal's, or that of
// the function of the package it calls.
func (c *checker) goBody(g *ast.GoStmt) *ast.BlockStmt {
	if lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
		return lit.Body
	}
	if f := c.byObj[c.calleeOf(g.Call)]; f != nil {
		return f.body
	}
	return nil
}

// exitReports counts the sends on field in body, outside its literals;
// -1 if one of them does not end the body: followed by a return, or the
// body's last statement.
func exitReports(info *types.Info, body *ast.BlockStmt, field *types.Var) int {
	if body == nil {
		return 0
	}
	n := 0
	check := func(list []ast.Stmt, top bool) {
		for i, st := range list {
			s, ok := st.(*ast.SendStmt)
			if !ok || chanID(info, s.Chan) != field {
				continue
			}
			_, returns := nextStmt(list, i).(*ast.ReturnStmt)
			if returns || top && i == len(list)-1 {
				n++
			} else {
				n = -1 << 20
			}
		}
	}
	check(body.List, true)
	ast.Inspect(body, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BlockStmt:
			if m != body {
				check(m.List, false)
			}
		case *ast.CaseClause:
			check(m.Body, false)
		case *ast.CommClause:
			check(m.Body, false)
		}
		return true
	})
	return max(n, -1)
}

// nextStmt returns list[i+1], or nil.
func nextStmt(list []ast.Stmt, i int) ast.Stmt {
	if i+1 < len(list) {
		return list[i+1]
	}
	return nil
}

// rangesOver reports whether loop is a range over a field selector of
// members.
func rangesOver(info *types.Info, loop ast.Node, members *types.Var) bool {
	r, ok := loop.(*ast.RangeStmt)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(r.X).(*ast.SelectorExpr)
	return ok && info.Uses[sel.Sel] == members
}
