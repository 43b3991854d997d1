package analyzer

import (
	"go/token"
	"strings"
)

// A hop is one step of a hot path inside the package: the root itself,
// or a call from the previous hop's body to f.
type hop struct {
	f    *fn
	from *hop
	at   token.Pos // the call, in from's body
	held []string  // mutexes the callers hold
}

// next returns the hop into callee through the call cl from h's body.
func (h *hop) next(callee *fn, cl *call) *hop {
	held := h.held
	for _, mu := range cl.held {
		held = append(without(held, mu), mu)
	}
	return &hop{f: callee, from: h, at: cl.expr.Pos(), held: held}
}

// names returns the hot path as function names, from the root down.
func (h *hop) names() []string {
	var out []string
	for ; h != nil; h = h.from {
		if h.f.lit != nil && h.from != nil {
			continue // a literal reads as part of the body that holds it
		}
		out = append(out, h.f.name)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// path describes the hot path for a message: the root, then the calls,
// the middle elided when it is long, so that a message stays one
// readable line however deep the calls go.
func (h *hop) path(r root, beyond ...string) string {
	names := append(h.names(), beyond...)
	names[0] = r.String()
	return strings.Join(elide(names, maxPath, "…"), " → ")
}

// maxPath bounds the names a message's hot path shows.
const maxPath = 8

// elide keeps the first three and the last max-4 of items, with "…"
// between them, when there are more than max.
func elide[T any](items []T, max int, gap ...T) []T {
	if len(items) <= max {
		return items
	}
	out := append([]T(nil), items[:3]...)
	out = append(out, gap...)
	return append(out, items[len(items)-(max-4):]...)
}

// reportHotPaths walks the package's call graph from each root, breadth
// first so that each operation is reported with its shortest path, and
// reports every operation and call on the way that may block forever.
// An operation reached from several roots is reported once, for the
// first root in source order.
func (c *checker) reportHotPaths(roots []root, rep *reporter) {
	seen := make(map[*fn]bool)
	for _, r := range roots {
		queue := []*hop{{f: r.f}}
		for len(queue) > 0 {
			h := queue[0]
			queue = queue[1:]
			if seen[h.f] {
				continue
			}
			seen[h.f] = true
			for _, o := range h.f.ops {
				if o.bound == unbounded {
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
				rep.op(root{f: f, kind: kindFanOut}, &hop{f: f}, o, nil)
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
		queue = append(queue, h.next(cl.callee, cl))
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
