package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Semaphore types (K2 through methods): a type whose methods take a slot
// of a buffered channel field by sending on it (Do, Acquire) and give it
// back by a receive whose value they drop (Done, Release) is a counting
// semaphore. Waiting in its acquire method is waiting for a holder to
// give a slot back; when the holders are goroutines that the caller
// starts and that release on every path, the wait ends as they finish,
// as for a limiter channel the function fills itself (K2).
//
// The acquire and the release are often in another package from the
// code that holds the slots (badger's y.Throttle), so Summary carries
// both: Acquires on the method whose every wait is for a slot of its
// receiver's field, Releases on the method that gives one back.

// A slotKey names the semaphore a call acquires or releases: the
// variable or field that holds it, and the field of its type that holds
// the slots.
type slotKey struct {
	holder types.Object
	field  string
}

// receiverSlot returns the name of the field of f's receiver that ch
// reads, when f is a method and ch is recv.field: a wait on it may be a
// wait for a slot of the receiver's semaphore.
func (c *checker) receiverSlot(f *fn, ch ast.Expr) string {
	if f.lit != nil || f.sig == nil || f.sig.Recv() == nil {
		return ""
	}
	sel, ok := ast.Unparen(ch).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok || c.pass.TypesInfo.Uses[id] != f.sig.Recv() {
		return ""
	}
	if v, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var); !ok || !v.IsField() {
		return ""
	}
	return sel.Sel.Name
}

// selectSlot returns the receiver field that a send case of the select s
// in f waits for a slot of, if any.
func (c *checker) selectSlot(f *fn, s *ast.SelectStmt) string {
	for _, cc := range s.Body.List {
		if send, ok := cc.(*ast.CommClause).Comm.(*ast.SendStmt); ok {
			if field := c.receiverSlot(f, send.Chan); field != "" {
				return field
			}
		}
	}
	return ""
}

// releasedSlot returns the field of f's receiver that f gives a slot of
// the receiver's semaphore back to, or "".
func (c *checker) releasedSlot(f *fn) string {
	if f.lit != nil || len(c.semaphoreFields()[recvNamed(f.sig)]) == 0 {
		return "" // most functions: not a method of a semaphore type
	}
	field := c.dropsFrom(f)
	if c.semaphoreFields()[recvNamed(f.sig)][field] {
		return field
	}
	return ""
}

// isSemaphore reports whether field is a semaphore of f's receiver type:
// f's waits on it are then waits for a slot.
func (c *checker) isSemaphore(f *fn, field string) bool {
	return field != "" && c.semaphoreFields()[recvNamed(f.sig)][field]
}

// semaphoreFields returns, for each named type of the package, its
// channel fields that one of its methods sends on and another receives
// from, dropping the value, outside any loop.
func (c *checker) semaphoreFields() map[*types.Named]map[string]bool {
	if c.semaphores != nil {
		return c.semaphores
	}
	c.semaphores = make(map[*types.Named]map[string]bool)
	sends := make(map[*types.Named]map[string]bool)
	drops := make(map[*types.Named]map[string]bool)
	mark := func(m map[*types.Named]map[string]bool, t *types.Named, field string) {
		if m[t] == nil {
			m[t] = make(map[string]bool)
		}
		m[t][field] = true
	}
	for _, f := range c.funcs {
		t := recvNamed(f.sig)
		if f.lit != nil || t == nil {
			continue
		}
		if field := c.dropsFrom(f); field != "" {
			mark(drops, t, field)
		}
		for _, field := range c.sendsTo(f) {
			mark(sends, t, field)
		}
	}
	for t, fields := range drops {
		for field := range fields {
			if sends[t][field] {
				mark(c.semaphores, t, field)
			}
		}
	}
	return c.semaphores
}

