package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Replies: a send that answers a request is safe when the requester is
// sure to take the answer (R1) or the answer always has room (R2).

type receipt struct {
	from  types.Object
	loops int
}

// A request is one send: the value sent and the statement that runs next
// on the sender's path.
type request struct {
	value ast.Expr
	next  ast.Stmt
}

// noteMessage records the named struct type a channel of type t carries,
// and which of its fields are channels.
func (ch *channels) noteMessage(t types.Type) {
	if t == nil {
		return // ill-typed
	}
	c, ok := types.Unalias(t).Underlying().(*types.Chan)
	if !ok {
		return
	}
	elem := c.Elem()
	if p, ok := types.Unalias(elem).(*types.Pointer); ok {
		elem = p.Elem()
	}
	n, ok := types.Unalias(elem).(*types.Named)
	if !ok || ch.messages[n] {
		return
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return
	}
	ch.messages[n] = true
	for i := range st.NumFields() {
		if f := st.Field(i); isChan(f.Type()) {
			ch.fieldOwner[f] = n
		}
	}
}

// noteRequest records a send on ch of value, followed by next.
func (w *walker) noteRequest(ch, value ast.Expr, next ast.Stmt) {
	info := w.c.pass.TypesInfo
	if id := chanID(info, ch); id != nil {
		w.c.chans.requests[id] = append(w.c.chans.requests[id], request{value, next})
	}
	if n := structNamed(info.TypeOf(value)); n != nil {
		w.c.chans.requestsOf[n] = append(w.c.chans.requestsOf[n], request{value, next})
	}
}

// structNamed returns the named struct type t is, or points to, or nil.
func structNamed(t types.Type) *types.Named {
	if t == nil {
		return nil
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil
	}
	if _, ok := n.Underlying().(*types.Struct); !ok {
		return nil
	}
	return n
}

// noteReceipt records that lhs holds a value received from ch.
func (w *walker) noteReceipt(lhs ast.Expr, ch ast.Expr) {
	info := w.c.pass.TypesInfo
	v := localVar(info, lhs)
	id := chanID(info, ch)
	if id == nil {
		id = w.c.servedRequests(ch)
	}
	if v != nil && id != nil {
		w.c.chans.received[v] = receipt{from: id, loops: w.loops}
	}
	if w.f.goroutine {
		w.noteRelease(ch)
	}
}

// isReply reports whether s answers a received request: R2 when the
// reply slot always has room and this handling answers once, R1 when
// every requester waits for the reply. loops is the send's loop depth,
// caseLoops that of the handling around it.
func (c *checker) isReply(s *ast.SendStmt, loops, caseLoops int) bool {
	info := c.pass.TypesInfo
	switch ch := ast.Unparen(s.Chan).(type) {
	case *ast.Ident: // a channel received from a channel of channels
		r, ok := c.chans.received[localVar(info, ch)]
		return ok && c.requestersWait(r.from, nil)
	case *ast.SelectorExpr: // the reply field of a request
		field, isField := info.Uses[ch.Sel].(*types.Var)
		if !isField {
			return false
		}
		if base, ok := ast.Unparen(ch.X).(*ast.Ident); ok {
			if r, received := c.chans.received[localVar(info, base)]; received {
				if c.chans.roomy[field] && loops == r.loops {
					return true // R2
				}
				if c.requestersWait(r.from, field) {
					return true // R1
				}
			}
		}
		if c.everySenderWaits(info.TypeOf(ch.X), field) {
			return true // R1, whatever channel carries the request
		}
		// R2 for a request reached otherwise (an argument, a list of
		// pending requests): a message type, sent over channels, whose
		// reply slots always have room, answered once per handling, or
		// once per element of the list it ranges over.
		if !c.chans.roomy[field] || c.owner(field) == nil {
			return false
		}
		if base, ok := ast.Unparen(ch.X).(*ast.Ident); ok {
			if d, ok := c.chans.elements[localVar(info, base)]; ok && loops == d {
				return true
			}
		}
		return loops == caseLoops
	}
	return false
}

// owner returns the struct type that declares field, from the package's
// message types, or nil.
func (c *checker) owner(field *types.Var) types.Type {
	return c.chans.fieldOwner[field]
}

