package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Some sends look bare but cannot wait forever, because of a protocol
// the package follows around the channel. The field study of real
// servers (docs/field-results.md) found these to be most of the false
// alarms; each rule below is one of its classes, and each keeps the true
// risks it found:
//
//   - R1, a reply to a requester that is already waiting: every request
//     sent on Q is followed, right away, by an unconditional receive of
//     its reply;
//   - R2, a per-request reply slot: the reply channel of a received
//     request is always made with room, and answered once;
//   - W, an owned worker: a goroutine of the package drains the channel
//     with a range loop that ends only when the channel is closed;
//   - K1, a token given back: the function received from the channel
//     before (a channel used as a mutex or a pool);
//   - K2, a limiter released by goroutines the function starts.

// chanID identifies a channel expression across the package: the
// variable or struct field it reads; nil if it cannot tell.
func chanID(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if obj := info.Uses[e]; obj != nil {
			return obj
		}
		return info.Defs[e]
	case *ast.SelectorExpr:
		if v, ok := info.Uses[e.Sel].(*types.Var); ok {
			return v
		}
	}
	return nil
}

// A channels is what the walk learns about the package's channels.
type channels struct {
	// received maps a variable to the channel it was received from, with
	// the loop depth of its definition.
	received map[*types.Var]receipt
	// requests lists the sends on each channel, with what follows them;
	// requestsOf the sends of each named struct type, on any channel.
	requests   map[types.Object][]request
	requestsOf map[*types.Named][]request
	// roomy records, for each channel field, whether every value the
	// package stores in it is made with a constant buffer of one or more.
	roomy map[*types.Var]bool
	// owned holds the channels a goroutine of the package drains until
	// they are closed.
	owned map[types.Object]bool
	// pools holds the channel fields that a declaration makes and fills
	// to capacity: token pools, whose later sends give tokens back.
	pools map[*types.Var]bool
	// launched are the bodies started by go statements.
	launched []*fn
	// elements maps the value variable of a range over a slice, array or
	// map to the loop depth of its body: one element per iteration.
	elements map[*types.Var]int
	// signals maps each sync.Cond (its variable or field) to the bodies
	// that Signal or Broadcast it; ownedCode, once computed, holds the
	// bodies that run on goroutines the package starts.
	signals   map[types.Object][]*fn
	ownedCode map[*fn]bool
	// drained holds the channels that some select receives from while it
	// sends elsewhere: a subscriber that asks to leave and drains its
	// channel meanwhile, so a fan-out to it cannot wedge (U).
	drained map[types.Object]bool
	// messages holds the named types sent over channels (or pointed to by
	// what is); fieldOwner maps their channel fields to them.
	messages   map[types.Type]bool
	fieldOwner map[*types.Var]types.Type
}

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

func newChannels() channels {
	return channels{
		received: make(map[*types.Var]receipt),
		requests: make(map[types.Object][]request),

		requestsOf: make(map[*types.Named][]request),
		roomy:      make(map[*types.Var]bool),
		owned:      make(map[types.Object]bool),
		pools:      make(map[*types.Var]bool),
		elements:   make(map[*types.Var]int),
		drained:    make(map[types.Object]bool),
		signals:    make(map[types.Object][]*fn),

		messages:   make(map[types.Type]bool),
		fieldOwner: make(map[*types.Var]types.Type),
	}
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
	if v != nil && id != nil {
		w.c.chans.received[v] = receipt{from: id, loops: w.loops}
	}
	if w.f.goroutine {
		w.noteRelease(ch)
	}
}

// noteDrains records, for U, the channels a select receives from while
// it also sends: select { case leave <- sub: case <-sub.events: }.
func (w *walker) noteDrains(s *ast.SelectStmt) {
	info := w.c.pass.TypesInfo
	sends := false
	var recvs []types.Object
	for _, cc := range s.Body.List {
		switch comm := cc.(*ast.CommClause).Comm.(type) {
		case *ast.SendStmt:
			sends = true
		default:
			if x := recvOperand(comm); x != nil {
				if id := chanID(info, x); id != nil {
					recvs = append(recvs, id)
				}
			}
		}
	}
	if !sends {
		return
	}
	for _, id := range recvs {
		w.c.chans.drained[id] = true
	}
}

// noteFieldValue records a value stored in a channel field.
func (w *walker) noteFieldValue(field *types.Var, value ast.Expr) {
	if field == nil || !isChan(field.Type()) {
		return
	}
	roomy := w.c.isRoomyMake(value)
	if prev, seen := w.c.chans.roomy[field]; seen {
		roomy = roomy && prev
	}
	w.c.chans.roomy[field] = roomy
}

// isRoomyMake reports whether e is make(chan T, k) with constant k ≥ 1.
func (c *checker) isRoomyMake(e ast.Expr) bool {
	size, ok := makeSize(c.pass.TypesInfo, e)
	return ok && size.constant && size.k >= 1
}

// noteToken records, for K1, a receive from ch in the declaration: a
// later send on ch in the same declaration gives the token back.
func (w *walker) noteToken(ch ast.Expr, pos token.Pos) {
	id := chanID(w.c.pass.TypesInfo, ch)
	if id == nil {
		return
	}
	sc := w.f.scope
	if sc.tokens == nil {
		sc.tokens = make(map[types.Object]token.Pos)
	}
	if first, ok := sc.tokens[id]; !ok || pos < first {
		sc.tokens[id] = pos
	}
}

