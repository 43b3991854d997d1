package analyzer

import (
	"go/ast"
	"go/types"
)

// Workers the sender stops (W): a worker that leaves only when a stop
// channel is closed serves its channels until then (untilStop). When the
// goroutine that sends to it is also the one that closes that stop, as
// the last thing it does, the worker is there for every send:
//
//	func (p *Progress) refresh() {          func (p *Progress) serve() {
//		for {                                   for {
//			select {                                select {
//			case t := <-tick.C:                     case <-p.frames:
//				p.frames <- t                           p.draw()
//			case <-p.ctx.Done():                    case <-p.done:
//				close(p.done)                           return
//				return                              }
//			}                                   }
//		}                                   }
//	}
//
// (mpb's refresh listeners). A stop that anyone else can give, an
// exported Stop or a worker's own ctx.Done(), can come between two sends,
// which then waits for a worker that has left: REAL-BUGS 1's dispatcher,
// stopped by a reload while the API still sent to it.
//
// Several functions may close one stop when each does so as its last act
// and none is exported (one refresh strategy of three is started): a
// second close would panic, so a program whose shutdown works starts one
// closer per value.

// A closeSite is a close of a stop channel, in the body that makes it.
type closeSite struct {
	by       *fn
	lastWord bool // followed by a return, the body's last statement, or deferred
}

// noteStops records, for each channel the worker's loop serves until it
// is stopped, the stop channels it leaves on.
func (c *checker) noteStops(loop *ast.ForStmt) {
	stops, named := c.loopStops(loop)
	for _, id := range c.servedBy(loop) {
		for a := range c.aliases(id) {
			if !named {
				c.chans.stops[a] = nil
				c.chans.foreignStop[a] = true
				continue
			}
			c.chans.stops[a] = append(c.chans.stops[a], stops...)
		}
	}
}

// loopStops returns the token channels of the select cases in loop
// whose bodies may leave it; false when one of them is not a channel
// the package names (ctx.Done()).
func (c *checker) loopStops(loop *ast.ForStmt) ([]types.Object, bool) {
	info := c.pass.TypesInfo
	var stops []types.Object
	named := true
	ast.Inspect(loop.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CommClause:
			x := recvOperand(n.Comm)
			if x == nil || !isTokenChan(info.TypeOf(x)) || !leavesLoop(&ast.BlockStmt{List: n.Body}) {
				return true
			}
			if id := chanID(info, x); id != nil {
				stops = append(stops, id)
			} else {
				named = false
			}
		}
		return named
	})
	return stops, named
}

// stoppedBySender reports whether the send s in f is on a channel whose
// workers leave only on stops that f alone gives, after its sends.
func (c *checker) stoppedBySender(f *fn, s *ast.SendStmt) bool {
	id := chanID(c.pass.TypesInfo, s.Chan)
	if id == nil || !c.chans.untilStop[id] || c.chans.foreignStop[id] || len(c.chans.stops[id]) == 0 {
		return false
	}
	if f.region != nil {
		f = f.region
	}
	for _, q := range c.chans.stops[id] {
		if !c.closedLastBy(q, f) {
			return false
		}
	}
	return true
}

// closedLastBy reports whether the stop channel q is only ever closed,
// never sent on, each close the last act of an unexported body, one of
// them sender's.
func (c *checker) closedLastBy(q types.Object, sender *fn) bool {
	aliases := c.aliases(q)
	for a := range aliases {
		if len(c.chans.requests[a]) > 0 {
			return false // a stop message, which any sender can send
		}
	}
	byThis := false
	for _, site := range c.closesOf(q, aliases) {
		if !site.lastWord || site.by.obj != nil && site.by.obj.Exported() {
			return false
		}
		byThis = byThis || site.by == sender
	}
	return byThis
}

// closesOf returns the closes of q and its aliases in the package,
// found once.
func (c *checker) closesOf(q types.Object, aliases map[types.Object]bool) []closeSite {
	if sites, ok := c.chans.closes[q]; ok {
		return sites
	}
	info := c.pass.TypesInfo
	var sites []closeSite
	closes := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		return ok && isBuiltin(info, call.Fun, "close") && len(call.Args) == 1 && aliases[chanID(info, call.Args[0])]
	}
	for _, g := range c.funcs {
		if g.body == nil {
			continue
		}
		eachOwnList(g.body, func(list []ast.Stmt) {
			for i, st := range list {
				switch st := st.(type) {
				case *ast.DeferStmt:
					if closes(st.Call) {
						sites = append(sites, closeSite{by: g, lastWord: true})
					}
				case *ast.ExprStmt:
					if closes(st.X) {
						last := i == len(list)-1 && sameList(list, g.body.List)
						returns := i+1 < len(list) && isReturn(list[i+1])
						sites = append(sites, closeSite{by: g, lastWord: last || returns})
					}
				}
			}
		})
	}
	c.chans.closes[q] = sites
	return sites
}

// eachOwnList is eachList without the bodies of function literals, which
// are bodies of their own.
func eachOwnList(body *ast.BlockStmt, visit func([]ast.Stmt)) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BlockStmt:
			visit(n.List)
		case *ast.CaseClause:
			visit(n.Body)
		case *ast.CommClause:
			visit(n.Body)
		}
		return true
	})
}

// sameList reports whether a and b are the same statement list.
func sameList(a, b []ast.Stmt) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// isReturn reports whether s is a return statement.
func isReturn(s ast.Stmt) bool {
	_, ok := s.(*ast.ReturnStmt)
	return ok
}