// requestersWait reports whether every send on the request channel q is
// followed at once by an unconditional receive of its reply: the value
// sent itself (field nil) or its field. q must be unexported, so that
// every requester is in this package.
func (c *checker) requestersWait(q types.Object, field *types.Var) bool {
	if field == nil {
		if _, served := q.(*types.Func); served {
			return true // handed out by servedRequests
		}
		return !q.Exported() && c.everyRequestAwaits(q)
	}
	sites := c.requestSites(q)
	if q.Exported() || len(sites) == 0 {
		return false
	}
	for _, site := range sites {
		if !c.awaitsReply(site, field) {
			return false
		}
	}
	return true
}

// awaitsReply reports whether a request site receives its reply next:
// from the value sent (field nil), from its field, or from the variable
// that a composite literal sent puts in that field.
func (c *checker) awaitsReply(site request, field *types.Var) bool {
	info := c.pass.TypesInfo
	got := receivedChan(site.next)
	if got == nil {
		return false
	}
	if v := localVar(info, site.value); v != nil {
		if field == nil {
			return localVar(info, got) == v
		}
		sel, ok := ast.Unparen(got).(*ast.SelectorExpr)
		return ok && localVar(info, sel.X) == v && info.Uses[sel.Sel] == field
	}
	if field == nil {
		return false
	}
	value := ast.Unparen(site.value)
	if u, ok := value.(*ast.UnaryExpr); ok && u.Op == token.AND {
		value = ast.Unparen(u.X)
	}
	lit, ok := value.(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if key, ok := kv.Key.(*ast.Ident); ok && info.Uses[key] == field {
			v := localVar(info, kv.Value)
			return v != nil && localVar(info, got) == v
		}
	}
	return false
}

// requestSites returns the sends on q: those on q itself, and those on a
// channel parameter of a function of the package that some call gives q
// (checkpoint(c, srv.handshake) sending on its parameter stage).
func (c *checker) requestSites(q types.Object) []request {
	sites := c.chans.requests[q]
	info := c.pass.TypesInfo
	for _, f := range c.funcs {
		for _, cl := range f.calls {
			params := cl.callee.sig.Params()
			for i := range params.Len() {
				p := params.At(i)
				if !isChan(p.Type()) || len(c.chans.requests[p]) == 0 {
					continue
				}
				if arg := argAt(info, cl.expr, i); arg != nil && chanID(info, arg) == q {
					sites = append(sites, c.chans.requests[p]...)
				}
			}
		}
	}
	return sites
}

// everySenderWaits reports whether every send, on any channel, of a
// request of type t (a struct the package declares, with an unexported
// reply field) is followed at once by an unconditional receive of that
// reply field: the request travels through parameters, but each
// requester waits for its answer.
func (c *checker) everySenderWaits(t types.Type, field *types.Var) bool {
	n := structNamed(t)
	if n == nil || field.Exported() || n.Obj().Pkg() != c.pass.Pkg {
		return false
	}
	sites := c.chans.requestsOf[n]
	if len(sites) == 0 {
		return false
	}
	for _, site := range sites {
		if !c.awaitsReply(site, field) {
			return false
		}
	}
	return true
}

// repliesOnHandling reports whether a send on y, made while handling a
// request received from q, is awaited by every requester: each sends on
// q and then receives from y (a reply channel beside the request channel).
func (c *checker) repliesOnHandling(q, y types.Object) bool {
	sites := c.chans.requests[q]
	if q == nil || y == nil || q.Exported() || len(sites) == 0 {
		return false
	}
	for _, site := range sites {
		if got := receivedChan(site.next); got == nil || chanID(c.pass.TypesInfo, got) != y {
			return false
		}
	}
	return true
}

// receivedChan returns the channel stmt receives from unconditionally:
// <-c, x := <-c, return <-c, f(<-c), or the init of an if or switch
// doing so.
func receivedChan(stmt ast.Stmt) ast.Expr {
	var e ast.Expr
	switch s := stmt.(type) {
	case *ast.IfStmt:
		return receivedChan(s.Init)
	case *ast.SwitchStmt:
		return receivedChan(s.Init)
	case *ast.ExprStmt:
		e = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			e = s.Rhs[0]
		}
	case *ast.ReturnStmt:
		if len(s.Results) > 0 {
			e = s.Results[0]
		}
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		// f(<-c): arguments are received before the call is made.
		for _, arg := range call.Args {
			if u, ok := ast.Unparen(arg).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				return u.X
			}
		}
	}
	return nil
}
