package analyzer

import (
	"go/ast"
)

// An event loop is a for loop whose body holds a select with two or more
// communication cases: one goroutine serving several channels. Its own
// waiting select is its epoll_wait and is not a finding; what its case
// bodies do, and everything they call, is a hot path, because every
// producer feeding the loop stops while a case body waits.
//
// A `for v := range ch` stage with one input is a pipeline, not an event
// loop: its back-pressure is by design.

// eventLoops returns a root for each event loop in the package.
func (c *checker) eventLoops() []root {
	var out []root
	for _, f := range c.funcs {
		for _, sel := range loopSelects(f.body) {
			out = append(out, root{f: c.loopRegion(f, sel), kind: "event loop"})
		}
	}
	return out
}

// loopSelects returns the selects that make event loops in body, outside
// nested function literals (which are bodies of their own).
func loopSelects(body *ast.BlockStmt) []*ast.SelectStmt {
	var out []*ast.SelectStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt:
			for _, s := range n.Body.List {
				if l, ok := s.(*ast.LabeledStmt); ok {
					s = l.Stmt
				}
				if sel, ok := s.(*ast.SelectStmt); ok && commCases(sel) >= 2 {
					out = append(out, sel)
				}
			}
		}
		return true
	})
	return out
}

// commCases counts a select's communication cases, default excluded.
func commCases(sel *ast.SelectStmt) int {
	n := 0
	for _, cc := range sel.Body.List {
		if cc.(*ast.CommClause).Comm != nil {
			n++
		}
	}
	return n
}

// loopRegion returns a body standing for the case bodies of an event
// loop's select in f: same parameters and locals as f, walked anew.
func (c *checker) loopRegion(f *fn, sel *ast.SelectStmt) *fn {
	r := &fn{
		sig:   f.sig,
		name:  f.name,
		qual:  f.qual,
		scope: f.scope,
		pos:   sel.Pos(),
	}
	w := &walker{c: c, f: r}
	for _, cc := range sel.Body.List {
		w.branch(cc.(*ast.CommClause).Body)
	}
	return r
}
