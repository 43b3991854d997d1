package analyzer

import (
	"go/token"
	"slices"
	"strings"
)

// A hop is one step of a hot path inside the package: the root itself,
// or a call from the previous hop's body to f. Each hop remembers the
// first hops of its path, so that a message names a path of any depth
// in constant time: only its beginning and its end are shown.
type hop struct {
	f    *fn
	from *hop
	at   token.Pos // the call, in from's body
	held []string  // mutexes the callers hold

	depth int // calls from the root
	shown int // hops up to this one that a message names
	// head and shownHead are the first hops of the path, and the first
	// of those a message names.
	head, shownHead [3]*hop
}

// rootHop returns the first hop of root r's path.
func rootHop(f *fn) *hop {
	h := &hop{f: f, shown: 1}
	h.head[0], h.shownHead[0] = h, h
	return h
}

// next returns the hop into callee through the call cl from h's body.
func (h *hop) next(callee *fn, cl *call) *hop {
	held := h.held
	for _, mu := range cl.held {
		held = append(without(held, mu), mu)
	}
	n := &hop{f: callee, from: h, at: cl.expr.Pos(), held: held,
		depth: h.depth + 1, shown: h.shown, head: h.head, shownHead: h.shownHead}
	if n.depth < len(n.head) {
		n.head[n.depth] = n
	}
	if callee.lit == nil { // a literal reads as part of the body that holds it
		if n.shown < len(n.shownHead) {
			n.shownHead[n.shown] = n
		}
		n.shown++
	}
	return n
}

// isShown reports whether a message names this hop.
func (h *hop) isShown() bool { return h.from == nil || h.f.lit == nil }

// lastShown returns the names of the last k hops a message names, in
// path order, the root's as r.
func (h *hop) lastShown(k int, r root) []string {
	var out []string
	for ; h != nil && len(out) < k; h = h.from {
		if !h.isShown() {
			continue
		}
		name := h.f.name
		if h.from == nil {
			name = r.String()
		}
		out = append(out, name)
	}
	slices.Reverse(out)
	return out
}

// path describes the hot path for a message: the root, then the calls,
// and beyond them the calls in other packages; when there are more than
// maxPath names, the middle is elided, so that a message stays one
// readable line however deep the calls go.
func (h *hop) path(r root, beyond ...string) string {
	total := h.shown + len(beyond)
	if total <= maxPath {
		return strings.Join(append(h.lastShown(h.shown, r), beyond...), " → ")
	}
	var first []string
	for _, s := range h.shownHead {
		if s != nil && len(first) < 3 {
			first = append(first, s.lastShown(1, r)...)
		}
	}
	first = append(first, beyond[:max(0, min(len(beyond), 3-len(first)))]...)
	const tail = maxPath - 4
	var last []string
	if len(beyond) >= tail {
		last = beyond[len(beyond)-tail:]
	} else {
		last = append(h.lastShown(tail-len(beyond), r), beyond...)
	}
	return strings.Join(first, " → ") + " → … → " + strings.Join(last, " → ")
}

// maxPath bounds the names a message's hot path shows.
const maxPath = 8

// reportHotPaths walks the package's call graph from each root, breadth
// first so that each operation is reported with its shortest path, and
// reports every operation and call on the way that may block forever.
// An operation reached from several roots is reported once, for the
// first root in source order.
func (c *checker) reportHotPaths(roots []root, rep *reporter) {
	seen := make(map[*fn]bool)
	for _, r := range roots {
		queue := []*hop{rootHop(r.f)}
		for len(queue) > 0 {
			h := queue[0]
			queue = queue[1:]
			if seen[h.f] {
				continue
			}
			seen[h.f] = true
			for _, o := range h.f.ops {
				if o.bound == unbounded && !o.loopWait {
					rep.op(r, h, o, c.fixFor(r, h, o))
				}
			}
			for _, cl := range h.f.calls {
				queue = c.follow(r, h, cl, rep, queue)
			}
		}
	}
	c.reportFanOuts(rep)
}

// reportFanOuts reports every fan-out send that nothing bounds, hot path
// or not: one stalled subscriber stalls them all wherever it runs.
func (c *checker) reportFanOuts(rep *reporter) {
	for _, f := range c.funcs {
		for _, o := range f.ops {
			if o.fanout != "" && o.bound == unbounded {
				rep.op(root{f: f, kind: kindFanOut}, rootHop(f), o, nil)
			}
		}
	}
}

// follow handles one call on a hot path: it queues the callee (and any
// function value the callee runs) when it may block forever, and reports
// a never-done context passed where the callee waits for it.
func (c *checker) follow(r root, h *hop, cl *call, rep *reporter, queue []*hop) []*hop {
	callee := cl.callee.sum
	switch callee.Blocks {
	case MayBlockForever:
		if !c.spared(h.f, cl.expr, callee) {
			queue = append(queue, h.next(cl.callee, cl))
		}
	case UntilCtxDone:
		if eff := c.ctxEffect(h.f, cl, callee.CtxParam); eff.Blocks == MayBlockForever {
			rep.ctxCall(r, h, cl, eff.Witness, c.localCtxFix(r, h, cl, callee.CtxParam))
		}
	}
	for _, a := range cl.funcArgs {
		if callee.SyncParams&(1<<a.index) != 0 && a.body != nil && a.body.sum.Blocks == MayBlockForever {
			queue = append(queue, h.next(a.body, cl))
		}
	}
	return queue
}
