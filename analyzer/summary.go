package analyzer

// Summaries are computed bottom-up over the package's call graph: callees
// before callers, and each strongly connected component (recursion)
// iterated until nothing changes. A summary only ever rises, from
// NeverBlocks to UntilCtxDone to MayBlockForever, SyncParams only gains
// bits and the parameter guards (NilGuard, SendsOn, TrueGuard,
// FalseGuard) only lose them, so
// the iteration ends; the worklist visits a function again
// only when one of its callees changed, so the cost stays linear in the
// size of the call graph.

// sccState is the bookkeeping of Tarjan's algorithm for one fn.
type sccState struct {
	index, low int // 0 while unvisited
	onStack    bool
}

// summarize computes every fn's summary.
func (c *checker) summarize() {
	t := &tarjan{c: c}
	for _, f := range c.funcs {
		if f.scc.index == 0 {
			t.visit(f)
		}
	}
}

// callees returns the bodies f may call on its own goroutine: direct
// callees, and every function value f passes to one of them.
func callees(f *fn) []*fn {
	var out []*fn
	for _, cl := range f.calls {
		out = append(out, cl.callee)
		for _, a := range cl.funcArgs {
			if a.body != nil {
				out = append(out, a.body)
			}
		}
	}
	return out
}

type tarjan struct {
	c     *checker
	next  int
	stack []*fn
}

func (t *tarjan) visit(f *fn) {
	t.next++
	f.scc = sccState{index: t.next, low: t.next, onStack: true}
	t.stack = append(t.stack, f)
	for _, g := range callees(f) {
		switch {
		case g.scc.index == 0:
			t.visit(g)
			f.scc.low = min(f.scc.low, g.scc.low)
		case g.scc.onStack:
			f.scc.low = min(f.scc.low, g.scc.index)
		}
	}
	if f.scc.low != f.scc.index {
		return
	}
	i := len(t.stack) - 1
	for t.stack[i] != f {
		i--
	}
	component := t.stack[i:]
	t.stack = t.stack[:i]
	for _, g := range component {
		g.scc.onStack = false
	}
	t.c.solve(component)
}

// solve brings the summaries of one strongly connected component to
// their fixed point; every callee outside it is already final.
func (c *checker) solve(component []*fn) {
	if len(component) == 1 {
		f := component[0]
		f.sum = c.evaluate(f)
		if !calls(f, f) {
			return
		}
	}
	in := make(map[*fn]bool, len(component))
	for _, f := range component {
		in[f] = true
	}
	callers := make(map[*fn][]*fn)
	for _, f := range component {
		for _, g := range callees(f) {
			if in[g] {
				callers[g] = append(callers[g], f)
			}
		}
	}
	queued := make(map[*fn]bool, len(component))
	work := append([]*fn(nil), component...)
	for _, f := range work {
		queued[f] = true
	}
	for len(work) > 0 {
		f := work[0]
		work = work[1:]
		queued[f] = false
		if !f.sum.raise(c.evaluate(f)) {
			continue
		}
		for _, g := range callers[f] {
			if !queued[g] {
				queued[g] = true
				work = append(work, g)
			}
		}
	}
}

// calls reports whether f calls g directly.
func calls(f, g *fn) bool {
	for _, h := range callees(f) {
		if h == g {
			return true
		}
	}
	return false
}

// evaluate computes f's summary from its operations and the current
// summaries of its callees.
func (c *checker) evaluate(f *fn) Summary {
	s := Summary{SyncParams: f.paramCalls, Hot: f.hotpath, Releases: c.releasedSlot(f), Spawns: f.obj != nil && c.startsOwnParam(f)}
	if f.nonblocking {
		return s // the user's word wins over the analysis
	}
	for _, o := range f.ops {
		switch {
		case o.bound == unbounded:
			t := Summary{Blocks: MayBlockForever, NilGuard: c.nilGuard(f, o.nonNil), SendsOn: c.sendsOn(f, o),
				TrueGuard: c.boolGuards(f, o.bools, true), FalseGuard: c.boolGuards(f, o.bools, false),
				Acquires: c.acquiredSlot(f, o), AfterStop: c.sendsUntilStop(o), ZeroGuard: c.paramBits(f, o.zeros, isNumeric)}
			if s.Blocks < MayBlockForever {
				t.Witness = o.witness(c.pass.Fset) // the first one stays
			}
			s.raise(t)
		case o.bound >= 0:
			s.raise(Summary{Blocks: UntilCtxDone, CtxParam: int(o.bound)})
		}
	}
	for _, cl := range f.calls {
		s.raise(c.callEffect(f, cl))
	}
	return s
}

