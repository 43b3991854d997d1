package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A scope holds what hotblock knows about the local variables of one
// function declaration and the literals inside it. It is built on first
// use: most functions never ask.
type scope struct {
	body  *ast.BlockStmt
	built bool
	// spawns reports whether a call starts its function arguments on
	// goroutines of their own (WaitGroup.Go).
	spawns func(*ast.CallExpr) bool
	// defs maps each variable assigned exactly once to its value (for
	// v, w := f(), v maps to the call).
	defs map[*types.Var]ast.Expr
	// writes counts the assignments to each variable.
	writes map[*types.Var]int
	// tallies counts the sends on each channel variable or field, made
	// the sizes of the channel fields the declaration makes (buffers.go).
	tallies map[types.Object]*tally
	made    map[*types.Var]chanSize
	// handouts counts, for each local channel, the composite literals
	// that store it in a channel field: the requests it is the reply
	// slot of (buffers.go).
	handouts map[*types.Var]*tally
	// slotsMade holds where the declaration first makes a channel for a
	// field of each variable (replies.go), filled as asked.
	slotsMade map[*types.Var]token.Pos
	// tokens holds the first receive from each channel (K1), released the
	// channels that goroutines the declaration starts receive from (K2);
	// both are filled by the walk (protocols.go).
	tokens   map[types.Object]token.Pos
	released map[types.Object]bool
	// slotsReleased holds the semaphores whose slots goroutines the
	// declaration starts give back on every path (semaphores.go).
	slotsReleased map[slotKey]bool
	// exits maps the sends that end their body to that body's literal
	// (nil: the declaration); onceLits holds the literals made outside
	// any loop of the declaration (exits.go).
	exits    map[*ast.SendStmt]*ast.FuncLit
	onceLits map[*ast.FuncLit]bool
	// stored lists the values assigned to each variable (nil for a
	// declaration without one); opaque holds the variables also written
	// otherwise (a range, ++, or through a pointer).
	stored map[*types.Var][]ast.Expr
	opaque map[*types.Var]bool
	// depth is the loop depth each variable is defined at with :=; a
	// channel made there is made anew each iteration.
	depth map[*types.Var]int
}

// noteDepth records the loop depth of the variables lhs defines.
func (s *scope) noteDepth(info *types.Info, lhs []ast.Expr, loops int) {
	for _, l := range lhs {
		if id, ok := l.(*ast.Ident); ok {
			if v, ok := info.Defs[id].(*types.Var); ok {
				s.depth[v] = loops
			}
		}
	}
}

// def returns the single value assigned to v in the declaration, or nil.
func (s *scope) def(info *types.Info, v *types.Var) ast.Expr {
	s.build(info)
	return s.defs[v]
}

// written reports whether v is assigned anywhere in the declaration
// (a parameter that is reassigned no longer holds the caller's value).
func (s *scope) written(info *types.Info, v *types.Var) bool {
	s.build(info)
	return s.writes[v] > 0
}

