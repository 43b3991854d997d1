package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Merges (W): a goroutine of the package that drains several channels
// until every one of them is closed, the merge idiom
//
//	for a != nil || b != nil {
//		select {
//		case v, ok := <-a:
//			if !ok { a = nil; continue }
//			...
//		case v, ok := <-b: ...
//		}
//	}
//
// (or an endless loop that starts with if a == nil && b == nil { return })
// is alive whenever a send on one of them can happen without panicking:
// each channel is owned, like one a range loop drains. The channels are
// often parameters of the function that starts the goroutine; the
// arguments every call passes there are owned too (paho's outgoing
// writer, fed by the redirector's channels).

// noteMerge records the channels that the loop, in a goroutine of the
// package, drains until all are closed.
func (c *checker) noteMerge(loop *ast.ForStmt) {
	inputs := c.mergeInputs(loop)
	if len(inputs) == 0 || !c.closedOnly(loop.Body, inputs) {
		return
	}
	for _, v := range inputs {
		for _, x := range c.fedBy(v, 3) {
			for a := range c.aliases(x) {
				c.chans.owned[a] = true
			}
		}
	}
}

// mergeInputs returns the channels whose all being nil is the loop's
// only way out: the terms of its condition a != nil || b != nil, or of
// an if a == nil && b == nil { ... return } among the statements of an
// endless loop.
func (c *checker) mergeInputs(loop *ast.ForStmt) []*types.Var {
	info := c.pass.TypesInfo
	if loop.Cond != nil {
		if leavesLoop(loop.Body) {
			return nil
		}
		return nilTests(info, loop.Cond, token.LOR, token.NEQ)
	}
	for i, st := range loop.Body.List {
		exit, ok := st.(*ast.IfStmt)
		if !ok || exit.Init != nil || exit.Else != nil || !endsInReturn(exit.Body.List) {
			continue
		}
		inputs := nilTests(info, exit.Cond, token.LAND, token.EQL)
		if inputs == nil {
			continue
		}
		others := append(append([]ast.Stmt(nil), loop.Body.List[:i]...), loop.Body.List[i+1:]...)
		others = append(others, exit.Body.List[:len(exit.Body.List)-1]...)
		if leavesLoop(&ast.BlockStmt{List: others}) {
			return nil
		}
		return inputs
	}
	return nil
}

// nilTests returns the channel locals of cond when it joins, by join,
// only comparisons of a channel local with nil by cmp; else nil.
func nilTests(info *types.Info, cond ast.Expr, join, cmp token.Token) []*types.Var {
	e := ast.Unparen(cond)
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op == join {
		x, y := nilTests(info, b.X, join, cmp), nilTests(info, b.Y, join, cmp)
		if x == nil || y == nil {
			return nil
		}
		return append(x, y...)
	}
	b, ok := e.(*ast.BinaryExpr)
	if !ok || b.Op != cmp || !isNil(info, b.Y) {
		return nil
	}
	v := localVar(info, b.X)
	if v == nil || !isChan(v.Type()) {
		return nil
	}
	return []*types.Var{v}
}

// closedOnly reports whether body sets each input to nil only when a
// receive from it reports it closed (case x, ok := <-in: if !ok { in =
// nil }), and assigns the inputs nothing else.
func (c *checker) closedOnly(body *ast.BlockStmt, inputs []*types.Var) bool {
	info := c.pass.TypesInfo
	isInput := make(map[*types.Var]bool, len(inputs))
	for _, v := range inputs {
		isInput[v] = true
	}
	allowed := make(map[ast.Stmt]bool)
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CommClause:
			for _, st := range closedResets(info, n) {
				allowed[st] = true
			}
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if v := localVar(info, lhs); v != nil && isInput[v] && !allowed[n] {
					ok = false
				}
			}
		case *ast.UnaryExpr:
			if v := localVar(info, n.X); n.Op == token.AND && v != nil && isInput[v] {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// closedResets returns the statements in = nil of the case in, ok :=
// <-in that run under if !ok.
func closedResets(info *types.Info, cc *ast.CommClause) []ast.Stmt {
	as, isAssign := cc.Comm.(*ast.AssignStmt)
	if !isAssign || len(as.Lhs) != 2 {
		return nil
	}
	in := localVar(info, recvOperand(cc.Comm))
	okVar := localVar(info, as.Lhs[1])
	if in == nil || okVar == nil {
		return nil
	}
	var out []ast.Stmt
	for _, st := range cc.Body {
		ifs, isIf := st.(*ast.IfStmt)
		if !isIf {
			continue
		}
		if u, isNot := ast.Unparen(ifs.Cond).(*ast.UnaryExpr); !isNot || u.Op != token.NOT || localVar(info, u.X) != okVar {
			continue
		}
		for _, s := range ifs.Body.List {
			if reset, isReset := s.(*ast.AssignStmt); isReset && len(reset.Lhs) == 1 && localVar(info, reset.Lhs[0]) == in && isNil(info, reset.Rhs[0]) {
				out = append(out, reset)
			}
		}
	}
	return out
}

// fedBy returns v and, when v is a channel parameter of a function of the
// package, the channels every call passes there, followed through up to
// depth parameters: what a send on them reaches.
func (c *checker) fedBy(v *types.Var, depth int) []types.Object {
	out := []types.Object{v}
	if depth == 0 {
		return out
	}
	for _, g := range c.funcs {
		i := -1
		if g.lit == nil {
			i = g.paramIndex(v)
		}
		if i < 0 {
			continue
		}
		for _, cl := range c.callsOf()[g] {
			arg := argAt(c.pass.TypesInfo, cl.expr, i)
			if x, ok := chanID(c.pass.TypesInfo, arg).(*types.Var); ok {
				out = append(out, c.fedBy(x, depth-1)...)
			}
		}
		break
	}
	return out
}
