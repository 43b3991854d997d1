package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/astutil"
)

// Replies: a send that answers a request is safe when the requester is
// sure to take the answer (R1) or the answer always has room (R2).

type receipt struct {
	from  types.Object
	loops int
}

// A request is one send: the channel, the value sent, the statement that
// runs next on the sender's path, and the locals of the declaration that
// sends it.
type request struct {
	ch, value ast.Expr
	next      ast.Stmt
	// before holds the statements before the send in its list.
	before []ast.Stmt
	scope  *scope
	// granted is the channel whose send case the request is made in;
	// handling, the channel whose received value it handles, at loops
	// as deep as the handling began (caseLoops) or deeper, in body f.
	granted, handling types.Object
	loops, caseLoops  int
	f                 *fn
	// oneShot is the one-shot flag that guards the request, if any.
	oneShot *oneShot
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
	ch.noteMessageType(c.Elem())
}

// noteMessageType records t, or the type it points to, as a message type
// when it is a named struct: a value of it travels over a channel (one of
// its own type, or of interface{}, told apart by a type switch).
func (ch *channels) noteMessageType(t types.Type) {
	n := structNamed(t)
	if n == nil || ch.messages[n] {
		return
	}
	st := n.Underlying().(*types.Struct)
	ch.messages[n] = true
	for i := range st.NumFields() {
		if f := st.Field(i); isChan(f.Type()) {
			ch.fieldOwner[f] = n
		}
	}
}

// noteRequest records a send on ch of value, followed by next and, for a
// send statement, preceded by the statements before of its list.
func (w *walker) noteRequest(ch, value ast.Expr, next ast.Stmt, before []ast.Stmt) {
	if w.region {
		return // walked, and noted, with its function
	}
	info := w.c.pass.TypesInfo
	r := request{ch, value, next, before, w.f.scope, w.granted, w.handling, w.loops, w.caseLoops, w.f, w.oneShot}
	if id := chanID(info, ch); id != nil {
		w.c.chans.requests[id] = append(w.c.chans.requests[id], r)
	}
	if w.builtToSend(value) {
		w.c.chans.noteMessageType(info.TypeOf(value))
	}
	if n := structNamed(info.TypeOf(value)); n != nil {
		if _, seen := w.c.chans.requestsOf[n]; !seen {
			w.c.chans.requestTypes = append(w.c.chans.requestTypes, n)
		}
		w.c.chans.requestsOf[n] = append(w.c.chans.requestsOf[n], r)
	}
}

// builtToSend reports whether value is a request built to be sent: a
// composite literal, a local defined once as one, or a variable whose
// channel fields the declaration sets before the send (req.err =
// make(chan error, 1); ch <- req: lnd's funding reservations, handed in
// by the caller). A long-lived value sent over a channel of interface{}
// (a client converted to a registration type, (*registerClient)(wsc))
// is no request: its channel fields are its queues, not reply slots.
func (w *walker) builtToSend(value ast.Expr) bool {
	info := w.c.pass.TypesInfo
	if v := localVar(info, value); v != nil {
		if w.preparedToSend(v, value.Pos()) {
			return true
		}
		value = w.f.scope.def(info, v)
	}
	if value == nil {
		return false
	}
	value = ast.Unparen(value)
	if u, ok := value.(*ast.UnaryExpr); ok && u.Op == token.AND {
		value = ast.Unparen(u.X)
	}
	_, ok := value.(*ast.CompositeLit)
	return ok
}

// preparedToSend reports whether the declaration being walked gives v a
// fresh channel in one of its fields, before pos, where v is sent.
func (w *walker) preparedToSend(v *types.Var, pos token.Pos) bool {
	if !hasChanField(v.Type()) {
		return false // no reply slot to prepare; spare the walk
	}
	first := w.f.scope.firstSlotMade(w.c.pass.TypesInfo, v)
	return first.IsValid() && first < pos
}

// firstSlotMade returns where the declaration first sets a channel field
// of v to a channel it makes (v.err = make(chan error, 1)), or NoPos.
func (s *scope) firstSlotMade(info *types.Info, v *types.Var) token.Pos {
	if pos, ok := s.slotsMade[v]; ok {
		return pos
	}
	if s.slotsMade == nil {
		s.slotsMade = make(map[*types.Var]token.Pos)
	}
	first := token.NoPos
	ast.Inspect(s.body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if first.IsValid() || !ok || len(as.Lhs) != len(as.Rhs) {
			return !first.IsValid()
		}
		for i, lhs := range as.Lhs {
			sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
			if ok && localVar(info, sel.X) == v && isChan(info.TypeOf(sel)) && isMake(info, as.Rhs[i]) {
				first = as.Pos()
			}
		}
		return false
	})
	s.slotsMade[v] = first
	return first
}

