package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Feeds: the buffer rule through a constructor and a feed method (B1).
//
//	p := newPipeline(len(txs))        // in: make(chan T, n), n the parameter
//	for _, tx := range txs {
//		p.feed(tx)                    // func (p *pipeline) feed(x T) { p.in <- x }
//	}
//
// Every call of the feed method is counted in the function that made
// its receiver, as the sends of a local buffer are; when every such count
// fits the buffer the constructor made, the feed never waits
// (go-ethereum's receipt digest pipeline).

// feedsFit reports whether the send s is the whole body of a method f on
// a channel its receiver holds, and every call of f in the package is
// on a value made by a constructor whose buffer holds the calls.
func (c *checker) feedsFit(f *fn, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	if f.obj == nil || f.body == nil || len(f.body.List) != 1 || f.body.List[0] != ast.Stmt(s) {
		return false
	}
	recv := f.sig.Recv()
	path, root := fieldPath(info, s.Chan)
	if recv == nil || root != recv || len(path) == 0 {
		return false
	}
	calls := 0
	for _, g := range c.funcs {
		for _, cl := range g.calls {
			if cl.callee != f {
				continue
			}
			if !c.feedCallFits(g, cl.expr, f, path) {
				return false
			}
			calls++
		}
	}
	return calls > 0
}

// fieldPath returns the fields that e selects, outermost last, from the
// variable it starts at: p.receipts.in gives [receipts in] and p.
func fieldPath(info *types.Info, e ast.Expr) ([]*types.Var, *types.Var) {
	var path []*types.Var
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			f, ok := info.Uses[x.Sel].(*types.Var)
			if !ok || !f.IsField() {
				return nil, nil
			}
			path = append([]*types.Var{f}, path...)
			e = x.X
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			return path, v
		default:
			return nil, nil
		}
	}
}

// feedCallFits reports whether call, a call of the feed method in g, is
// on a local that g makes with a constructor, and g's calls of the feed
// on it fit the buffer the constructor makes at path.
func (c *checker) feedCallFits(g *fn, call *ast.CallExpr, feed *fn, path []*types.Var) bool {
	info := c.pass.TypesInfo
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v := localVar(info, sel.X)
	if v == nil {
		return false
	}
	made, ctor := c.constructorOf(g, v)
	if ctor == nil {
		return false
	}
	size, ok := c.madeAt(ctor, path, made)
	return ok && countFeeds(info, g.scope.body, v, feed.obj).fits(size)
}

// constructorOf returns the call that defines the local v in g, and the
// function of the package it calls, or nil.
func (c *checker) constructorOf(g *fn, v *types.Var) (*ast.CallExpr, *fn) {
	info := c.pass.TypesInfo
	g.scope.build(info)
	made, ok := ast.Unparen(g.scope.def(info, v)).(*ast.CallExpr)
	if !ok {
		return nil, nil
	}
	return made, c.byObj[c.calleeOf(made)]
}

// madeAt returns the buffer size that the constructor's returned
// composite literal makes at path, written as its call made would: a
// parameter's size is the argument given.
func (c *checker) madeAt(ctor *fn, path []*types.Var, made *ast.CallExpr) (chanSize, bool) {
	info := c.pass.TypesInfo
	lit := returnedLiteral(info, ctor)
	for i, field := range path {
		if lit == nil {
			return chanSize{}, false
		}
		st, ok := info.TypeOf(lit).Underlying().(*types.Struct)
		if !ok {
			return chanSize{}, false
		}
		var value ast.Expr
		for j, elt := range lit.Elts {
			if f, v := structField(st, j, elt); f != nil && f.Name() == field.Name() {
				value = v
			}
		}
		if i < len(path)-1 {
			lit, _ = ast.Unparen(value).(*ast.CompositeLit)
			continue
		}
		size, ok := makeSize(info, value)
		if !ok {
			return chanSize{}, false
		}
		mk := ast.Unparen(value).(*ast.CallExpr)
		if p := localVar(info, mk.Args[1]); p != nil {
			if k := ctor.paramIndex(p); k >= 0 && !ctor.scope.written(info, p) {
				size.expr = types.ExprString(argAt(info, made, k))
			}
		}
		return size, true
	}
	return chanSize{}, false
}

