package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
)

// Latest-value slots (L): a subscriber's channel with room for one value,
// that the publisher keeps holding only the newest one,
//
//	s.mu.Lock()
//	for _, c := range s.subscribers {
//		select {
//		case <-c: // drop the value the subscriber has not read
//		default:
//		}
//		c <- desc
//	}
//	s.mu.Unlock()
//
// (the MongoDB driver's server and topology descriptions). The drain
// empties the slot, and the send refills it at once; when every send on
// the subscribers' channels is such a drain and send under one mutex, no
// other send can come between the two, so the send always finds room,
// however long the subscriber leaves its channel unread. Without the
// common mutex two publishers may both drain, and the second send waits
// for the subscriber; without room (an unbuffered channel) the drain
// frees nothing.

// A latestSend is a send on a channel of a family: where it is, whether
// the statement before it drains the channel, and the mutexes held
// exclusively that are fields of the list's own struct, by field name.
type latestSend struct {
	pos     token.Pos
	drained bool
	locks   []string
}

// noteLatest records a send on ch, at pos, for the family of channels it
// belongs to; drained says whether a non-blocking receive from ch comes
// first.
func (w *walker) noteLatest(ch ast.Expr, pos token.Pos, drained bool) {
	fam := w.c.sendFamily(w.f, ch)
	if fam == nil {
		return
	}
	base := w.c.familyBase(w.f, ch)
	var locks []string
	for _, h := range w.held {
		i := strings.LastIndex(h, ".")
		if i > 0 && h[:i] == base && !slices.Contains(w.shared, h) {
			locks = append(locks, h[i+1:])
		}
	}
	w.c.chans.latestSends[fam] = append(w.c.chans.latestSends[fam], latestSend{pos: pos, drained: drained, locks: locks})
}

// familyBase returns, as written, the value whose field holds the list
// or channel a send on ch sends to ("t" for a range over t.subs), or "".
func (c *checker) familyBase(f *fn, ch ast.Expr) string {
	info := c.pass.TypesInfo
	x := ch
	if v := localVar(info, ch); v != nil && f.scope != nil && f.scope.body != nil {
		loop, _ := rangeOver(f.scope.body, v, info)
		if loop == nil {
			return ""
		}
		x = loop.X
	}
	if ix, ok := ast.Unparen(x).(*ast.IndexExpr); ok {
		x = ix.X
	}
	if sel, ok := ast.Unparen(x).(*ast.SelectorExpr); ok {
		return types.ExprString(sel.X)
	}
	return ""
}

// latestValue reports whether the send s, preceded by a drain of its
// channel, refills a latest-value slot: its channel is an element of an
// unexported field whose every channel is made with room and sent on
// only before it is stored, and every send on the field's channels is a
// drain and send under a mutex that this one holds too, locked for
// writing (two read-lockers could both drain, and the second send would
// wait) and a field of the same struct as the list (Topic.mu guards
// Topic.subs; a Broker.mu of the same name does not).
func (c *checker) latestValue(f *fn, o *op, s *ast.SendStmt) bool {
	field, ok := c.sendFamily(f, s.Chan).(*types.Var)
	if !ok || !field.IsField() || field.Exported() {
		return false
	}
	sends := c.chans.latestSends[field]
	i := slices.IndexFunc(sends, func(l latestSend) bool { return l.pos == s.Pos() })
	if i < 0 || len(sends[i].locks) == 0 {
		return false
	}
	mine := sends[i].locks
	for _, other := range sends {
		if !other.drained || !slices.ContainsFunc(other.locks, func(l string) bool { return slices.Contains(mine, l) }) {
			return false
		}
	}
	stores := c.chans.valueStores[field]
	for _, v := range stores {
		if !c.storesRoomySlots(v, field) {
			return false
		}
	}
	return len(stores) > 0
}

// storesRoomySlots reports whether v, stored in the list field, adds only
// locals made with room that nothing but the list's senders can send on
// after the store: m[k] = ch, or list = append(list, ch).
func (c *checker) storesRoomySlots(v ast.Expr, list *types.Var) bool {
	info := c.pass.TypesInfo
	slots := []ast.Expr{v}
	if call, ok := ast.Unparen(v).(*ast.CallExpr); ok && isBuiltin(info, call.Fun, "append") && len(call.Args) >= 2 && listID(info, call.Args[0]) == list {
		if call.Ellipsis.IsValid() {
			return false // append(list, slots...) adds channels made elsewhere
		}
		slots = call.Args[1:]
	}
	for _, slot := range slots {
		ch := localVar(info, slot)
		if ch == nil || !c.madeLocallyWithRoom(ch) || !c.confined(ch, slot) {
			return false
		}
	}
	return true
}