// hasChanField reports whether t is, or points to, a named struct with a
// channel field.
func hasChanField(t types.Type) bool {
	n := structNamed(t)
	if n == nil {
		return false
	}
	st := n.Underlying().(*types.Struct)
	for i := range st.NumFields() {
		if isChan(st.Field(i).Type()) {
			return true
		}
	}
	return false
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

// isReply reports whether s, the send of o, answers a received request:
// R2 when the reply slot always has room and this handling answers once,
// R1 when every requester waits for the reply.
func (c *checker) isReply(f *fn, s *ast.SendStmt, o *op) bool {
	loops, caseLoops := o.loops, o.caseLoops
	info := c.pass.TypesInfo
	switch ch := ast.Unparen(s.Chan).(type) {
	case *ast.Ident: // a channel received from a channel of channels
		r, ok := c.chans.received[localVar(info, ch)]
		return ok && c.requestersWait(r.from, nil, nil)
	case *ast.SelectorExpr: // the reply field of a request
		field, isField := info.Uses[ch.Sel].(*types.Var)
		if !isField {
			return false
		}
		if base, ok := ast.Unparen(ch.X).(*ast.Ident); ok {
			if r, received := c.chans.received[localVar(info, base)]; received {
				if (c.roomySlot(field) || c.roomyElsewhere(info.TypeOf(base), field)) && (loops == r.loops || c.answersOncePerPath(f, s)) {
					return true // R2
				}
				if c.requestersWait(r.from, field, s) {
					return true // R1
				}
			}
		}
		if c.everySenderWaits(info.TypeOf(ch.X), field, s) {
			return true // R1, whatever channel carries the request
		}
		if base, ok := ast.Unparen(ch.X).(*ast.Ident); ok && c.awaitedElsewhere(info.TypeOf(base), field) {
			if _, received := c.chans.received[localVar(info, base)]; received {
				return true // R1 for a request type of another package
			}
		}
		// R2 for a request reached otherwise (an argument, a list of
		// pending requests): a message type, sent over channels, whose
		// reply slots always have room, answered once per handling, or
		// once per element of the list it ranges over. A field made with
		// room for many is a queue (a client's outbound messages), which
		// takes many sends: no reply slot. The type may be another
		// package's, whose requests all carry room (RoomySlot).
		roomy := c.owner(field) != nil && c.roomySlot(field) && !c.chans.queues[field]
		if !roomy && !c.roomyElsewhere(info.TypeOf(ch.X), field) {
			return false
		}
		if base, ok := elementOf(info, fieldBase(info, ch.X)).(*ast.Ident); ok {
			if d, ok := c.chans.elements[localVar(info, base)]; ok && loops == d {
				return true
			}
		}
		return loops == caseLoops || o.answersOnce || c.answersOncePerPath(f, s)
	}
	return false
}

// fieldBase returns the variable a chain of struct fields starts from:
// pd for pd.req, so that the reply slot pd.req.reply belongs to the
// element pd.
func fieldBase(info *types.Info, x ast.Expr) ast.Expr {
	for {
		sel, ok := ast.Unparen(x).(*ast.SelectorExpr)
		if !ok {
			return x
		}
		if v, isVar := info.Uses[sel.Sel].(*types.Var); !isVar || !v.IsField() {
			return x
		}
		x = sel.X
	}
}

// owner returns the struct type that declares field, from the package's
// message types, or nil.
func (c *checker) owner(field *types.Var) types.Type {
	return c.chans.fieldOwner[field]
}

// requestersWait reports whether every send on the request channel q is
// followed at once by an unconditional receive of its reply: the value
// sent itself (field nil) or its field. q must be unexported, so that
// every requester is in this package. A request that wants no reply
// does not count when reply, the answer, is sent only if its slot is not
// nil (nil: such requests count).
func (c *checker) requestersWait(q types.Object, field *types.Var, reply *ast.SendStmt) bool {
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
		if !c.awaitsReply(site, field) && !c.noReplyWanted(site, field, reply) {
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
	sent := site.value
	if v := localVar(info, site.value); v != nil {
		if field == nil {
			return localVar(info, got) == v
		}
		sel, ok := ast.Unparen(got).(*ast.SelectorExpr)
		if ok && localVar(info, sel.X) == v && info.Uses[sel.Sel] == field {
			return true
		}
		// op := &T{errCh: ch}; q <- op; <-ch: the local the request was
		// built from holds the slot.
		if sent = site.scope.def(info, v); sent == nil {
			return false
		}
	}
	if field == nil {
		return false
	}
	if slot, ok := c.literalField(sent, field); ok && slot != nil {
		v := localVar(info, slot)
		return v != nil && localVar(info, got) == v
	}
	return false
}

// literalField returns the value that the composite literal sent, x or
// &x, gives field: nil when it leaves the field out. ok is false when
// the value sent is no composite literal.
func (c *checker) literalField(sent ast.Expr, field *types.Var) (value ast.Expr, ok bool) {
	sent = ast.Unparen(sent)
	if u, isAddr := sent.(*ast.UnaryExpr); isAddr && u.Op == token.AND {
		sent = ast.Unparen(u.X)
	}
	lit, isLit := sent.(*ast.CompositeLit)
	if !isLit {
		return nil, false
	}
	for _, elt := range lit.Elts {
		kv, isKV := elt.(*ast.KeyValueExpr)
		if !isKV {
			return nil, false // positional: leave it to the other rules
		}
		if key, isIdent := kv.Key.(*ast.Ident); isIdent && c.pass.TypesInfo.Uses[key] == field {
			return kv.Value, true
		}
	}
	return nil, true
}

// noReplyWanted reports whether a request site sends a literal whose
// reply field is nil, written so or left out, and reply, the answer, is
// sent only when that field is not nil: the request wants no answer and
// gets none.
func (c *checker) noReplyWanted(site request, field *types.Var, reply *ast.SendStmt) bool {
	if reply == nil {
		return false
	}
	slot, ok := c.literalField(site.value, field)
	if !ok || slot != nil && !isNil(c.pass.TypesInfo, slot) {
		return false
	}
	sel, ok := ast.Unparen(reply.Chan).(*ast.SelectorExpr)
	return ok && c.slotChecked(reply, sel)
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
// requester waits for its answer. reply is as for requestersWait.
func (c *checker) everySenderWaits(t types.Type, field *types.Var, reply *ast.SendStmt) bool {
	n := structNamed(t)
	if n == nil || field.Exported() || n.Obj().Pkg() != c.pass.Pkg {
		return false
	}
	return c.everySiteAwaits(c.chans.requestsOf[n], field, reply)
}

// slotChecked reports whether the reply s sends on slot (x.f) is sent
// only under an if that checks x.f != nil: a request may leave the slot
// nil to ask for no reply.
func (c *checker) slotChecked(s *ast.SendStmt, slot *ast.SelectorExpr) bool {
	info := c.pass.TypesInfo
	base := localVar(info, slot.X)
	if base == nil {
		return false
	}
	fi := c.fileOf(s.Pos())
	if fi == nil {
		return false
	}
	path, _ := astutil.PathEnclosingInterval(fi.file, s.Pos(), s.End())
	for _, n := range path {
		is, ok := n.(*ast.IfStmt)
		if !ok || !(is.Body.Pos() <= s.Pos() && s.End() <= is.Body.End()) {
			continue
		}
		for _, x := range nonNilExprs(info, is.Cond) {
			if sel, ok := ast.Unparen(x).(*ast.SelectorExpr); ok && localVar(info, sel.X) == base && info.Uses[sel.Sel] == info.Uses[slot.Sel] {
				return true
			}
		}
	}
	return false
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
// <-c, x := <-c, return <-c, f(<-c), one of several results or values
// doing so (return id, <-c), or the init of an if or switch doing so.
func receivedChan(stmt ast.Stmt) ast.Expr {
	var values []ast.Expr
	switch s := stmt.(type) {
	case *ast.IfStmt:
		return receivedChan(s.Init)
	case *ast.SwitchStmt:
		return receivedChan(s.Init)
	case *ast.ExprStmt:
		values = []ast.Expr{s.X}
	case *ast.AssignStmt:
		values = s.Rhs
	case *ast.ReturnStmt:
		values = s.Results
	}
	// Every value is evaluated, left to right: a receive among them is
	// awaited.
	for _, e := range values {
		if got := receivedIn(e); got != nil {
			return got
		}
	}
	return nil
}

// receivedIn returns the channel e receives from before it is used:
// <-c, or f(<-c).
func receivedIn(e ast.Expr) ast.Expr {
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

// roomySlot reports whether the reply slot field always has room for its
// one answer: every value stored in it is made with a buffer, or at least
// every request that carries it to a loop is built so, with a channel
// that nothing was sent on before.
func (c *checker) roomySlot(field *types.Var) bool {
	if c.chans.roomy[field] {
		return true
	}
	n, _ := c.owner(field).(*types.Named)
	if n == nil || c.chans.unroomyStores[field] {
		return false
	}
	sites := c.chans.requestsOf[n]
	for _, site := range sites {
		if !c.carriesRoom(site, field) {
			return false
		}
	}
	return len(sites) > 0
}

// carriesRoom reports whether the request sent at site is a composite
// literal, or a local defined once as one, whose field is a channel made
// with room and not yet sent on.
func (c *checker) carriesRoom(site request, field *types.Var) bool {
	info := c.pass.TypesInfo
	if lit := c.sentLiteral(site); lit != nil {
		st, ok := info.TypeOf(lit).Underlying().(*types.Struct)
		if !ok {
			return false
		}
		for i, elt := range lit.Elts {
			if f, slot := structField(st, i, elt); f == field {
				return c.madeWithRoom(site, slot)
			}
		}
	}
	// Not in a literal: the slot may be set before the request goes.
	v := localVar(info, site.value)
	return v != nil && c.setWithRoom(site, v, field)
}

// sentLiteral returns the composite literal a request site sends, x or
// &x, directly or through a local defined once as one, or nil.
func (c *checker) sentLiteral(site request) *ast.CompositeLit {
	info := c.pass.TypesInfo
	value := ast.Unparen(site.value)
	if v := localVar(info, value); v != nil {
		value = ast.Unparen(site.scope.def(info, v))
	}
	if u, ok := value.(*ast.UnaryExpr); ok && u.Op == token.AND {
		value = ast.Unparen(u.X)
	}
	lit, _ := value.(*ast.CompositeLit)
	return lit
}

// setWithRoom reports whether the declaration that sends the request v
// at site sets v.field, before the send, to a channel made with room.
func (c *checker) setWithRoom(site request, v *types.Var, field *types.Var) bool {
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(site.scope.body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || found || len(as.Lhs) != len(as.Rhs) || as.Pos() > site.value.Pos() {
			return !found
		}
		for i, lhs := range as.Lhs {
			sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
			if ok && info.Uses[sel.Sel] == field && localVar(info, sel.X) == v && c.madeWithRoom(site, as.Rhs[i]) {
				found = true
			}
		}
		return !found
	})
	return found
}

// madeWithRoom reports whether slot, stored in a request sent at site, is
// make(chan T, k) with constant k ≥ 1, or a local defined once so that
// nothing sends on before the request is sent.
func (c *checker) madeWithRoom(site request, slot ast.Expr) bool {
	if c.roomyIn(site.scope, slot) {
		return true
	}
	info := c.pass.TypesInfo
	v := localVar(info, slot)
	if v == nil || !c.roomyIn(site.scope, site.scope.def(info, v)) && !site.scope.roomForEach(info, v) {
		return false
	}
	for _, earlier := range c.chans.requests[v] {
		if earlier.value.Pos() < site.value.Pos() {
			return false // filled before it travels
		}
	}
	return true
}

// elementOf strips, from the base of a reply slot, what reaches the
// element a loop visits: a type assertion, and the Value of a
// container/list element (el.Value.(*T)).
func elementOf(info *types.Info, x ast.Expr) ast.Expr {
	x = ast.Unparen(x)
	if ta, ok := x.(*ast.TypeAssertExpr); ok {
		x = ast.Unparen(ta.X)
	}
	if sel, ok := x.(*ast.SelectorExpr); ok && sel.Sel.Name == "Value" && isListElement(info.TypeOf(sel.X)) {
		return ast.Unparen(sel.X)
	}
	return x
}

// isListElement reports whether t is *container/list.Element.
func isListElement(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "container/list" && n.Obj().Name() == "Element"
}

// noteElements records what a range loop takes per iteration: the value
// received from a channel, the element of a slice or array, the key and
// the element of a map, or both values a function iterator yields.
func (w *walker) noteElements(s *ast.RangeStmt) {
	info := w.c.pass.TypesInfo
	t := info.TypeOf(s.X)
	if isChan(t) {
		w.noteReceipt(s.Key, s.X)
		return
	}
	vars := []ast.Expr{s.Value}
	if t != nil {
		switch t.Underlying().(type) {
		case *types.Signature, *types.Map: // a set of pending requests: map[*req]bool
			vars = append(vars, s.Key)
		}
	}
	for _, e := range vars {
		if v := localVar(info, e); v != nil {
			w.c.chans.elements[v] = w.loops
		}
	}
}

// noteListWalk records the element variable of a walk over a
// container/list: for el := l.Front(); el != nil; el = el.Next().
func (w *walker) noteListWalk(s *ast.ForStmt) {
	info := w.c.pass.TypesInfo
	post, ok := s.Post.(*ast.AssignStmt)
	if !ok || len(post.Lhs) != 1 || len(post.Rhs) != 1 {
		return
	}
	v := localVar(info, post.Lhs[0])
	if v == nil || !isListElement(v.Type()) {
		return
	}
	call, ok := ast.Unparen(post.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && localVar(info, sel.X) == v &&
		(sel.Sel.Name == "Next" || sel.Sel.Name == "Prev") {
		w.c.chans.elements[v] = w.loops + 1 // the body's depth
	}
}

// noteIndexWalk records the elements a counting loop takes per
// iteration: x := xs[i], or xs[k] with k := i - base, in a loop that
// steps i by one (for i := a; i < b; i++), visits each element once, as
// a range loop does (raft's log entries, answered on commit).
func (w *walker) noteIndexWalk(s *ast.ForStmt) {
	info := w.c.pass.TypesInfo
	step, ok := s.Post.(*ast.IncDecStmt)
	if !ok {
		return
	}
	i := localVar(info, step.X)
	if i == nil || movedIn(info, s.Body, i) {
		return // a counter the body moves visits who knows what
	}
	for _, st := range s.Body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			continue
		}
		ix, ok := ast.Unparen(as.Rhs[0]).(*ast.IndexExpr)
		x := localVar(info, as.Lhs[0])
		if ok && x != nil && isSlice(info.TypeOf(ix.X)) && w.stepsWith(ix.Index, i) {
			w.c.chans.elements[x] = w.loops + 1 // the body's depth
		}
	}
}

// stepsWith reports whether index is the counter i, or a local defined
// once as an offset of it: it moves by one whenever i does.
func (w *walker) stepsWith(index ast.Expr, i *types.Var) bool {
	info := w.c.pass.TypesInfo
	if k := localVar(info, index); k != nil && k != i {
		index = w.f.scope.def(info, k)
	}
	return index != nil && offsetOf(info, index, i)
}

// offsetOf reports whether e is i plus or minus terms that do not
// mention i: i, i - 1 - base, base + i.
func offsetOf(info *types.Info, e ast.Expr, i *types.Var) bool {
	e = ast.Unparen(e)
	if localVar(info, e) == i {
		return true
	}
	b, ok := e.(*ast.BinaryExpr)
	switch {
	case !ok || b.Op != token.ADD && b.Op != token.SUB:
		return false
	case offsetOf(info, b.X, i):
		return !usesVar(info, b.Y, i)
	}
	return b.Op == token.ADD && offsetOf(info, b.Y, i) && !usesVar(info, b.X, i)
}

// movedIn reports whether body assigns v, steps it, or takes its address.
func movedIn(info *types.Info, body ast.Node, v *types.Var) bool {
	moved := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				moved = moved || localVar(info, l) == v
			}
		case *ast.IncDecStmt:
			moved = moved || localVar(info, n.X) == v
		case *ast.UnaryExpr:
			moved = moved || n.Op == token.AND && localVar(info, n.X) == v
		}
		return !moved
	})
	return moved
}

