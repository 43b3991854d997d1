package analyzer

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"
)

// Handoffs: the R1 protocol across packages. A package that owns a
// request channel often hands it to another package, which does the
// requesting: alertmanager's app passes its reload channel to the HTTP
// package's Register, prometheus's web package hands its reload channel
// out through an accessor for main's loop to serve. The Requests fact
// says what the other side of such a handoff does with the channel.
// Requests also travel as values of another package's type, whose
// sender waits on its reply field (go-ethereum's eth.Response, answered
// by the downloader): the AwaitedReply fact says so of the field.

// Requests is the fact hotblock exports for a function that takes or
// hands out a request channel of the R1 protocol: a channel of reply
// channels, every send on which is followed at once by an unconditional
// receive of the reply sent.
type Requests struct {
	// Params has bit i set when the function's i-th parameter is such a
	// channel: it sends requests on it, and waits for each reply.
	Params uint64
	// Result: the function returns a receive-only channel of its package
	// on which only such requests are sent. Its callers can only serve it.
	Result bool
}

// AFact marks Requests as an analysis fact.
func (*Requests) AFact() {}

// String describes the fact, as analysistest's fact expectations see it.
func (r *Requests) String() string {
	var parts []string
	for i := range 64 {
		if r.Params&(1<<i) != 0 {
			parts = append(parts, "requests on parameter "+strconv.Itoa(i))
		}
	}
	if r.Result {
		parts = append(parts, "hands out a request channel")
	}
	return strings.Join(parts, "; ")
}

// requestsFact computes f's Requests fact; ok is false when there is
// nothing to say.
func (c *checker) requestsFact(f *fn) (r Requests, ok bool) {
	params := f.sig.Params()
	for i := range min(params.Len(), 64) {
		p := params.At(i)
		if isChanOfChans(p.Type()) && c.everyRequestAwaits(p) {
			r.Params |= 1 << i
		}
	}
	r.Result = c.returnsRequests(f)
	return r, r.Params != 0 || r.Result
}

// everyRequestAwaits reports whether q has requesters and each of them,
// in this package or in a function it hands q to, waits for the reply.
func (c *checker) everyRequestAwaits(q types.Object) bool {
	sites := c.requestSites(q)
	if len(sites)+c.chans.handedOff[q] == 0 {
		return false
	}
	for _, site := range sites {
		if !c.awaitsReply(site, nil) {
			return false
		}
	}
	return true
}

// returnsRequests reports whether f's body is `return x.q`, where q is a
// request channel field of this package that only requesters waiting for
// their replies send on, and the result is receive-only.
func (c *checker) returnsRequests(f *fn) bool {
	res := f.sig.Results()
	if f.body == nil || res.Len() != 1 || len(f.body.List) != 1 {
		return false
	}
	ch, ok := types.Unalias(res.At(0).Type()).Underlying().(*types.Chan)
	if !ok || ch.Dir() != types.RecvOnly || !isChanOfChans(ch) {
		return false
	}
	ret, ok := f.body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return false
	}
	q, ok := chanID(c.pass.TypesInfo, ret.Results[0]).(*types.Var)
	return ok && q.IsField() && !q.Exported() && c.everyRequestAwaits(q)
}

// noteHandoff records the request channels a call hands to a function of
// another package that sends requests on them and awaits each reply.
func (w *walker) noteHandoff(e *ast.CallExpr, callee *types.Func) {
	var r Requests
	if !w.c.pass.ImportObjectFact(callee, &r) || r.Params == 0 {
		return
	}
	info := w.c.pass.TypesInfo
	for i := range min(len(e.Args), 64) {
		if r.Params&(1<<i) == 0 {
			continue
		}
		if id := chanID(info, argAt(info, e, i)); id != nil {
			w.c.chans.handedOff[id]++
		}
	}
}

// servedRequests returns the function whose call ch is, when that
// function hands out a request channel (the Requests fact's Result).
func (c *checker) servedRequests(ch ast.Expr) types.Object {
	call, ok := ast.Unparen(ch).(*ast.CallExpr)
	if !ok {
		return nil
	}
	callee := c.calleeOf(call)
	if callee == nil {
		return nil
	}
	var r Requests
	if c.pass.ImportObjectFact(callee, &r) && r.Result {
		return callee
	}
	return nil
}

// isChanOfChans reports whether t is a channel whose elements are
// channels: the request channel of the R1 protocol.
func isChanOfChans(t types.Type) bool {
	c, ok := types.Unalias(t).Underlying().(*types.Chan)
	return ok && isChan(c.Elem())
}

// AwaitedReply is the fact hotblock exports for a channel field of a
// request type: every value of the type that its package sends, on any
// channel, is followed at once by an unconditional receive of the field.
// A package that receives such a request may answer it with a bare send.
type AwaitedReply struct{}

// AFact marks AwaitedReply as an analysis fact.
func (*AwaitedReply) AFact() {}

// String describes the fact, as analysistest's fact expectations see it.
func (*AwaitedReply) String() string { return "awaited reply" }

// exportAwaitedReplies exports AwaitedReply for the exported reply fields
// of the package's exported request types: other packages can answer
// only those.
func (c *checker) exportAwaitedReplies() {
	for _, n := range c.chans.requestTypes {
		if n.Obj().Pkg() != c.pass.Pkg || !n.Obj().Exported() {
			continue // only this package can answer
		}
		st := n.Underlying().(*types.Struct)
		for i := range st.NumFields() {
			f := st.Field(i)
			if f.Exported() && isChan(f.Type()) && c.everySiteAwaits(c.chans.requestsOf[n], f, nil) {
				c.pass.ExportObjectFact(f, new(AwaitedReply))
			}
		}
	}
}

// everySiteAwaits reports whether there are sites and each awaits field
// or, with reply, wants no answer (see requestersWait).
func (c *checker) everySiteAwaits(sites []request, field *types.Var, reply *ast.SendStmt) bool {
	for _, site := range sites {
		if !c.awaitsReply(site, field) && !c.noReplyWanted(site, field, reply) {
			return false
		}
	}
	return len(sites) > 0
}

// awaitedElsewhere reports whether field is the reply field of a request
// type t of another package whose sends there all await it, and every
// send of t in this package awaits it too or carries room for it.
func (c *checker) awaitedElsewhere(t types.Type, field *types.Var) bool {
	n := structNamed(t)
	if n == nil || n.Obj().Pkg() == c.pass.Pkg || !c.pass.ImportObjectFact(field, new(AwaitedReply)) {
		return false
	}
	for _, site := range c.chans.requestsOf[n] {
		if !c.awaitsReply(site, field) && !c.carriesRoom(site, field) {
			return false
		}
	}
	return true
}
