package analyzer

import (
	"go/ast"
	"go/types"
)

// A fan-out dispatcher sends each value to every member of a set of
// subscribers: a range over a map or slice of channels, or of structs
// holding one. One slow or departed subscriber stalls all the others, so
// a bare fan-out send is a finding wherever it runs, hot path or not
// (the watch multiplexer and alert-store hangs of REAL-BUGS.md).

// subscribers notes the range variables of s that hold subscribers, so
// that sends on them inside the body are known as fan-out sends, and
// returns a function that forgets them again after the body.
func (w *walker) subscribers(s *ast.RangeStmt) (forget func()) {
	info := w.c.pass.TypesInfo
	var key, elem types.Type
	xt := info.TypeOf(s.X)
	if xt == nil {
		return func() {} // ill-typed
	}
	switch t := types.Unalias(xt).Underlying().(type) {
	case *types.Map:
		key, elem = t.Key(), t.Elem()
	case *types.Slice:
		elem = t.Elem()
	case *types.Array:
		elem = t.Elem()
	case *types.Pointer: // a pointer to an array
		if a, ok := t.Elem().Underlying().(*types.Array); ok {
			elem = a.Elem()
		}
	default:
		return func() {}
	}
	var added []*types.Var
	note := func(e ast.Expr, t types.Type) {
		if v := localVar(info, e); v != nil && t != nil && holdsChan(t) {
			if w.subs == nil {
				w.subs = make(map[*types.Var]string)
			}
			w.subs[v] = exprString(s.X)
			added = append(added, v)
		}
	}
	note(s.Key, key)
	note(s.Value, elem)
	note(s.Key, elem) // subs[k] <- v: the key names the subscriber too
	return func() {
		for _, v := range added {
			delete(w.subs, v)
		}
	}
}

// holdsChan reports whether t is a channel, or a struct (or pointer to
// one) with a channel field.
func holdsChan(t types.Type) bool {
	if p, ok := types.Unalias(t).Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Chan:
		return true
	case *types.Struct:
		for i := range u.NumFields() {
			if _, ok := u.Field(i).Type().Underlying().(*types.Chan); ok {
				return true
			}
		}
	}
	return false
}

// fanOutSet returns the set of subscribers whose member ch names, inside
// a fan-out loop: ch is a subscriber variable, a field path from one
// (sub.ch), or the set indexed by one (subs[id]); else "".
func (w *walker) fanOutSet(ch ast.Expr) string {
	if len(w.subs) == 0 {
		return ""
	}
	info := w.c.pass.TypesInfo
	for {
		switch e := ast.Unparen(ch).(type) {
		case *ast.Ident:
			return w.subs[localVar(info, e)]
		case *ast.SelectorExpr:
			ch = e.X
		case *ast.IndexExpr:
			if set := w.subs[localVar(info, e.Index)]; set != "" {
				return set
			}
			ch = e.X
		case *ast.StarExpr:
			ch = e.X
		default:
			return ""
		}
	}
}

// selectFanOut returns the set of subscribers a send case of s sends to,
// if it is inside a fan-out loop.
func (w *walker) selectFanOut(s *ast.SelectStmt) string {
	for _, cc := range s.Body.List {
		if send, ok := cc.(*ast.CommClause).Comm.(*ast.SendStmt); ok {
			if set := w.fanOutSet(send.Chan); set != "" {
				return set
			}
		}
	}
	return ""
}
