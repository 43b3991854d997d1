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
//     before, or the select case the send is in did (a channel used as a
//     mutex or a pool);
//   - K2, a limiter released by goroutines the function starts;
//   - C, last words: every send on a channel field made with room is
//     followed at once by closing it, so each channel carries one value
//     (a second send would panic, not wait).

// chanID identifies a channel expression across the package: the
// variable or struct field it reads (the field of the generic type, for
// a field of one of its instances); nil if it cannot tell.
func chanID(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if obj := info.Uses[e]; obj != nil {
			return obj
		}
		return info.Defs[e]
	case *ast.SelectorExpr:
		if v, ok := info.Uses[e.Sel].(*types.Var); ok {
			return v.Origin()
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
	// requestTypes lists the keys of requestsOf in the order first seen.
	requestTypes []*types.Named
	// roomy records, for each channel field, whether every value the
	// package stores in it is made with a constant buffer of one or more.
	roomy map[*types.Var]bool
	// unroomyStores holds the channel fields that an assignment sets to a
	// value made without a constant buffer.
	unroomyStores map[*types.Var]bool
	// queues holds the channel fields some store makes with a constant
	// buffer of more than one: a queue, not a reply slot.
	queues map[*types.Var]bool
	// owned holds the channels a goroutine of the package drains until
	// they are closed.
	owned map[types.Object]bool
	// untilStop holds the channels a goroutine of the package serves until
	// it is told to stop: a send on one waits forever only after the stop
	// (workers.go, Summary.AfterStop).
	untilStop map[types.Object]bool
	// stops maps each channel in untilStop to the stop channels whose
	// receipt lets its workers leave, nil when a worker may also leave on
	// one it cannot name (ctx.Done()); closes lists, once asked for, the
	// closes of each stop channel (selfstops.go).
	stops       map[types.Object][]types.Object
	foreignStop map[types.Object]bool
	closes      map[types.Object][]closeSite
	// pools holds the channel fields that a declaration makes and fills
	// to capacity: token pools, whose later sends give tokens back.
	pools map[*types.Var]bool
	// launched are the bodies started by go statements; starts, the
	// functions of the package that go statements start, by name.
	launched []*fn
	starts   []start
	// elements maps the value variable of a range over a slice, array or
	// map to the loop depth of its body: one element per iteration.
	elements map[*types.Var]int
	// signals maps each sync.Cond (its variable or field) to the calls
	// that Signal or Broadcast it; ownedCode, once computed, holds the
	// bodies that run on goroutines the package starts, and deferredOnly
	// whether a body runs only from deferred calls (owners.go).
	signals      map[types.Object][]signal
	ownedCode    map[*fn]bool
	deferredOnly map[*fn]bool
	// latestSends lists, for each family of channels (latest.go), the
	// sends of the package on it.
	latestSends map[types.Object][]latestSend
	// doneChans and hooks memoise, per channel field, whether it is a done
	// channel its constructor made room for (donechans.go) and whether it
	// is a test hook nothing in the package fills (hooks.go).
	doneChans map[*types.Var]bool
	hooks     map[*types.Var]bool
	// handedOff counts, for each channel, the functions of other packages
	// it is handed to that send requests on it and await each reply.
	handedOff map[types.Object]int
	// fieldStores lists the values stored in each channel field,
	// valueStores in each pointer or slice field, and in the elements of
	// each map field (m[k] = v; slotlists.go).
	fieldStores map[*types.Var][]ast.Expr
	// goArgs maps each parameter of a literal that a go statement starts
	// to the argument the statement gives it (go func(sem chan T) {
	// ... }(p.sem)), so that what the goroutine does with the parameter
	// counts for the channel passed.
	goArgs      map[*types.Var]ast.Expr
	valueStores map[*types.Var][]ast.Expr
	// resettable holds the bool fields that some store sets to anything
	// but true: they are no one-shot flags (flags.go).
	resettable map[*types.Var]bool
	// drained holds the channels that some select receives from while it
	// sends elsewhere: a subscriber that asks to leave and drains its
	// channel meanwhile, so a fan-out to it cannot wedge (U).
	drained map[types.Object]bool
	// messages holds the named types sent over channels (or pointed to by
	// what is); fieldOwner maps their channel fields to them.
	messages   map[types.Type]bool
	fieldOwner map[*types.Var]types.Type
}

func newChannels() channels {
	return channels{
		received: make(map[*types.Var]receipt),
		requests: make(map[types.Object][]request),

		requestsOf:    make(map[*types.Named][]request),
		roomy:         make(map[*types.Var]bool),
		unroomyStores: make(map[*types.Var]bool),
		queues:        make(map[*types.Var]bool),
		owned:         make(map[types.Object]bool),
		untilStop:     make(map[types.Object]bool),
		stops:         make(map[types.Object][]types.Object),
		foreignStop:   make(map[types.Object]bool),
		closes:        make(map[types.Object][]closeSite),
		pools:         make(map[*types.Var]bool),
		elements:      make(map[*types.Var]int),
		drained:       make(map[types.Object]bool),
		handedOff:     make(map[types.Object]int),
		resettable:    make(map[*types.Var]bool),
		fieldStores:   make(map[*types.Var][]ast.Expr),
		goArgs:        make(map[*types.Var]ast.Expr),
		valueStores:   make(map[*types.Var][]ast.Expr),
		signals:       make(map[types.Object][]signal),
		deferredOnly:  make(map[*fn]bool),
		latestSends:   make(map[types.Object][]latestSend),
		doneChans:     make(map[*types.Var]bool),
		hooks:         make(map[*types.Var]bool),

		messages:   make(map[types.Type]bool),
		fieldOwner: make(map[*types.Var]types.Type),
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

// noteFieldValue records a value stored in a field: for a pointer, the
// value; for a channel, whether it has room.
func (w *walker) noteFieldValue(field *types.Var, value ast.Expr) {
	if field != nil {
		field = field.Origin()
	}
	if field != nil && (isPointer(field.Type()) || isSlice(field.Type())) {
		w.c.chans.valueStores[field] = append(w.c.chans.valueStores[field], value)
	}
	if field == nil || !isChan(field.Type()) {
		return
	}
	roomy := w.madeWithRoom(value)
	if w.madeAsQueue(value) {
		w.c.chans.queues[field] = true
	}
	if prev, seen := w.c.chans.roomy[field]; seen {
		roomy = roomy && prev
	}
	w.c.chans.roomy[field] = roomy
	w.c.chans.fieldStores[field] = append(w.c.chans.fieldStores[field], value)
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
	if arg, ok := w.c.chans.goArgs[localVar(w.c.pass.TypesInfo, ch)]; ok {
		ch = arg // the channel the go statement passed in
	}
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

// exemptSends drops, from f's operations, the sends a protocol of the
// package bounds.
func (c *checker) exemptSends(f *fn) {
	kept := f.ops[:0]
	for _, o := range f.ops {
		if s, ok := o.node.(*ast.SendStmt); ok && o.bound == unbounded && c.protocolBounds(f, o, s) {
			continue
		}
		if call, ok := o.node.(*ast.CallExpr); ok && o.check == CheckCall && c.slotReleased(f, call, o.slot) {
			continue // K2, a slot of a semaphore that f's goroutines give back
		}
		if o.cond != nil && (c.workerJoin(o) || c.ownerJoin(f, o)) {
			// A join on a worker of the package, or on the owner of a
			// single flight: the wait check's business.
			if !c.checks.has(CheckWait) {
				continue
			}
			o.check = CheckWait
		}
		kept = append(kept, o)
	}
	f.ops = kept
}

// protocolBounds reports whether a protocol bounds the send s in f, at
// loop depth loops.
func (c *checker) protocolBounds(f *fn, o *op, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	if c.answersBatch(f, s) {
		return true // R2, a batch of reply slots answered once each, then emptied
	}
	if o.drained && c.latestValue(f, o, s) {
		return true // L, a latest-value slot drained and refilled under one mutex
	}
	if c.hookSend(o, s) {
		return true // a test hook, nil in production
	}
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
	if o.handling == id {
		return true // K1, the token that this select case took
	}
	if o.fanout != "" && c.chans.drained[id] {
		return true // U: a leaving subscriber drains while it asks to leave
	}
	if o.fanout != "" && c.answersWaitList(f, s) {
		return true // R2, reply slots kept in a list, answered once each
	}
	if c.reportFits(f, s) {
		return true // B1, an exit report into a buffer its caller made
	}
	if c.resultsFit(s) {
		return true // B1, goroutine results into a buffer made for them all
	}
	if c.doneChanFits(s) {
		return true // B1, last sends of the goroutines a constructor made room for
	}
	if c.freshFits(f, s) {
		return true // B1, a value straight from its constructor
	}
	if c.feedsFit(f, s) {
		return true // B1, through a constructor and a feed method
	}
	if c.stopsWorker(f, s) {
		return true // W, a stop the worker answers before every exit
	}
	if c.stoppedBySender(f, s) {
		return true // W, a worker only the sender stops, once it is done
	}
	if c.rearms(f, o, s) {
		return true // K3, a turn handed back after the holder reported
	}
	if c.gatedRelease(s, o.granted) {
		return true // K3, the release of a gate the sender got through
	}
	if c.pendingReply(f, o, s) {
		return true // R1, a request held across iterations
	}
	if c.sentOnce(s, o.oneShot) || c.bornStopped(o, s) {
		return true // B1, one send per value under a one-shot flag
	}
	if c.lastWords(id) || c.lastWordsThroughCopy(f, o, id) {
		return true // C: one send, then close
	}
	if c.removedThenAnswered(s) {
		return true // R2, each waiter taken off its list before its one reply
	}
	if c.lastWordsToSlots(f, s) {
		return true // R2 and C: each reply slot of a list answered once, then closed
	}
	if c.repliesOnHandling(o.handling, id) {
		return true // R1, the reply channel beside the request channel
	}
	return c.isReply(f, s, o)
}

// lastWords reports whether id is a channel field that every store makes
// with room and every send of the package closes right after sending.
func (c *checker) lastWords(id types.Object) bool {
	field, ok := id.(*types.Var)
	if !ok || !field.IsField() || !c.chans.roomy[field] {
		return false
	}
	sends := c.chans.requests[field]
	for _, r := range sends {
		if !closes(c.pass.TypesInfo, r.next, r.ch) {
			return false
		}
	}
	return len(sends) > 0
}

// lastWordsThroughCopy is lastWords for a send, followed by close, on a
// local copy of the channel field (done := cmd.base().done): every send
// of the package on the field, directly or through such a copy, closes
// it right after.
func (c *checker) lastWordsThroughCopy(f *fn, o *op, id types.Object) bool {
	field := c.copiedField(f, id)
	if field == nil || !o.replies || !c.chans.roomy[field] {
		return false
	}
	for _, r := range c.chans.requests[field] {
		if !closes(c.pass.TypesInfo, r.next, r.ch) {
			return false
		}
	}
	for _, g := range c.funcs {
		for _, p := range g.ops {
			if s, ok := p.node.(*ast.SendStmt); ok && !p.replies && c.copiedField(g, chanID(c.pass.TypesInfo, s.Chan)) == field {
				return false
			}
		}
	}
	return true
}

// copiedField returns the channel field that id, a local of f's
// declaration defined once, copies: done := cmd.base().done. Nil
// otherwise.
func (c *checker) copiedField(f *fn, id types.Object) *types.Var {
	v, ok := id.(*types.Var)
	if !ok || v.IsField() || f.scope == nil || v.Pos() < f.scope.body.Pos() || v.Pos() >= f.scope.body.End() {
		return nil
	}
	info := c.pass.TypesInfo
	f.scope.build(info)
	field, ok := chanID(info, f.scope.def(info, v)).(*types.Var)
	if !ok || !field.IsField() {
		return nil
	}
	return field
}

// closes reports whether stmt is close(ch), ch written as in the send.
func closes(info *types.Info, stmt ast.Stmt, ch ast.Expr) bool {
	es, ok := stmt.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); !ok || info.Uses[id] != types.Universe.Lookup("close") {
		return false
	}
	return types.ExprString(ast.Unparen(call.Args[0])) == types.ExprString(ast.Unparen(ch))
}

// A start is a go statement of a declaration that starts a function of
// the package: go e.drain(key).
type start struct {
	from   *scope
	callee *fn
}

// noteStartedReleases records, for K2, the limiters that the functions
// a declaration starts by name release: a bare receive of a struct{}
// token, from a channel the started function never sends on.
func (c *checker) noteStartedReleases() {
	info := c.pass.TypesInfo
	for _, st := range c.chans.starts {
		received, sent := make(map[types.Object]bool), make(map[types.Object]bool)
		ast.Inspect(st.callee.body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit, *ast.GoStmt:
				return false
			case *ast.SendStmt:
				if id := chanID(info, n.Chan); id != nil {
					sent[id] = true
				}
			case *ast.ExprStmt:
				if u, ok := ast.Unparen(n.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW && isTokenChan(info.TypeOf(u.X)) {
					if id := chanID(info, u.X); id != nil {
						received[id] = true
					}
				}
			}
			return true
		})
		for id := range received {
			if !sent[id] {
				if st.from.released == nil {
					st.from.released = make(map[types.Object]bool)
				}
				st.from.released[id] = true
			}
		}
	}
}

// isTokenChan reports whether t is a channel of struct{}: tokens, not
// messages.
func isTokenChan(t types.Type) bool {
	if t == nil {
		return false
	}
	c, ok := t.Underlying().(*types.Chan)
	if !ok {
		return false
	}
	s, ok := c.Elem().Underlying().(*types.Struct)
	return ok && s.NumFields() == 0
}

// isPointer reports whether t is a pointer type.
func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// alwaysRoomy reports whether every value the package stores in the
// channel field f, in a literal or an assignment, is made with a
// constant buffer of one or more.
func (c *checker) alwaysRoomy(f *types.Var) bool {
	return c.chans.roomy[f] && !c.chans.unroomyStores[f]
}

// isSlice reports whether t is a slice type.
func isSlice(t types.Type) bool {
	_, ok := t.Underlying().(*types.Slice)
	return ok
}