// noteRelease records, for K2, a receive from ch on a goroutine the
// declaration starts: a send on ch there is an acquire they release.
func (w *walker) noteRelease(ch ast.Expr) {
	id := chanID(w.c.pass.TypesInfo, ch)
	if id == nil {
		return
	}
	sc := w.f.scope
	if sc.released == nil {
		sc.released = make(map[types.Object]bool)
	}
	sc.released[id] = true
}

// findOwned records the channels that goroutines of the package drain
// with a range loop that only their closing ends: such a receiver is
// alive whenever a send can happen, so the send is back-pressure, not a
// hang (W).
func (c *checker) findOwned() {
	info := c.pass.TypesInfo
	for _, f := range c.chans.launched {
		for _, s := range f.body.List {
			if l, ok := s.(*ast.LabeledStmt); ok {
				s = l.Stmt
			}
			switch s := s.(type) {
			case *ast.RangeStmt:
				if !isChan(info.TypeOf(s.X)) || leavesLoop(s.Body) {
					continue
				}
				if id := chanID(info, s.X); id != nil {
					c.chans.owned[id] = true
				}
			case *ast.ForStmt:
				for _, id := range c.quitChannels(s) {
					c.chans.owned[id] = true
				}
			}
		}
	}
}

// quitChannels returns, for a worker's endless for-select loop, the
// channels whose receipt is its only way out: the worker is alive until
// it receives from one of them, so a send on it (a quit message, sent
// once) is always taken. Nil if the loop can end otherwise.
func (c *checker) quitChannels(loop *ast.ForStmt) []types.Object {
	if loop.Cond != nil || len(loop.Body.List) != 1 {
		return nil
	}
	sel, ok := loop.Body.List[0].(*ast.SelectStmt)
	if !ok {
		return nil
	}
	var quits []types.Object
	for _, cc := range sel.Body.List {
		cc := cc.(*ast.CommClause)
		if !leavesLoop(&ast.BlockStmt{List: cc.Body}) {
			continue
		}
		x := recvOperand(cc.Comm)
		id := chanID(c.pass.TypesInfo, x)
		if x == nil || id == nil {
			return nil // a way out that is not the receipt of a quit message
		}
		quits = append(quits, id)
	}
	return quits
}

// leavesLoop reports whether a loop body can leave the loop other than
// by the loop's own end: a return, a break or goto out of it, a panic
// does not count.
func leavesLoop(body *ast.BlockStmt) bool {
	leaves := false
	var visit func(n ast.Node, nested bool) bool
	visit = func(n ast.Node, nested bool) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			leaves = true
		case *ast.BranchStmt:
			switch {
			case n.Tok == token.GOTO, n.Tok == token.BREAK && n.Label != nil:
				leaves = true
			case n.Tok == token.BREAK && !nested:
				leaves = true
			}
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			ast.Inspect(n, func(m ast.Node) bool {
				if m == n {
					return true
				}
				return visit(m, true)
			})
			return false
		}
		return !leaves
	}
	ast.Inspect(body, func(n ast.Node) bool { return visit(n, false) })
	return leaves
}

// exemptSends drops, from f's operations, the sends a protocol of the
// package bounds.
func (c *checker) exemptSends(f *fn) {
	kept := f.ops[:0]
	for _, o := range f.ops {
		if s, ok := o.node.(*ast.SendStmt); ok && o.bound == unbounded && c.protocolBounds(f, o, s) {
			continue
		}
		if o.cond != nil && c.workerJoin(o) {
			// A join on a worker of the package: the wait check's business.
			if !c.checks.has(CheckWait) {
				continue
			}
			o.check = CheckWait
		}
		kept = append(kept, o)
	}
	f.ops = kept
}

// workerJoin reports whether o, a sync.Cond.Wait, waits in a predicate
// loop for a condition that a goroutine of the package signals: a join
// on a worker the package owns, like WaitGroup.Wait, rather than a wait
// on whoever might come. A bare Wait with no loop stays a call finding.
func (c *checker) workerJoin(o *op) bool {
	if o.loops == 0 {
		return false
	}
	owned := c.ownedCode()
	for _, f := range c.chans.signals[o.cond] {
		if owned[f] {
			return true
		}
	}
	return false
}

// ownedCode returns the bodies that run on goroutines the package starts:
// the bodies go statements start and every body of the package they call.
func (c *checker) ownedCode() map[*fn]bool {
	if c.chans.ownedCode != nil {
		return c.chans.ownedCode
	}
	owned := make(map[*fn]bool)
	queue := append([]*fn(nil), c.chans.launched...)
	for _, f := range c.funcs {
		if f.goroutine {
			queue = append(queue, f)
		}
	}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		if owned[f] {
			continue
		}
		owned[f] = true
		queue = append(queue, callees(f)...)
	}
	c.chans.ownedCode = owned
	return owned
}

// protocolBounds reports whether a protocol bounds the send s in f, at
// loop depth loops.
func (c *checker) protocolBounds(f *fn, o *op, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	id := chanID(info, s.Chan)
	if id == nil {
		return false
	}
	if v, ok := id.(*types.Var); c.chans.owned[id] || f.scope.released[id] || ok && c.chans.pools[v] {
		return true // W, K2, K1 for a pool filled at construction
	}
	if first, ok := f.scope.tokens[id]; ok && first < s.Pos() {
		return true // K1
	}
	if o.fanout != "" && c.chans.drained[id] {
		return true // U: a leaving subscriber drains while it asks to leave
	}
	if c.repliesOnHandling(o.handling, id) {
		return true // R1, the reply channel beside the request channel
	}
	return c.isReply(s, o.loops, o.caseLoops)
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
// <-c, x := <-c, return <-c, or the init of an if or switch doing so.
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
	return nil
}
