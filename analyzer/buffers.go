package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
)

// A send to a channel that the same declaration makes with room for
// every send it makes cannot block: a constant buffer at least as large
// as the number of sends, or a buffer sized by the very bound of the one
// loop that sends (make(chan T, len(xs)) filled by a range over xs,
// make(chan T, n) by a loop of n). A channel field made and filled that
// way is a token pool: later sends on it give tokens back.

// A chanSize is the buffer of a make(chan T, size) call.
type chanSize struct {
	k        int64  // the size, if constant
	constant bool   // the size is a constant
	expr     string // the size as written
	// For max(a, b, ...): the arguments as written, each a size the
	// buffer is at least, and the largest constant among them.
	atLeast []string
	floor   int64
}

// A tally counts the sends on one channel in a declaration.
type tally struct {
	plain  int    // sends outside loops
	bound  string // the bound of the one loop with a send, if any
	looped int    // sends in that loop's body
	many   bool   // a send that can run any number of times
	// exits holds the bodies whose exit sends were counted: one send for
	// each body, however many exits it has (exits.go).
	exits map[*ast.FuncLit]bool
}

// countSend tallies a send on ch at loop depth loops, in a loop of the
// given bound ("" if unknown).
func (s *scope) countSend(info *types.Info, send *ast.SendStmt, loops int, bound string) {
	ch := send.Chan
	var obj types.Object
	if v := localVar(info, ch); v != nil {
		obj = v
		loops -= min(loops, s.depth[v]) // counted per channel made
	} else if f := channelField(info, ch); f != nil {
		obj = f
	} else {
		return
	}
	t := s.tallies[obj]
	if t == nil {
		t = new(tally)
		s.tallies[obj] = t
	}
	if g, ok := s.exits[send]; ok && (g == nil || s.onceLits[g]) {
		if t.exits == nil {
			t.exits = make(map[*ast.FuncLit]bool)
		}
		t.exits[g] = true // one for all the exits of g's body
		return
	}
	t.add(loops, bound)
}

// add counts one send at loop depth loops, in a loop of the given bound.
func (t *tally) add(loops int, bound string) {
	switch {
	case loops == 0:
		t.plain++
	case loops == 1 && bound != "" && (t.bound == "" || t.bound == bound):
		t.bound = bound
		t.looped++
	default:
		t.many = true
	}
}

// fits reports whether a buffer of size holds every send of t.
func (t *tally) fits(size chanSize) bool {
	switch {
	case t == nil:
		return true
	case t.many:
		return false
	case t.looped > 0:
		return t.looped == 1 && t.plain == 0 && len(t.exits) == 0 && (size.expr == t.bound || slices.Contains(size.atLeast, t.bound))
	}
	n := int64(t.plain + len(t.exits))
	return size.constant && n <= size.k || n <= size.floor
}

// fills reports whether the sends of t, which fit a buffer of size, fill
// it: a token pool. Sends on other goroutines are not in t, so a buffer
// only they send on is not one (a done channel made in a constructor and
// sent on by a literal it starts is no pool that later sends refill).
func (t *tally) fills(size chanSize) bool {
	switch {
	case t == nil || t.many:
		return false
	case t.looped > 0:
		return true // once per slot, by fits
	}
	n := int64(t.plain + len(t.exits))
	return size.constant && n == size.k || size.floor > 0 && n == size.floor
}

// countHandouts tallies, for each local channel that the composite
// literal lit stores in a channel field, one hand-out at loop depth
// loops, in a loop of the given bound: one more request whose reply
// slot the channel is.
func (s *scope) countHandouts(info *types.Info, lit *ast.CompositeLit, loops int, bound string) {
	chanFields(info, lit, func(_ *types.Var, value ast.Expr) {
		v := localVar(info, value)
		if v == nil {
			return
		}
		t := s.handouts[v]
		if t == nil {
			t = new(tally)
			s.handouts[v] = t
		}
		t.add(loops-min(loops, s.depth[v]), bound)
	})
}

// roomForEach reports whether the local channel v is the reply slot of
// requests the declaration builds, one per iteration of the one loop
// that builds them, and is made with room for all of them
// (make(chan T, len(xs)) for a request per element of xs, boxo's
// wantlists); the declaration itself sends nothing on it. Each request
// gets one answer, so no answer waits.
func (s *scope) roomForEach(info *types.Info, v *types.Var) bool {
	s.build(info)
	t := s.handouts[v]
	if t == nil || s.tallies[v] != nil {
		return false
	}
	size, ok := makeSize(info, s.def(info, v))
	return ok && t.fits(size)
}

// noteMake records the size of a channel field the declaration makes.
func (s *scope) noteMake(info *types.Info, f *types.Var, value ast.Expr) {
	if size, ok := makeSize(info, value); ok {
		s.made[f] = size
	}
}

// noteFieldMakes records the channel fields a composite literal makes.
func (s *scope) noteFieldMakes(info *types.Info, lit *ast.CompositeLit) {
	chanFields(info, lit, func(f *types.Var, value ast.Expr) { s.noteMake(info, f, value) })
}

