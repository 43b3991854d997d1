package analyzer

import (
	"go/ast"
	"go/types"
)

// Turns: a token handed back after its holder reported (K3). A loop
// arms a channel with room for one token, and re-arms it only while
// handling a report that a token holder sends, once per token taken:
//
//	writeStart <- struct{}{}            // the first turn
//	for { select { case err := <-writeErr:
//		writeStart <- struct{}{} } }    // the next turn
//
//	case <-rw.wstart: ...; rw.werr <- err   // a holder's one report
//
// At most one token is then in flight, so the buffer is empty whenever
// the loop re-arms, even if no holder is left to take the turn
// (go-ethereum's peer writers and discv5 reader).

// rearms reports whether the send s in f, made while handling a value
// received from o.handling, re-arms a turn channel as above.
func (c *checker) rearms(f *fn, o *op, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	turn, report := chanID(info, s.Chan), o.handling
	if turn == nil || report == nil || o.loops != o.caseLoops || !c.hasRoomForOne(f, turn) {
		return false
	}
	turns, reports := c.aliases(turn), c.aliases(report)
	arms := 0
	for t := range turns {
		for _, r := range c.chans.requests[t] {
			if !reports[r.handling] {
				arms++ // a send outside the handling of a report: a first turn
				if r.loops > 0 {
					return false
				}
			}
		}
	}
	if arms > 1 {
		return false
	}
	n := 0
	for d := range reports {
		for _, r := range c.chans.requests[d] {
			if !c.holdsTurn(r, turns) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// hasRoomForOne reports whether the channel turn, a local or a field, is
// always made with a constant buffer of one or more.
func (c *checker) hasRoomForOne(f *fn, turn types.Object) bool {
	v, ok := turn.(*types.Var)
	if !ok {
		return false
	}
	if v.IsField() {
		return c.alwaysRoomy(v)
	}
	f.scope.build(c.pass.TypesInfo)
	return c.roomyIn(f.scope, f.scope.def(c.pass.TypesInfo, v))
}

// holdsTurn reports whether the report r is sent once per turn taken:
// while handling a token received from turns, not in a loop of its own,
// or in a function of the package that only such handling calls, or
// callers that take the turn their report causes right after
// (if report() { <-turn }, as tests do).
func (c *checker) holdsTurn(r request, turns map[types.Object]bool) bool {
	if turns[r.handling] {
		return r.loops == r.caseLoops
	}
	if r.handling != nil || r.loops > 0 || r.f == nil || r.f.obj == nil {
		return false
	}
	calls := 0
	for _, g := range c.funcs {
		for _, cl := range g.calls {
			if cl.callee != r.f {
				continue
			}
			if got := receivedChan(cl.then); !turns[cl.handling] && (got == nil || !turns[chanID(c.pass.TypesInfo, got)]) {
				return false // neither holds a turn nor takes the one it causes
			}
			calls++
		}
	}
	return calls > 0
}

// aliases returns ch and the channels of the package that only ever hold
// its value: a parameter that every call gives it, a field that every
// store sets to it (writeStart, passed to startProtocols, stored in each
// protocol's wstart).
func (c *checker) aliases(ch types.Object) map[types.Object]bool {
	info := c.pass.TypesInfo
	set := map[types.Object]bool{ch: true}
	holds := func(values []ast.Expr) bool {
		for _, v := range values {
			if !set[chanID(info, v)] {
				return false
			}
		}
		return len(values) > 0
	}
	// Until nothing changes, so that the result does not depend on the
	// order of the map; local → parameter → field takes three rounds.
	for changed := true; changed; {
		changed = false
		for field, values := range c.chans.fieldStores {
			if !set[field] && holds(values) {
				set[field] = true
				changed = true
			}
		}
		for _, g := range c.funcs {
			if g.obj == nil {
				continue
			}
			params := g.sig.Params()
			for i := range params.Len() {
				if p := params.At(i); !set[p] && isChan(p.Type()) && holds(c.argsFor(g, i)) {
					set[p] = true
					changed = true
				}
			}
		}
	}
	return set
}

// argsFor returns the i-th argument of every call of g in the package.
func (c *checker) argsFor(g *fn, i int) []ast.Expr {
	var args []ast.Expr
	for _, cl := range c.callsOf()[g] {
		args = append(args, argAt(c.pass.TypesInfo, cl.expr, i))
	}
	return args
}

// callsOf returns the calls of the package by callee, computed once.
func (c *checker) callsOf() map[*fn][]*call {
	if c.callsTo == nil {
		c.callsTo = make(map[*fn][]*call)
		for _, f := range c.funcs {
			for _, cl := range f.calls {
				c.callsTo[cl.callee] = append(c.callsTo[cl.callee], cl)
			}
		}
	}
	return c.callsTo
}
