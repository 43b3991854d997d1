package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
)

// A scope holds what hotblock knows about the local variables of one
// function declaration and the literals inside it. It is built on first
// use: most functions never ask.
type scope struct {
	body  *ast.BlockStmt
	built bool
	// defs maps each variable assigned exactly once to its value (for
	// v, w := f(), v maps to the call).
	defs map[*types.Var]ast.Expr
	// writes counts the assignments to each variable.
	writes map[*types.Var]int
	// sends counts the sends on each variable, manySends for one in a loop.
	sends map[*types.Var]int
	// tokens holds the first receive from each channel (K1), released the
	// channels that goroutines the declaration starts receive from (K2);
	// both are filled by the walk (protocols.go).
	tokens   map[types.Object]token.Pos
	released map[types.Object]bool
	// fieldMakes holds the constant buffer of a channel field that the
	// declaration sets (x.f = make(chan T, k)), fieldSends the sends on
	// that field in the declaration.
	fieldMakes map[*types.Var]int64
	fieldSends map[*types.Var]int
}

// manySends stands for a send that can run any number of times.
const manySends = math.MaxInt

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
	s.sends = make(map[*types.Var]int)
	s.writes = make(map[*types.Var]int)
	s.fieldMakes = make(map[*types.Var]int64)
	s.fieldSends = make(map[*types.Var]int)
	assign := func(lhs ast.Expr, value ast.Expr) {
		if f := channelField(info, lhs); f != nil {
			if k, ok := constantBuffer(info, value); ok {
				s.fieldMakes[f] = k
			}
		}
		if v := localVar(info, lhs); v != nil {
			s.writes[v]++
			if value != nil {
				s.defs[v] = value
			}
		}
	}
	// Sends on other goroutines (inside a go statement) are not counted:
	// they wait for their own turn, as in a token-passing pattern, and do
	// not fill the buffer ahead of this body's sends.
	var visit func(n ast.Node, loops int, other bool)
	visit = func(n ast.Node, loops int, other bool) {
		if n == nil {
			return
		}
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GoStmt:
				visit(n.Call, loops, true)
				return false
			case *ast.ForStmt:
				visit(n.Init, loops, other)
				visit(n.Body, loops+1, other)
				visit(n.Post, loops+1, other)
				return false
			case *ast.RangeStmt:
				for range 2 { // a range variable is assigned per iteration
					assign(n.Key, nil)
					assign(n.Value, nil)
				}
				visit(n.X, loops, other)
				visit(n.Body, loops+1, other)
				return false
			case *ast.AssignStmt:
				s.assignments(n.Lhs, n.Rhs, assign)
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				s.assignments(lhs, n.Values, assign)
			case *ast.IncDecStmt:
				assign(n.X, nil)
				assign(n.X, nil)
			case *ast.UnaryExpr:
				if n.Op == token.AND { // &v: written who knows where
					assign(n.X, nil)
					assign(n.X, nil)
				}
			case *ast.SendStmt:
				if v := localVar(info, n.Chan); v != nil && !other {
					s.countSend(v, loops)
				}
				if f := channelField(info, n.Chan); f != nil && !other {
					s.fieldSends[f] = addSend(s.fieldSends[f], loops)
				}
			}
			return true
		})
	}
	visit(s.body, 0, false)
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

func (s *scope) countSend(v *types.Var, loops int) {
	s.sends[v] = addSend(s.sends[v], loops)
}

// addSend counts one more send, at loop depth loops, to n.
func addSend(n, loops int) int {
	if loops > 0 || n == manySends {
		return manySends
	}
	return n + 1
}

// channelField returns the field e selects, if it is a channel field.
func channelField(info *types.Info, e ast.Expr) *types.Var {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	f, ok := info.Uses[sel.Sel].(*types.Var)
	if !ok || !f.IsField() || !isChan(f.Type()) {
		return nil
	}
	return f
}

// constantBuffer returns k if e is make(chan T, k) with constant k.
func constantBuffer(info *types.Info, e ast.Expr) (int64, bool) {
	mk, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(mk.Args) != 2 || !isBuiltin(info, mk.Fun, "make") {
		return 0, false
	}
	size := info.Types[mk.Args[1]].Value
	if size == nil || size.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(size)
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

// fitsBuffer reports whether a send on ch cannot block because ch is a
// local channel made with a constant buffer at least as large as the
// number of sends on it in the declaration.
func (c *checker) fitsBuffer(f *fn, ch ast.Expr) bool {
	info := c.pass.TypesInfo
	if field := channelField(info, ch); field != nil {
		// A field the declaration itself makes: x.f = make(chan T, 1);
		// x.f <- token (a channel used as a mutex, filled at start).
		f.scope.build(info)
		k, ok := f.scope.fieldMakes[field]
		return ok && int64(f.scope.fieldSends[field]) <= k
	}
	v := localVar(info, ch)
	if v == nil {
		return false
	}
	n, ok := constantBuffer(info, f.scope.def(info, v))
	return ok && int64(f.scope.sends[v]) <= n
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