// callEffect is what the call cl does to its caller f's summary, given
// the callee's current summary.
func (c *checker) callEffect(f *fn, cl *call) Summary {
	callee := cl.callee.sum
	var s Summary
	switch {
	case callee.Blocks == MayBlockForever && c.spared(f, cl.expr, callee):
		// Blocks only with what this call does not give it.
	case callee.Blocks == MayBlockForever:
		guard := c.nilGuard(f, cl.nonNil) | c.passedGuard(f, cl, callee.NilGuard)
		s = Summary{Blocks: MayBlockForever, Witness: callee.Witness.through(c.frame(cl.callee, cl), cl.held),
			NilGuard: guard, SendsOn: c.passedGuard(f, cl, callee.SendsOn), AfterStop: callee.AfterStop,
			TrueGuard:  c.boolGuards(f, cl.bools, true) | c.passedBits(f, cl, callee.TrueGuard, isBool),
			FalseGuard: c.boolGuards(f, cl.bools, false) | c.passedBits(f, cl, callee.FalseGuard, isBool),
			ZeroGuard:  c.paramBits(f, cl.zeros, isNumeric) | c.passedBits(f, cl, callee.ZeroGuard, isNumeric)}
	case callee.Blocks == UntilCtxDone:
		s = c.ctxEffect(f, cl, callee.CtxParam)
	}
	for _, a := range cl.funcArgs {
		if callee.SyncParams&(1<<a.index) == 0 {
			continue
		}
		if a.body != nil && a.body.sum.Blocks == MayBlockForever {
			s.raise(Summary{Blocks: MayBlockForever, Witness: a.body.sum.Witness.through(c.frame(a.body, cl), cl.held)})
		}
		if a.param >= 0 {
			s.SyncParams |= 1 << a.param
		}
	}
	return s
}

// ctxEffect is the effect of calling a function that waits until its
// ctxParam-th argument is done.
func (c *checker) ctxEffect(f *fn, cl *call, ctxParam int) Summary {
	arg := argAt(c.pass.TypesInfo, cl.expr, ctxParam)
	if arg == nil {
		return Summary{}
	}
	switch b := c.ctxOrigin(f, arg, 0).bound(); {
	case b == unbounded:
		w := &Witness{
			Check: CheckCtx,
			What:  "call to " + cl.callee.qual + " with " + exprString(arg),
			Why:   whyBackground,
			Pos:   shortPos(c.pass.Fset, cl.expr.Pos()),
		}
		return Summary{Blocks: MayBlockForever, Witness: w}
	case b >= 0:
		return Summary{Blocks: UntilCtxDone, CtxParam: int(b)}
	}
	return Summary{}
}

// frame is the witness frame of a call to callee.
func (c *checker) frame(callee *fn, cl *call) Frame {
	return Frame{Func: callee.qual, Pos: shortPos(c.pass.Fset, cl.expr.Pos())}
}

// raise merges t into s, keeping s's witness when both may block
// forever, and reports whether s changed.
func (s *Summary) raise(t Summary) bool {
	changed := false
	if t.Blocks > s.Blocks {
		s.Blocks, s.CtxParam, s.Witness = t.Blocks, t.CtxParam, t.Witness
		s.NilGuard, s.SendsOn, s.TrueGuard, s.FalseGuard = t.NilGuard, t.SendsOn, t.TrueGuard, t.FalseGuard
		s.ZeroGuard, s.Acquires, s.AfterStop = t.ZeroGuard, t.Acquires, t.AfterStop
		changed = true
	} else if t.Blocks == MayBlockForever && s.Blocks == MayBlockForever && s.narrowGuards(t) {
		changed = true
	}
	if bits := s.SyncParams | t.SyncParams; bits != s.SyncParams {
		s.SyncParams = bits
		changed = true
	}
	if t.Hot && !s.Hot {
		s.Hot = true
		changed = true
	}
	if t.Spawns && !s.Spawns {
		s.Spawns = true
		changed = true
	}
	if t.Releases != "" && s.Releases == "" {
		s.Releases = t.Releases
		changed = true
	}
	return changed
}

// narrowGuards keeps the parameter guards that t shares with s (every
// way to block must be guarded, so the guards only shrink), and reports
// whether any changed.
func (s *Summary) narrowGuards(t Summary) bool {
	before := [5]uint64{s.NilGuard, s.SendsOn, s.TrueGuard, s.FalseGuard, s.ZeroGuard}
	s.NilGuard &= t.NilGuard
	s.SendsOn &= t.SendsOn
	s.TrueGuard &= t.TrueGuard
	s.FalseGuard &= t.FalseGuard
	s.ZeroGuard &= t.ZeroGuard
	acquires, afterStop := s.Acquires, s.AfterStop
	if s.Acquires != t.Acquires {
		s.Acquires = ""
	}
	s.AfterStop = s.AfterStop && t.AfterStop
	return before != [5]uint64{s.NilGuard, s.SendsOn, s.TrueGuard, s.FalseGuard, s.ZeroGuard} ||
		acquires != s.Acquires || afterStop != s.AfterStop
}
