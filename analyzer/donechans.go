package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// Done channels (B1 across a type): a constructor makes a value, gives
// one of its channel fields a buffer of k, and then starts at most k
// goroutines on that value, each of which sends on the field only as its
// last act:
//
//	inst := Instance{...}
//	inst.done = make(chan error, 1)
//	go inst.run(ctx)    // every send on inst.done in run is followed by a return
//	return &inst, nil
//
// Each value gets its own channel and at most k sends, so the buffer
// holds them all, whether anyone reads the channel or not (orbit.go's
// consumer groups hand it out through Done(), and a caller that never
// asks is not wrong). It needs the make to be the field's only store, on
// a new value the constructor declared (a literal, new(T)), outside any
// loop or literal; every goroutine that sends on the field started there,
// after the make, on that value, each send on that value's own field (not
// t.parent.done); the bodies they run unexported, called by nothing else
// and by no interface method of their name; and the channel kept in the
// field, handed out only receive-only (Done() <-chan error), so that no
// copy of it reaches a sender the rule does not count.

// doneChanFits reports whether the send s is one of those last sends.
func (c *checker) doneChanFits(s *ast.SendStmt) bool {
	field, ok := chanID(c.pass.TypesInfo, s.Chan).(*types.Var)
	if !ok || !field.IsField() || len(c.chans.fieldStores[field]) != 1 {
		return false
	}
	fits, seen := c.chans.doneChans[field]
	if !seen {
		fits = c.isDoneChan(field)
		c.chans.doneChans[field] = fits
	}
	return fits
}

// isDoneChan reports whether the package's every send on field is the
// last act of a goroutine its constructor made room for.
func (c *checker) isDoneChan(field *types.Var) bool {
	info := c.pass.TypesInfo
	made := c.chans.fieldStores[field][0]
	size, ok := makeSize(info, made)
	if !ok || !size.constant || size.k < 1 {
		return false
	}
	maker, base := c.freshMaker(made)
	if maker == nil {
		return false
	}
	bodies, goroutines, ok := c.doneSenders(maker, made, base, field)
	if !ok || goroutines == 0 || int64(goroutines) > size.k {
		return false
	}
	sends := 0
	for body := range bodies {
		sends += exitReports(info, body, field)
	}
	return sends == len(c.chans.requests[field]) && c.sendsFrom(field, bodies, base) && c.keptIn(field)
}

// calledThroughInterface reports whether the package calls an interface
// method of that name: a go statement through it may start a body the
// package cannot name.
func (c *checker) calledThroughInterface(name string) bool {
	for _, sel := range c.pass.TypesInfo.Selections {
		if sel.Kind() == types.MethodVal && types.IsInterface(sel.Recv()) && sel.Obj().Name() == name {
			return true
		}
	}
	return false
}

// keptIn reports whether every use of the channel field is its store, a
// send or receive on it, a nil check, len or cap, a range over it, or a
// return from a function whose result is receive-only: the channel never
// reaches a sender the rule does not count.
func (c *checker) keptIn(field *types.Var) bool {
	info := c.pass.TypesInfo
	ok := true
	c.inspectWithAncestors(func(n ast.Node, ancestors []ast.Node) bool {
		if id, isID := n.(*ast.Ident); isID && info.Uses[id] == field {
			ok = keptUse(info, ancestors, id)
		}
		return ok
	})
	return ok
}

// keptUse reports whether the use id of a channel field, inside the
// nodes of stack (innermost last), is one keptIn allows.
func keptUse(info *types.Info, stack []ast.Node, id *ast.Ident) bool {
	if len(stack) < 2 {
		return false
	}
	if kv, ok := stack[len(stack)-1].(*ast.KeyValueExpr); ok {
		return kv.Key == ast.Expr(id) // the store, in a literal
	}
	sel, ok := stack[len(stack)-1].(*ast.SelectorExpr)
	if !ok {
		return false
	}
	switch p := stack[len(stack)-2].(type) {
	case *ast.SendStmt:
		return p.Chan == ast.Expr(sel)
	case *ast.UnaryExpr:
		return p.Op == token.ARROW
	case *ast.RangeStmt:
		return p.X == ast.Expr(sel)
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == ast.Expr(sel) {
				return true // the store
			}
		}
	case *ast.BinaryExpr:
		return isNil(info, p.X) || isNil(info, p.Y)
	case *ast.CallExpr:
		return isBuiltin(info, p.Fun, "len") || isBuiltin(info, p.Fun, "cap")
	case *ast.ReturnStmt:
		return len(p.Results) == 1 && returnsRecvOnly(info, stack)
	}
	return false
}

// returnsRecvOnly reports whether the innermost function of stack has
// one result, a receive-only channel.
func returnsRecvOnly(info *types.Info, stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		var ft *ast.FuncType
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			ft = f.Type
		case *ast.FuncLit:
			ft = f.Type
		default:
			continue
		}
		if ft.Results == nil || len(ft.Results.List) != 1 || len(ft.Results.List[0].Names) > 1 {
			return false
		}
		t := info.TypeOf(ft.Results.List[0].Type)
		if t == nil {
			return false
		}
		ch, ok := t.Underlying().(*types.Chan)
		return ok && ch.Dir() == types.RecvOnly
	}
	return false
}