// madeWithRoom reports whether e is make(chan T, k) with constant k ≥ 1,
// or a local defined once as one.
func (w *walker) madeWithRoom(e ast.Expr) bool {
	if w.c.roomyIn(w.f.scope, e) {
		return true
	}
	info := w.c.pass.TypesInfo
	v := localVar(info, e)
	return v != nil && (w.c.roomyIn(w.f.scope, w.f.scope.def(info, v)) || w.closedAtBirth(v) || w.f.scope.roomForEach(info, v))
}

// madeAsQueue reports whether e, or the local it is, is made with a
// constant buffer of more than one.
func (w *walker) madeAsQueue(e ast.Expr) bool {
	info := w.c.pass.TypesInfo
	if v := localVar(info, e); v != nil {
		e = w.f.scope.def(info, v)
	}
	size, ok := makeSize(info, e)
	return ok && size.constant && size.k > 1
}

// closedAtBirth reports whether the local v is made and closed at once:
// done := make(chan error); close(done). A send on it panics; none waits.
func (w *walker) closedAtBirth(v *types.Var) bool {
	info := w.c.pass.TypesInfo
	if !isMake(info, w.f.scope.def(info, v)) {
		return false
	}
	found := false
	eachList(w.f.scope.body, func(list []ast.Stmt) {
		for i, st := range list {
			as, ok := st.(*ast.AssignStmt)
			if ok && as.Tok == token.DEFINE && len(as.Lhs) == 1 && info.Defs[identOf(as.Lhs[0])] == v && i+1 < len(list) {
				found = found || closes(info, list[i+1], as.Lhs[0])
			}
		}
	})
	return found
}

