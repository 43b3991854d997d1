package analyzer

import (
	"go/ast"
	"go/types"
)

// An event loop is a for loop whose body holds a select with two or more
// communication cases: one goroutine serving several channels. Its own
// waiting select is its epoll_wait and is not a finding; what its case
// bodies do, and everything they call, is a hot path, because every
// producer feeding the loop stops while a case body waits. A select with
// a default case does not wait: a loop around one polls (it does other
// work between polls, or spins), and is no event loop.
//
// A `for v := range ch` stage with one input is a pipeline, not an event
// loop: its back-pressure is by design.

// An eventLoop is the select of an event loop, in the body f.
type eventLoop struct {
	f     *fn
	sel   *ast.SelectStmt
	loops int // loop depth of the select's case bodies in f
	// labels are those of the loops around the select (walker.labels).
	labels map[types.Object]int
}

// eventLoops returns a root for each event loop the walk found.
func (c *checker) eventLoops() []root {
	out := make([]root, 0, len(c.loops))
	for _, l := range c.loops {
		out = append(out, root{f: c.loopRegion(l), kind: "event loop"})
	}
	return out
}

// noteLoop records the event loop a for statement makes, if it does: a
// select with two or more communication cases among its statements.
func (w *walker) noteLoop(loop *ast.ForStmt) {
	for _, s := range loop.Body.List {
		if l, ok := s.(*ast.LabeledStmt); ok {
			s = l.Stmt
		}
		sel, ok := s.(*ast.SelectStmt)
		if !ok {
			continue
		}
		if n := commCases(sel); n >= 2 && n == len(sel.Body.List) { // no default
			w.c.loops = append(w.c.loops, eventLoop{w.f, sel, w.loops + 1, w.labels})
			w.c.loopWaits[sel] = true
		}
	}
}

// commCases counts a select's communication cases, default excluded: a
// select has a default when they are fewer than its clauses.
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
func (c *checker) loopRegion(l eventLoop) *fn {
	f, sel := l.f, l.sel
	r := &fn{
		sig:    f.sig,
		name:   f.name,
		qual:   f.qual,
		scope:  f.scope,
		pos:    sel.Pos(),
		region: f,
	}
	w := &walker{c: c, f: r, region: true, loops: l.loops, caseLoops: l.loops, labels: l.labels}
	for _, cc := range sel.Body.List {
		cc := cc.(*ast.CommClause)
		if x := recvOperand(cc.Comm); x != nil {
			w.handling = chanID(c.pass.TypesInfo, x)
		}
		w.caseReturns = endsInReturn(cc.Body)
		w.branch(cc.Body)
		w.handling, w.caseReturns = nil, false
	}
	c.exemptSends(r)
	return r
}
