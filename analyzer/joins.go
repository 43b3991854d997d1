package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Joins on a channel semaphore: a loop that fills a channel to its
// capacity,
//
//	for i := 0; i < cap(a.sema); i++ { a.sema <- struct{}{} }
//
// waits until every holder of a slot has given it back (asynq's
// aggregator, on stop). It is a join, like WaitGroup.Wait: the wait
// check's business, off by default.

// capacityFill returns the send of a loop whose condition (i < cap(ch))
// or range operand (range cap(ch)) is the capacity of the one channel
// its body, a single send, sends on. Nil otherwise.
func capacityFill(info *types.Info, bound ast.Expr, body *ast.BlockStmt) *ast.SendStmt {
	if len(body.List) != 1 {
		return nil
	}
	send, ok := body.List[0].(*ast.SendStmt)
	if !ok {
		return nil
	}
	if b, ok := ast.Unparen(bound).(*ast.BinaryExpr); ok && b.Op == token.LSS {
		bound = b.Y
	}
	call, ok := ast.Unparen(bound).(*ast.CallExpr)
	if !ok || !isBuiltin(info, call.Fun, "cap") || len(call.Args) != 1 {
		return nil
	}
	ch := chanID(info, call.Args[0])
	if ch == nil || chanID(info, send.Chan) != ch {
		return nil
	}
	return send
}

// join records a capacity fill as a wait, when the wait check is on.
func (w *walker) join(s *ast.SendStmt) {
	if !w.c.checks.has(CheckWait) {
		return
	}
	w.addOp(&op{
		check: CheckWait, what: "fill of " + exprString(s.Chan) + " to its capacity",
		why: "it waits until every holder of a slot gives it back",
		pos: s.Arrow, end: s.Arrow + 2, bound: unbounded, node: s,
	})
}