// build walks the declaration once to fill defs and sends.
func (s *scope) build(info *types.Info) {
	if s.built {
		return
	}
	s.built = true
	s.defs = make(map[*types.Var]ast.Expr)
	s.writes = make(map[*types.Var]int)
	s.tallies = make(map[types.Object]*tally)
	s.made = make(map[*types.Var]chanSize)
	s.handouts = make(map[*types.Var]*tally)
	s.exits = exitSends(info, s.body)
	s.stored = make(map[*types.Var][]ast.Expr)
	s.opaque = make(map[*types.Var]bool)
	s.depth = make(map[*types.Var]int)
	s.onceLits = make(map[*ast.FuncLit]bool)
	assign := func(lhs ast.Expr, value ast.Expr) {
		if f := channelField(info, lhs); f != nil {
			s.noteMake(info, f, value)
		}
		if v := localVar(info, lhs); v != nil {
			s.writes[v]++
			if value != nil {
				s.defs[v] = value
			}
		}
	}
	store := func(lhs, value ast.Expr) {
		assign(lhs, value)
		if v := localVar(info, lhs); v != nil {
			s.stored[v] = append(s.stored[v], value)
		}
	}
	opaque := func(lhs ast.Expr) {
		assign(lhs, nil)
		assign(lhs, nil)
		if v := localVar(info, lhs); v != nil {
			s.opaque[v] = true
		}
	}
	// A value stored from a tuple (a, b := f()) is not known.
	storeKnown := func(lhs, value ast.Expr) {
		if value == nil {
			opaque(lhs)
		} else {
			store(lhs, value)
		}
	}
	// Sends on other goroutines (a go statement's, or a literal that a
	// spawner such as WaitGroup.Go starts) are not counted: they wait for
	// their own turn, as in a token-passing pattern, and do not fill the
	// buffer ahead of this body's sends. other says the code visited runs
	// on such a goroutine.
	var visit func(n ast.Node, loops int, other bool, bound string)
	started := func(e ast.Expr, loops int, bound string) {
		if lit, ok := ast.Unparen(e).(*ast.FuncLit); ok {
			visit(lit.Body, loops, true, bound)
			return
		}
		visit(e, loops, true, bound)
	}
	visit = func(n ast.Node, loops int, other bool, bound string) {
		if n == nil {
			return
		}
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GoStmt:
				started(n.Call.Fun, loops, bound)
				for _, arg := range n.Call.Args {
					visit(arg, loops, other, bound)
				}
				return false
			case *ast.CallExpr:
				if s.spawns != nil && s.spawns(n) {
					visit(n.Fun, loops, other, bound)
					for _, arg := range n.Args {
						if _, lit := ast.Unparen(arg).(*ast.FuncLit); lit {
							started(arg, loops, bound)
						} else {
							visit(arg, loops, other, bound)
						}
					}
					return false
				}
			case *ast.ForStmt:
				visit(n.Init, loops, other, bound)
				visit(n.Body, loops+1, other, forBound(n))
				visit(n.Post, loops+1, other, "")
				return false
			case *ast.IfStmt:
				if n.Else == nil {
					return true
				}
				visit(n.Init, loops, other, bound)
				visit(n.Cond, loops, other, bound)
				s.exclusive([]ast.Node{n.Body, n.Else}, func(branch ast.Node) { visit(branch, loops, other, bound) })
				return false
			case *ast.SwitchStmt, *ast.TypeSwitchStmt:
				var init, tag ast.Node
				var body *ast.BlockStmt
				if sw, ok := n.(*ast.SwitchStmt); ok {
					init, tag, body = sw.Init, sw.Tag, sw.Body
				} else {
					sw := n.(*ast.TypeSwitchStmt)
					init, tag, body = sw.Init, sw.Assign, sw.Body
				}
				visit(init, loops, other, bound)
				visit(tag, loops, other, bound)
				clauses := make([]ast.Node, len(body.List))
				for i, cl := range body.List {
					clauses[i] = cl
				}
				s.exclusive(clauses, func(branch ast.Node) { visit(branch, loops, other, bound) })
				return false
			case *ast.RangeStmt:
				opaque(n.Key) // a range variable is assigned per iteration
				opaque(n.Value)
				visit(n.X, loops, other, bound)
				visit(n.Body, loops+1, other, rangeBound(info, n))
				return false
			case *ast.CompositeLit:
				s.noteFieldMakes(info, n)
				if !other {
					s.countHandouts(info, n, loops, bound)
				}
			case *ast.AssignStmt:
				if n.Tok == token.DEFINE {
					s.noteDepth(info, n.Lhs, loops)
				}
				if n.Tok == token.ASSIGN || n.Tok == token.DEFINE {
					s.assignments(n.Lhs, n.Rhs, storeKnown)
				} else {
					s.assignments(n.Lhs, n.Rhs, func(lhs, _ ast.Expr) { opaque(lhs) }) // x += y
				}
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				if len(n.Values) == 0 {
					s.assignments(lhs, nil, store) // the zero value
				} else {
					s.assignments(lhs, n.Values, storeKnown)
				}
			case *ast.IncDecStmt:
				opaque(n.X)
			case *ast.UnaryExpr:
				if n.Op == token.AND { // &v: written who knows where
					opaque(n.X)
				}
			case *ast.FuncLit:
				if loops == 0 && !other {
					s.onceLits[n] = true
				}
			case *ast.SendStmt:
				if !other {
					s.countSend(info, n, loops, bound)
				}
			}
			return true
		})
	}
	visit(s.body, 0, false, "")
	for v, n := range s.writes {
		if n != 1 {
			delete(s.defs, v)
		}
	}
}

// assignments records lhs[i] = rhs[i], or, for a tuple, lhs[0] = the call.
func (s *scope) assignments(lhs, rhs []ast.Expr, assign func(lhs, value ast.Expr)) {
	for i, l := range lhs {
		var value ast.Expr
		switch {
		case len(rhs) == len(lhs):
			value = rhs[i]
		case len(rhs) == 1 && i == 0:
			value = rhs[0]
		}
		assign(l, value)
	}
}

// localVar returns the variable e names, if e is a plain identifier of a
// non-global variable.
func localVar(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	obj := info.Defs[id]
	if obj == nil {
		obj = info.Uses[id]
	}
	v, ok := obj.(*types.Var)
	if !ok || v.IsField() || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	return v
}

// isBuiltin reports whether e names the predeclared function name.
func isBuiltin(info *types.Info, e ast.Expr, name string) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}
