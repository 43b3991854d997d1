package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Workers: the goroutines the package starts, and what they guarantee
// about the channels and conditions they serve (W).

// findOwned records the channels that goroutines of the package drain
// with a range loop that only their closing ends: such a receiver is
// alive whenever a send can happen, so the send is back-pressure, not a
// hang (W).
func (c *checker) findOwned() {
	info := c.pass.TypesInfo
	for _, f := range c.chans.launched {
		for _, s := range f.body.List {
			if l, ok := s.(*ast.LabeledStmt); ok {
				s = l.Stmt
			}
			switch s := s.(type) {
			case *ast.RangeStmt:
				if !isChan(info.TypeOf(s.X)) || leavesLoop(s.Body) {
					continue
				}
				if id := chanID(info, s.X); id != nil {
					c.chans.owned[id] = true
				}
			case *ast.ForStmt:
				for _, id := range c.quitChannels(s) {
					c.chans.owned[id] = true
				}
			}
		}
	}
}

// quitChannels returns, for a worker's endless for-select loop, the
// channels whose receipt is its only way out: the worker is alive until
// it receives from one of them, so a send on it (a quit message, sent
// once) is always taken. Nil if the loop can end otherwise.
func (c *checker) quitChannels(loop *ast.ForStmt) []types.Object {
	if loop.Cond != nil || len(loop.Body.List) != 1 {
		return nil
	}
	sel, ok := loop.Body.List[0].(*ast.SelectStmt)
	if !ok {
		return nil
	}
	var quits []types.Object
	for _, cc := range sel.Body.List {
		cc := cc.(*ast.CommClause)
		if !leavesLoop(&ast.BlockStmt{List: cc.Body}) {
			continue
		}
		x := recvOperand(cc.Comm)
		id := chanID(c.pass.TypesInfo, x)
		if x == nil || id == nil {
			return nil // a way out that is not the receipt of a quit message
		}
		quits = append(quits, id)
	}
	return quits
}

// leavesLoop reports whether a loop body can leave the loop other than
// by the loop's own end: a return, a break or goto out of it, a panic
// does not count.
func leavesLoop(body *ast.BlockStmt) bool {
	leaves := false
	var visit func(n ast.Node, nested bool) bool
	visit = func(n ast.Node, nested bool) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			leaves = true
		case *ast.BranchStmt:
			switch {
			case n.Tok == token.GOTO, n.Tok == token.BREAK && n.Label != nil:
				leaves = true
			case n.Tok == token.BREAK && !nested:
				leaves = true
			}
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			ast.Inspect(n, func(m ast.Node) bool {
				if m == n {
					return true
				}
				return visit(m, true)
			})
			return false
		}
		return !leaves
	}
	ast.Inspect(body, func(n ast.Node) bool { return visit(n, false) })
	return leaves
}

// workerJoin reports whether o, a sync.Cond.Wait, waits in a predicate
// loop for a condition that a goroutine of the package signals: a join
// on a worker the package owns, like WaitGroup.Wait, rather than a wait
// on whoever might come. A bare Wait with no loop stays a call finding.
func (c *checker) workerJoin(o *op) bool {
	if o.loops == 0 {
		return false
	}
	owned := c.ownedCode()
	for _, f := range c.chans.signals[o.cond] {
		if owned[f] {
			return true
		}
	}
	return false
}

// ownedCode returns the bodies that run on goroutines the package starts:
// the bodies go statements start and every body of the package they call.
func (c *checker) ownedCode() map[*fn]bool {
	if c.chans.ownedCode != nil {
		return c.chans.ownedCode
	}
	owned := make(map[*fn]bool)
	queue := append([]*fn(nil), c.chans.launched...)
	for _, f := range c.funcs {
		if f.goroutine {
			queue = append(queue, f)
		}
	}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		if owned[f] {
			continue
		}
		owned[f] = true
		queue = append(queue, callees(f)...)
	}
	c.chans.ownedCode = owned
	return owned
}