// roomyIn reports whether e is make(chan T, k) with k ≥ 1 a constant, or
// a local of the declaration sc defined once as such a constant.
func (c *checker) roomyIn(sc *scope, e ast.Expr) bool {
	if c.isRoomyMake(e) {
		return true
	}
	info := c.pass.TypesInfo
	mk, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(mk.Args) != 2 || !isBuiltin(info, mk.Fun, "make") {
		return false
	}
	v := localVar(info, mk.Args[1])
	if v == nil {
		return false
	}
	k := info.Types[sc.def(info, v)].Value
	return k != nil && k.Kind() == constant.Int && constant.Sign(k) > 0
}

// pendingReply reports whether s answers a pending request through a
// variable that holds it between iterations of a loop: var w chan T,
// assigned only nil or replies received from one request channel, sent
// on under if w != nil and cleared right after. Every requester on that
// channel must wait for the reply (R1).
func (c *checker) pendingReply(f *fn, o *op, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	w := localVar(info, s.Chan)
	if w == nil || !slices.Contains(o.nonNil, w) || !c.clearedAfter(w, s) {
		return false
	}
	sc := f.scope
	sc.build(info)
	if sc.opaque[w] {
		return false
	}
	var from types.Object
	for _, value := range sc.stored[w] {
		if value == nil || isNil(info, value) {
			continue
		}
		r, ok := c.chans.received[localVar(info, value)]
		if !ok || from != nil && r.from != from {
			return false
		}
		from = r.from
	}
	return from != nil && c.requestersWait(from, nil, nil)
}

