package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// Slot lists answered with last words (R2 and C): a walk that sends on
// each slot of a list and closes it at once,
//
//	for _, w := range waiting { w <- err; close(w) }
//
// answers each slot at most once (a second send would panic, not wait),
// so when every slot the list ever holds is made with room and is sent
// on elsewhere only to be closed at once, the send never waits. The list may be a local (a
// loop collecting the slots of the requests it batches; kad-dht's
// refresh manager), a slice field (sarama's metadata refresh waiters), a
// local copy of one (gocql's error broadcaster) or an element of a map
// field of lists (cometbft's chunk waiters); the walk need not empty it.

// lastWordsToSlots reports whether the send s, in f, is such a send.
func (c *checker) lastWordsToSlots(f *fn, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	w := localVar(info, s.Chan)
	if w == nil {
		return false
	}
	if f.region != nil {
		f = f.region
	}
	if len(c.chans.requests[w]) == 0 || !c.onlyLastWords(w) || f.body == nil {
		return false
	}
	loop, _ := rangeOver(f.body, w, info)
	if loop == nil {
		return false
	}
	values, ok := c.listValues(f, loop.X)
	if !ok {
		return false
	}
	list := listID(info, loop.X)
	for _, v := range values {
		if !c.addsRoomySlots(v, list) && !c.copiesRoomyList(v) {
			return false
		}
	}
	return true
}

// copiesRoomyList reports whether v, stored in a local list, is a list
// field whose every value keeps its slots slots with room: current :=
// b.listeners, a copy taken before the field is reset (gocql's error
// broadcaster).
func (c *checker) copiesRoomyList(v ast.Expr) bool {
	field, ok := chanID(c.pass.TypesInfo, v).(*types.Var)
	if !ok || !field.IsField() || !isSlice(field.Type()) {
		return false
	}
	stores := c.chans.valueStores[field]
	for _, fv := range stores {
		if !c.addsRoomySlots(fv, field) {
			return false
		}
	}
	return len(stores) > 0
}

// listID identifies a list: the local or field it is, or whose element
// it is (m[k]).
func listID(info *types.Info, x ast.Expr) types.Object {
	if ix, ok := ast.Unparen(x).(*ast.IndexExpr); ok {
		x = ix.X
	}
	return chanID(info, x)
}

// listValues returns every value stored in the list x: a local of f's
// declaration, a slice field, or an element of a map field of slices.
func (c *checker) listValues(f *fn, x ast.Expr) ([]ast.Expr, bool) {
	info := c.pass.TypesInfo
	if ix, ok := ast.Unparen(x).(*ast.IndexExpr); ok {
		x = ix.X
	}
	if v := localVar(info, x); v != nil {
		sc := f.scope
		if sc == nil || v.Pos() < sc.body.Pos() || v.Pos() >= sc.body.End() {
			return nil, false // a parameter: its values are the callers'
		}
		sc.build(info)
		return sc.stored[v], !sc.opaque[v] && len(sc.stored[v]) > 0
	}
	field, ok := chanID(info, x).(*types.Var)
	if !ok || !field.IsField() {
		return nil, false
	}
	stores := c.chans.valueStores[field]
	return stores, len(stores) > 0
}

// addsRoomySlots reports whether the value v stored in list keeps every
// slot of it a slot with room: nil (the zero value of a declaration, or
// a reset), an empty list, a reslice of the list, or an append of such
// slots to it.
func (c *checker) addsRoomySlots(v ast.Expr, list types.Object) bool {
	info := c.pass.TypesInfo
	if v == nil || isNil(info, v) {
		return true
	}
	switch e := ast.Unparen(v).(type) {
	case *ast.SliceExpr:
		return listID(info, e.X) == list // r.chans = r.chans[:0]
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	case *ast.CallExpr:
		if isBuiltin(info, e.Fun, "make") {
			// make([]chan T, 0); a longer one holds nil channels.
			n := info.Types[e.Args[min(1, len(e.Args)-1)]].Value
			return len(e.Args) >= 2 && n != nil && n.Kind() == constant.Int && constant.Sign(n) == 0
		}
		if !isBuiltin(info, e.Fun, "append") || len(e.Args) < 2 || e.Ellipsis != token.NoPos || listID(info, e.Args[0]) != list {
			return false
		}
		for _, slot := range e.Args[1:] {
			if !c.isRoomySlot(slot) {
				return false
			}
		}
		return true
	}
	return false
}

// isRoomySlot reports whether e is a reply slot with room that the
// package sends on directly only to close it at once: a local made with
// a constant buffer, or a channel field every store makes so.
func (c *checker) isRoomySlot(e ast.Expr) bool {
	info := c.pass.TypesInfo
	if v := localVar(info, e); v != nil {
		return c.onlyLastWords(v) && c.madeLocallyWithRoom(v)
	}
	field, ok := chanID(info, e).(*types.Var)
	return ok && field.IsField() && c.onlyLastWords(field) && c.alwaysRoomy(field)
}

// onlyLastWords reports whether every send of the package on ch closes
// it right after.
func (c *checker) onlyLastWords(ch types.Object) bool {
	for _, r := range c.chans.requests[ch] {
		if !closes(c.pass.TypesInfo, r.next, r.ch) {
			return false
		}
	}
	return true
}

// noteElementValue records a value stored in an element of a map field
// of lists: m[k] = append(m[k], slot).
func (w *walker) noteElementValue(m ast.Expr, value ast.Expr) {
	info := w.c.pass.TypesInfo
	field, ok := chanID(info, m).(*types.Var)
	if !ok || !field.IsField() {
		return
	}
	if _, isMap := field.Type().Underlying().(*types.Map); isMap {
		w.c.chans.valueStores[field] = append(w.c.chans.valueStores[field], value)
	}
}
