package analyzer

import (
	"go/ast"
	"go/types"
)

// Exit sends, for the buffer rule: a send that ends the function body it
// is in runs once per run of that body, whatever loop it stands in, and
// all such sends of one body run once between them. A worker literal that
// reports its result on a channel with room for one and returns, on
// whichever path it finishes (nats-server's stream restore), cannot wait.

// exitSends maps each exit send of a declaration's body to the literal
// whose body it ends (nil for the declaration itself). An exit send is
// followed at once by a return, is the body's last statement, or ends a
// local closure whose every call is a statement followed by a return of
// one same body.
func exitSends(info *types.Info, body *ast.BlockStmt) map[*ast.SendStmt]*ast.FuncLit {
	x := exitScan{
		info:    info,
		exits:   make(map[*ast.SendStmt]*ast.FuncLit),
		closers: make(map[*types.Var]*ast.SendStmt),
		calls:   make(map[*types.Var][]*ast.FuncLit),
		uses:    make(map[*types.Var]int),
	}
	x.scan(body, nil)
	x.last(body, nil)
	for v, send := range x.closers {
		calls := x.calls[v]
		if len(calls) == 0 || len(calls) != x.uses[v] {
			continue // called elsewhere too, or passed on
		}
		same := true
		for _, g := range calls {
			same = same && g == calls[0]
		}
		if same {
			x.exits[send] = calls[0]
		}
	}
	return x.exits
}

type exitScan struct {
	info  *types.Info
	exits map[*ast.SendStmt]*ast.FuncLit
	// closers maps a closure variable to the send that ends its literal;
	// calls lists, per closure variable, the body of each call followed
	// by a return; uses counts every use of the variable.
	closers map[*types.Var]*ast.SendStmt
	calls   map[*types.Var][]*ast.FuncLit
	uses    map[*types.Var]int
}

// scan visits n, whose statements belong to the body of g.
func (x *exitScan) scan(n ast.Node, g *ast.FuncLit) {
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			x.scan(m.Body, m)
			x.last(m.Body, m)
			return false
		case *ast.BlockStmt:
			x.list(m.List, g)
		case *ast.CaseClause:
			x.list(m.Body, g)
		case *ast.CommClause:
			x.list(m.Body, g)
		case *ast.AssignStmt:
			x.closer(m)
		case *ast.Ident:
			if v, ok := x.info.Uses[m].(*types.Var); ok {
				x.uses[v]++
			}
		}
		return true
	})
}

// last notes a send that is the last statement of g's body.
func (x *exitScan) last(body *ast.BlockStmt, g *ast.FuncLit) {
	if n := len(body.List); n > 0 {
		if s, ok := body.List[n-1].(*ast.SendStmt); ok {
			x.exits[s] = g
		}
	}
}

// list notes, in a statement list of g's body, the sends and the closure
// calls that a return follows.
func (x *exitScan) list(stmts []ast.Stmt, g *ast.FuncLit) {
	for i := 0; i+1 < len(stmts); i++ {
		if _, ok := stmts[i+1].(*ast.ReturnStmt); !ok {
			continue
		}
		switch s := stmts[i].(type) {
		case *ast.SendStmt:
			x.exits[s] = g
		case *ast.ExprStmt:
			if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok {
				if v := localVar(x.info, call.Fun); v != nil {
					x.calls[v] = append(x.calls[v], g)
				}
			}
		}
	}
}

// closer notes v := func(...) { ...; ch <- e }: a closure that ends with
// a send.
func (x *exitScan) closer(as *ast.AssignStmt) {
	if len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return
	}
	lit, ok := ast.Unparen(as.Rhs[0]).(*ast.FuncLit)
	if !ok || len(lit.Body.List) == 0 {
		return
	}
	send, ok := lit.Body.List[len(lit.Body.List)-1].(*ast.SendStmt)
	v := localVar(x.info, as.Lhs[0])
	if ok && v != nil {
		x.closers[v] = send
	}
}