// dropsFrom returns the field of f's receiver that f receives one value
// from and drops, outside any loop (a loop that receives is a worker
// draining, not a release): <-recv.field, or a select whose only other
// case is default.
func (c *checker) dropsFrom(f *fn) string {
	if f == nil || f.body == nil {
		return ""
	}
	field := ""
	ast.Inspect(f.body, func(n ast.Node) bool {
		if field != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
			return false
		case *ast.ExprStmt:
			if u, ok := ast.Unparen(n.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				field = c.receiverSlot(f, u.X)
			}
		case *ast.SelectStmt:
			field = c.tryDrop(f, n)
		}
		return true
	})
	return field
}

// tryDrop returns the receiver field of select { case <-recv.field:
// default: }, or "".
func (c *checker) tryDrop(f *fn, s *ast.SelectStmt) string {
	field := ""
	for _, cc := range s.Body.List {
		switch comm := cc.(*ast.CommClause).Comm.(type) {
		case nil:
		case *ast.ExprStmt:
			if field != "" {
				return ""
			}
			if field = c.receiverSlot(f, recvOperand(comm)); field == "" {
				return ""
			}
		default:
			return ""
		}
	}
	return field
}

// sendsTo returns the fields of f's receiver that f sends on.
func (c *checker) sendsTo(f *fn) []string {
	var fields []string
	ast.Inspect(f.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt:
			if field := c.receiverSlot(f, n.Chan); field != "" {
				fields = append(fields, field)
			}
		}
		return true
	})
	return fields
}

// recvNamed returns the named type of a method's receiver, or nil.
func recvNamed(sig *types.Signature) *types.Named {
	if sig == nil || sig.Recv() == nil {
		return nil
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// acquiredSlot returns the receiver field whose slot the op o of f waits
// for, when its type is a semaphore.
func (c *checker) acquiredSlot(f *fn, o *op) string {
	if o.slot != "" && c.isSemaphore(f, o.slot) {
		return o.slot
	}
	return ""
}

// noteReleasedSlots records, for each declaration, the semaphores that
// the goroutines it starts give a slot back to on every path: a deferred
// release, or one in a statement of the goroutine's body that no earlier
// statement can return before.
func (c *checker) noteReleasedSlots() {
	for _, g := range c.chans.launched {
		for _, s := range g.body.List {
			call := releaseCall(s)
			if key, ok := c.releaseKey(call); ok {
				if g.scope.slotsReleased == nil {
					g.scope.slotsReleased = make(map[slotKey]bool)
				}
				g.scope.slotsReleased[key] = true
			}
			if _, deferred := s.(*ast.DeferStmt); !deferred && mayReturn(s) {
				break
			}
		}
	}
}

// releaseCall returns the call of a statement that is a call or defers
// one, or nil.
func releaseCall(s ast.Stmt) *ast.CallExpr {
	switch s := s.(type) {
	case *ast.DeferStmt:
		return s.Call
	case *ast.ExprStmt:
		call, _ := ast.Unparen(s.X).(*ast.CallExpr)
		return call
	}
	return nil
}

// releaseKey returns the semaphore that call gives a slot back to, if it
// calls a release method of this package or, by its fact, of another.
func (c *checker) releaseKey(call *ast.CallExpr) (slotKey, bool) {
	if call == nil {
		return slotKey{}, false
	}
	callee := c.calleeOf(call)
	holder := chanID(c.pass.TypesInfo, receiver(call))
	if callee == nil || holder == nil {
		return slotKey{}, false
	}
	field := ""
	if g := c.byObj[callee]; g != nil {
		field = c.releasedSlot(g)
	} else if s := new(Summary); c.pass.ImportObjectFact(callee, s) {
		field = s.Releases
	}
	return slotKey{holder, field}, field != ""
}

// slotReleased reports whether the call e, in f, takes a slot of a
// semaphore (its callee acquires field of its receiver) that goroutines
// f's declaration starts give back.
func (c *checker) slotReleased(f *fn, e *ast.CallExpr, field string) bool {
	if field == "" || f.scope == nil {
		return false
	}
	holder := chanID(c.pass.TypesInfo, receiver(e))
	return holder != nil && f.scope.slotsReleased[slotKey{holder, field}]
}