// chanFields calls visit with each channel field that the keyed
// composite literal lit sets, and its value.
func chanFields(info *types.Info, lit *ast.CompositeLit, visit func(f *types.Var, value ast.Expr)) {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if f, ok := info.Uses[key].(*types.Var); ok && f.IsField() && isChan(f.Type()) {
			visit(f, kv.Value)
		}
	}
}

// makeSize returns the buffer size of e, if e is make(chan T, size).
func makeSize(info *types.Info, e ast.Expr) (chanSize, bool) {
	mk, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(mk.Args) != 2 || !isBuiltin(info, mk.Fun, "make") {
		return chanSize{}, false
	}
	if _, isChan := info.TypeOf(mk).Underlying().(*types.Chan); !isChan {
		return chanSize{}, false // make([]chan T, n) is no buffer
	}
	size := chanSize{expr: types.ExprString(mk.Args[1])}
	if v := info.Types[mk.Args[1]].Value; v != nil && v.Kind() == constant.Int {
		size.k, size.constant = constant.Int64Val(v)
	}
	if m, ok := ast.Unparen(mk.Args[1]).(*ast.CallExpr); ok && isBuiltin(info, m.Fun, "max") {
		for _, arg := range m.Args {
			size.atLeast = append(size.atLeast, types.ExprString(arg))
			if v := info.Types[arg].Value; v != nil && v.Kind() == constant.Int {
				if k, exact := constant.Int64Val(v); exact {
					size.floor = max(size.floor, k)
				}
			}
		}
	}
	return size, true
}

// forBound returns n when a for loop runs for i := ...; i < n, else "".
func forBound(loop *ast.ForStmt) string {
	cond, ok := loop.Cond.(*ast.BinaryExpr)
	if !ok || cond.Op != token.LSS {
		return ""
	}
	return types.ExprString(cond.Y)
}

// rangeBound returns how many times a range loop runs, as a buffer size
// would be written: n for range n, len(xs) for range xs.
func rangeBound(info *types.Info, loop *ast.RangeStmt) string {
	t := info.TypeOf(loop.X)
	if t == nil {
		return ""
	}
	x := types.ExprString(loop.X)
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsInteger != 0 {
			return x
		}
		if u.Info()&types.IsString != 0 {
			return "" // runes, not bytes
		}
	case *types.Slice, *types.Array, *types.Map:
		return "len(" + x + ")"
	case *types.Pointer:
		return "len(" + x + ")"
	}
	return ""
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
	return f.Origin()
}

// fitsBuffer reports whether a send on ch cannot block because ch is a
// channel the declaration makes with room for every send it makes. A
// channel field made and filled to capacity that way is recorded as a
// token pool.
func (c *checker) fitsBuffer(f *fn, ch ast.Expr) bool {
	info := c.pass.TypesInfo
	f.scope.build(info)
	if field := channelField(info, ch); field != nil {
		size, ok := f.scope.made[field]
		t := f.scope.tallies[field]
		if !ok || !t.fits(size) {
			return false
		}
		if t.fills(size) {
			c.chans.pools[field] = true
		}
		return true
	}
	v := localVar(info, ch)
	if v == nil {
		return false
	}
	size, ok := makeSize(info, f.scope.def(info, v))
	return ok && f.scope.tallies[v].fits(size)
}

// exclusive visits branches of which at most one runs (the two sides of
// an if/else, the clauses of a switch) and keeps, for each channel, the
// sends of the branch that sends most: they are never all made.
func (s *scope) exclusive(branches []ast.Node, visit func(ast.Node)) {
	before := copyOf(s.tallies)
	var most map[types.Object]*tally
	for _, b := range branches {
		s.tallies = copyOf(before)
		visit(b)
		most = mostOf(most, s.tallies)
	}
	s.tallies = most
}

// copyOf returns a deep copy of tallies.
func copyOf(tallies map[types.Object]*tally) map[types.Object]*tally {
	out := make(map[types.Object]*tally, len(tallies))
	for obj, t := range tallies {
		c := *t
		if t.exits != nil {
			c.exits = make(map[*ast.FuncLit]bool, len(t.exits))
			for g := range t.exits {
				c.exits[g] = true
			}
		}
		out[obj] = &c
	}
	return out
}

// mostOf merges b into a (nil: none yet), keeping for each channel the
// larger count of each kind.
func mostOf(a, b map[types.Object]*tally) map[types.Object]*tally {
	if a == nil {
		return b
	}
	for obj, t := range b {
		u := a[obj]
		if u == nil {
			a[obj] = t
			continue
		}
		u.plain, u.looped = max(u.plain, t.plain), max(u.looped, t.looped)
		u.many = u.many || t.many || u.bound != "" && t.bound != "" && u.bound != t.bound
		if u.bound == "" {
			u.bound = t.bound
		}
		for g := range t.exits {
			if u.exits == nil {
				u.exits = make(map[*ast.FuncLit]bool)
			}
			u.exits[g] = true
		}
	}
	return a
}