// freshMaker returns the declaration whose body holds the store made,
// outside any loop or literal, and the local variable of that body the
// store sets a field of: base.f = made, or base := T{f: made} (&T too).
func (c *checker) freshMaker(made ast.Expr) (*fn, *types.Var) {
	info := c.pass.TypesInfo
	g, fi := c.declOf(made.Pos()), c.fileOf(made.Pos())
	if g == nil || fi == nil {
		return nil, nil
	}
	path, _ := astutil.PathEnclosingInterval(fi.file, made.Pos(), made.End())
	base := storeBase(info, path)
	if base == nil || base.Pos() < g.body.Pos() || base.Pos() > g.body.End() {
		return nil, nil // a parameter, a receiver or a global
	}
	for _, n := range path {
		switch n.(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
			return nil, nil
		}
	}
	g.scope.build(info)
	if len(g.scope.stored[base]) != 1 || !newValue(info, base, g.scope.stored[base][0]) {
		return nil, nil // more than one value, or one that may be shared
	}
	return g, base
}

// newValue reports whether value, the one value stored in v, is a value
// of its own: a composite literal, its address, new(T), or the zero value
// of a struct variable (var v T).
func newValue(info *types.Info, v *types.Var, value ast.Expr) bool {
	switch x := ast.Unparen(value).(type) {
	case nil:
		return !isPointer(v.Type())
	case *ast.CompositeLit:
		return true
	case *ast.UnaryExpr:
		_, lit := ast.Unparen(x.X).(*ast.CompositeLit)
		return x.Op == token.AND && lit
	case *ast.CallExpr:
		return isBuiltin(info, x.Fun, "new")
	}
	return false
}

// storeBase returns the variable whose field the first node of path (a
// path from astutil, innermost first) is stored in: the root of the
// selector it is assigned to, or the variable that a composite literal
// holding it initialises.
func storeBase(info *types.Info, path []ast.Node) *types.Var {
	if len(path) < 2 {
		return nil
	}
	value := path[0]
	switch parent := path[1].(type) {
	case *ast.AssignStmt:
		for i, r := range parent.Rhs {
			if r == value && len(parent.Lhs) == len(parent.Rhs) {
				fields, base := fieldPath(info, parent.Lhs[i])
				if len(fields) == 1 {
					return base
				}
			}
		}
	case *ast.KeyValueExpr:
		if len(path) < 4 {
			return nil
		}
		lit, init := path[2], path[3]
		if _, ok := init.(*ast.UnaryExpr); ok && len(path) >= 5 {
			lit, init = init, path[4]
		}
		if as, ok := init.(*ast.AssignStmt); ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 && as.Rhs[0] == lit {
			return localVar(info, as.Lhs[0])
		}
	}
	return nil
}

// doneSenders finds the go statements of the package that start a body
// sending on field. Each must be in maker, after made, outside any loop
// or literal, and start its body on base (a method of base's value, or a
// literal); bodies holds the bodies, goroutines counts the statements.
// ok is false otherwise, or when a declared body is also called or used
// as a value.
func (c *checker) doneSenders(maker *fn, made ast.Expr, base *types.Var, field *types.Var) (bodies map[*ast.BlockStmt]bool, goroutines int, ok bool) {
	info := c.pass.TypesInfo
	bodies = make(map[*ast.BlockStmt]bool)
	inMaker := make(map[*ast.GoStmt]bool)
	for _, g := range ownGoStmts(maker.body) {
		if g.Pos() > made.End() && c.startsOn(g, base) {
			inMaker[g] = true
		}
	}
	starts := make(map[*types.Func]int)
	ok = true
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			g, isGo := n.(*ast.GoStmt)
			if !ok || !isGo {
				return ok
			}
			body := c.goBody(g)
			if exitReports(info, body, field) == 0 {
				return true
			}
			if !inMaker[g] {
				ok = false
				return false
			}
			bodies[body] = true
			goroutines++
			if obj := c.calleeOf(g.Call); obj != nil {
				starts[obj]++
			}
			return true
		})
	}
	for obj, n := range starts {
		ok = ok && !obj.Exported() && !c.calledThroughInterface(obj.Name()) && c.usesOf(obj) == n
	}
	return bodies, goroutines, ok
}

// ownGoStmts returns the go statements of body that run once per run of
// it: those outside its loops and literals.
func ownGoStmts(body *ast.BlockStmt) []*ast.GoStmt {
	var gos []*ast.GoStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
			return false
		case *ast.GoStmt:
			gos = append(gos, n)
		}
		return true
	})
	return gos
}

// startsOn reports whether the go statement g starts a literal, or a
// method called on base (or &base).
func (c *checker) startsOn(g *ast.GoStmt, base *types.Var) bool {
	switch fun := ast.Unparen(g.Call.Fun).(type) {
	case *ast.FuncLit:
		return true
	case *ast.SelectorExpr:
		recv := ast.Unparen(fun.X)
		if u, ok := recv.(*ast.UnaryExpr); ok {
			recv = ast.Unparen(u.X)
		}
		id, ok := recv.(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] == base
	}
	return false
}

// usesOf counts the uses of obj in the package.
func (c *checker) usesOf(obj types.Object) int {
	n := 0
	for _, used := range c.pass.TypesInfo.Uses {
		if used == obj {
			n++
		}
	}
	return n
}

// sendsFrom reports whether every send of the package on field is in one
// of bodies, on the field of the value the body was started on: the
// receiver of a method, or, in a literal, the constructor's variable
// base.
func (c *checker) sendsFrom(field *types.Var, bodies map[*ast.BlockStmt]bool, base *types.Var) bool {
	for _, r := range c.chans.requests[field] {
		g := r.f
		if g.region != nil {
			g = g.region
		}
		if !bodies[g.body] {
			return false
		}
		want := base
		if g.obj != nil {
			want = g.sig.Recv()
		}
		if path, on := fieldPath(c.pass.TypesInfo, r.ch); want == nil || on != want || len(path) != 1 {
			return false // on another value's field: t.parent.done
		}
	}
	return true
}