// returnedLiteral returns the composite literal ctor returns: return
// &T{...}, or p := &T{...} ... return p.
func returnedLiteral(info *types.Info, ctor *fn) *ast.CompositeLit {
	if ctor.body == nil || len(ctor.body.List) == 0 {
		return nil
	}
	ret, ok := ctor.body.List[len(ctor.body.List)-1].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil
	}
	e := ast.Unparen(ret.Results[0])
	if v := localVar(info, e); v != nil {
		ctor.scope.build(info)
		e = ast.Unparen(ctor.scope.def(info, v))
	}
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// countFeeds tallies the calls v.feed(...) in body, as the buffer rule
// tallies sends.
func countFeeds(info *types.Info, body *ast.BlockStmt, v *types.Var, feed *types.Func) *tally {
	t := new(tally)
	var visit func(n ast.Node, loops int, bound string)
	visit = func(n ast.Node, loops int, bound string) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit, *ast.GoStmt:
				if isFeedIn(info, n, v, feed) {
					t.many = true // elsewhere, any number of times
				}
				return false
			case *ast.ForStmt:
				visit(n.Body, loops+1, forBound(n))
				return false
			case *ast.RangeStmt:
				visit(n.Body, loops+1, rangeBound(info, n))
				return false
			case *ast.CallExpr:
				if isFeed(info, n, v, feed) {
					t.add(loops, bound)
				}
			}
			return true
		})
	}
	visit(body, 0, "")
	return t
}

// isFeed reports whether call is v.feed(...).
func isFeed(info *types.Info, call *ast.CallExpr, v *types.Var, feed *types.Func) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && info.Uses[sel.Sel] == feed && localVar(info, sel.X) == v
}

// isFeedIn reports whether n holds a call v.feed(...).
func isFeedIn(info *types.Info, n ast.Node, v *types.Var, feed *types.Func) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if call, ok := m.(*ast.CallExpr); ok && isFeed(info, call, v, feed) {
			found = true
		}
		return !found
	})
	return found
}

// Fresh values: the buffer rule for a value straight from a constructor
// (B1). A constructor that only returns a literal making a channel
// field with constant room gives its caller a value nobody else holds:
// the caller's sends on that field, made before the value is used in
// any other way (stored, passed, called), find the room the constructor
// made (litefs's subscribers get their first event before they are
// registered).
//
//	sub := newEventSubscriber(s)      // return &EventSubscriber{ch: make(chan Event, 1024)}
//	sub.ch <- Event{Type: EventTypeInit}
//	s.subscribers[sub] = struct{}{}

// freshFits reports whether the send s, in f, is on a field of a local
// that a constructor of the package has just made with room, before
// anything else uses the local.
func (c *checker) freshFits(f *fn, s *ast.SendStmt) bool {
	info := c.pass.TypesInfo
	path, root := fieldPath(info, s.Chan)
	if root == nil || len(path) == 0 {
		return false
	}
	made, ctor := c.constructorOf(f, root)
	if ctor == nil || ctor.body == nil || len(ctor.body.List) != 1 {
		return false // a constructor that does more may publish the value
	}
	size, ok := c.madeAt(ctor, path, made)
	if !ok || !size.constant {
		return false
	}
	return f.scope.tallies[path[len(path)-1]].fits(size) && sentBeforeUse(info, f.scope.body, root, path[len(path)-1])
}

// sentBeforeUse reports whether every send on a field of v in body comes
// before every other use of v, the one that defines it aside.
func sentBeforeUse(info *types.Info, body *ast.BlockStmt, v, field *types.Var) bool {
	lastSend, firstUse := token.NoPos, token.NoPos
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SendStmt:
			if path, root := fieldPath(info, n.Chan); root == v && len(path) > 0 && path[len(path)-1] == field {
				lastSend = n.Pos()
				ast.Inspect(n.Value, func(m ast.Node) bool {
					if id, ok := m.(*ast.Ident); ok && info.Uses[id] == v && !firstUse.IsValid() {
						firstUse = id.Pos()
					}
					return true
				})
				return false
			}
		case *ast.Ident:
			if info.Uses[n] == v && !firstUse.IsValid() {
				firstUse = n.Pos()
			}
		}
		return true
	})
	return lastSend.IsValid() && (!firstUse.IsValid() || lastSend < firstUse)
}