// confined reports whether the local ch, stored by the expression at,
// is used only by that store, by sends before it on the declaring
// goroutine, and by returns of a receive-only channel: nothing else can
// send on the slot once it is in the list (not a goroutine or a callee
// it is handed to, not another field it is kept in).
func (c *checker) confined(ch *types.Var, at ast.Expr) bool {
	info := c.pass.TypesInfo
	for _, f := range c.funcs {
		if f.lit != nil || f.body == nil || ch.Pos() < f.body.Pos() || ch.Pos() >= f.body.End() {
			continue
		}
		ok := true
		var stack []ast.Node
		ast.Inspect(f.body, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return false
			}
			if id, isIdent := n.(*ast.Ident); isIdent && info.Uses[id] == ch {
				ok = ok && allowedSlotUse(info, f, id, stack, at)
			}
			stack = append(stack, n)
			return ok
		})
		return ok
	}
	return false
}

// allowedSlotUse reports whether id, a use of a slot local with the
// given ancestors in f's body, is the store at, a send before it outside
// any function literal, or a receive-only result or struct field.
func allowedSlotUse(info *types.Info, f *fn, id *ast.Ident, ancestors []ast.Node, at ast.Expr) bool {
	if at.Pos() <= id.Pos() && id.End() <= at.End() {
		return true
	}
	for _, a := range ancestors {
		if _, isLit := a.(*ast.FuncLit); isLit {
			return false
		}
	}
	switch p := ancestors[len(ancestors)-1].(type) {
	case *ast.SendStmt:
		return p.Chan == id && id.Pos() < at.Pos()
	case *ast.KeyValueExpr: // ServerSubscription{C: ch}, C a <-chan field
		key, isIdent := p.Key.(*ast.Ident)
		if !isIdent || p.Value != id {
			return false
		}
		field, isVar := info.Uses[key].(*types.Var)
		t, isChan := typeOf(field).(*types.Chan)
		return isVar && isChan && t.Dir() == types.RecvOnly
	case *ast.ReturnStmt:
		for i := range f.sig.Results().Len() {
			if t, isChan := f.sig.Results().At(i).Type().Underlying().(*types.Chan); isChan && t.Dir() != types.RecvOnly {
				return false
			}
		}
		return true
	}
	return false
}

// sendFamily returns what a send on ch sends to: the list a range value
// or an index walks (a field or a local), or the channel field or local
// itself.
func (c *checker) sendFamily(f *fn, ch ast.Expr) types.Object {
	info := c.pass.TypesInfo
	if v := localVar(info, ch); v != nil {
		if f.scope != nil && f.scope.body != nil {
			if loop, _ := rangeOver(f.scope.body, v, info); loop != nil {
				return listID(info, loop.X)
			}
		}
		return v
	}
	return listID(info, ch)
}

// drainsFirst reports whether st is a non-blocking receive from ch and
// nothing else: select { case <-ch: default: }.
func drainsFirst(info *types.Info, st ast.Stmt, ch ast.Expr) bool {
	sel, ok := st.(*ast.SelectStmt)
	if !ok || len(sel.Body.List) != 2 {
		return false
	}
	var drains, hasDefault bool
	for _, cc := range sel.Body.List {
		cc := cc.(*ast.CommClause)
		if len(cc.Body) > 0 {
			return false
		}
		switch x := recvOperand(cc.Comm); {
		case cc.Comm == nil:
			hasDefault = true
		case x != nil && sameChan(info, x, ch):
			drains = true
		}
	}
	return drains && hasDefault
}

// sameChan reports whether a and b name the same channel: one local, or
// one field of the same expression.
func sameChan(info *types.Info, a, b ast.Expr) bool {
	if va, vb := localVar(info, a), localVar(info, b); va != nil || vb != nil {
		return va == vb
	}
	id := chanID(info, a)
	return id != nil && id == chanID(info, b) && types.ExprString(a) == types.ExprString(b)
}