// clearedAfter reports whether the statement after the send s on w is
// w = nil.
func (c *checker) clearedAfter(w *types.Var, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	for _, r := range c.chans.requests[w] {
		if r.ch != s.Chan {
			continue
		}
		as, ok := r.next.(*ast.AssignStmt)
		return ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 && localVar(info, as.Lhs[0]) == w && isNil(info, as.Rhs[0])
	}
	return false
}

// nonNilVars returns the locals that cond, or a conjunct of it, checks
// are not nil: x != nil.
func nonNilVars(info *types.Info, cond ast.Expr) []*types.Var {
	var vars []*types.Var
	for _, x := range nonNilExprs(info, cond) {
		if v := localVar(info, x); v != nil {
			vars = append(vars, v)
		}
	}
	return vars
}

// nonNilExprs returns the expressions that cond, or a conjunct of it,
// checks are not nil: x in x != nil.
func nonNilExprs(info *types.Info, cond ast.Expr) []ast.Expr {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return nil
	}
	switch b.Op {
	case token.LAND:
		return append(nonNilExprs(info, b.X), nonNilExprs(info, b.Y)...)
	case token.NEQ:
		if isNil(info, b.Y) {
			return []ast.Expr{b.X}
		}
	}
	return nil
}

// isNil reports whether e is the predeclared nil.
func isNil(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == types.Universe.Lookup("nil")
}
