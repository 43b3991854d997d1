package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// A checker holds the analysis of one package: its functions, what each
// may block on, and the checks that are enabled.
type checker struct {
	pass   *analysis.Pass
	checks checkSet
	files  map[*token.File]*fileInfo

	module    string                     // the package's module path, if known
	modules   []string                   // the modules setting
	rootRefs  []ref                      // the roots setting
	userAPIs  map[apiKey]*API            // the blocking setting
	contracts map[*types.TypeName]string // contract kinds, memoized ("" if none)
	// valueRoots are the roots found as values of contract types.
	valueRoots []root
	// loops are the event loops found by the walk, loopWaits their own
	// selects.
	loops     []eventLoop
	loopWaits map[*ast.SelectStmt]bool
	// chans is what the walk learns about the package's channels.
	chans channels

	funcs []*fn                // every body in the package, in source order
	byObj map[*types.Func]*fn  // declared functions and methods
	byLit map[*ast.FuncLit]*fn // function literals
	// spawnerOf memoizes whether a function of the package starts its
	// function argument on a goroutine (startsParam).
	spawnerOf map[*fn]bool
	// spawnerFact memoizes, for functions of other packages, whether
	// their fact says they start their function argument (Summary.Spawns).
	spawnerFact map[*types.Func]bool
	// semaphores memoizes the semaphore fields of the package's types
	// (semaphores.go).
	semaphores map[*types.Named]map[string]bool
	// callsTo indexes the package's calls by callee, once every body is
	// walked (turns.go).
	callsTo map[*fn][]*call
}

func newChecker(pass *analysis.Pass, cfg *Config) (*checker, error) {
	roots, err := parseRefs(cfg.Roots)
	if err != nil {
		return nil, err
	}
	blocking, err := parseRefs(cfg.Blocking)
	if err != nil {
		return nil, err
	}
	c := &checker{
		pass:        pass,
		checks:      cfg.checks(),
		files:       readFiles(pass.Fset, pass.Files),
		rootRefs:    roots,
		modules:     cfg.Modules,
		userAPIs:    make(map[apiKey]*API),
		contracts:   make(map[*types.TypeName]string),
		byObj:       make(map[*types.Func]*fn),
		byLit:       make(map[*ast.FuncLit]*fn),
		chans:       newChannels(),
		loopWaits:   make(map[*ast.SelectStmt]bool),
		spawnerOf:   make(map[*fn]bool),
		spawnerFact: make(map[*types.Func]bool),
	}
	if pass.Module != nil {
		c.module = pass.Module.Path
	}
	for _, r := range blocking {
		c.userAPIs[apiKey(r)] = &API{
			Pkg: r.pkg, Recv: r.recv, Name: r.name, Check: CheckCall, CtxArg: -1,
			Why: "the blocking setting says it may block forever",
		}
	}
	return c, nil
}

// A fn is one function body of the package: a declared function or
// method, or a function literal.
type fn struct {
	obj   *types.Func  // nil for a literal
	lit   *ast.FuncLit // nil for a declaration
	sig   *types.Signature
	body  *ast.BlockStmt
	name  string // as a stack trace shows it, without the package: "(*Server).routes.func1"
	scope *scope // locals of the enclosing declaration

	// route is the pattern a literal handler was registered for, if any.
	route string
	// hotpath: declared a root by //hotblock:hotpath or the roots setting.
	hotpath bool
	// nonblocking: declared //hotblock:nonblocking; calls never block.
	nonblocking bool
	// goroutine: the body runs on a goroutine its declaration starts.
	goroutine bool
	// lits counts the literals directly inside, to name them func1, func2...
	lits int
	// region is, for the case bodies of an event loop, the body that
	// holds the loop.
	region *fn

	ops        []*op   // operations that may wait, in source order
	calls      []*call // calls of other bodies of this package
	paramCalls uint64  // parameters (function values) called directly

	sum  Summary // the fixed point's result
	scc  sccState
	pos  token.Pos
	qual string // name qualified by the package name, for facts
}

// A call is a call from one body of the package to another, whose effect
// is known only once the callee is summarised.
type call struct {
	expr   *ast.CallExpr
	callee *fn
	// funcArgs are function values passed to the callee; they run on this
	// goroutine if the callee calls them (its SyncParams).
	funcArgs []funcArg
	// held are the mutexes the caller holds during the call.
	held []string
	// handling is the channel whose received value the call handles;
	// then, the statement that runs right after the call, if known.
	handling types.Object
	then     ast.Stmt
	// nonNil are the locals an enclosing if has checked are not nil;
	// bools, what enclosing ifs require of bool locals; zeros, the
	// numeric locals they require to be zero.
	nonNil []*types.Var
	bools  []boolGuard
	zeros  []*types.Var
	// deferred: the call is a defer statement's.
	deferred bool
}

// A funcArg is a function value passed as the index-th argument: a body
// of this package, or the caller's own parameter param.
type funcArg struct {
	index int
	body  *fn
	param int // -1 unless the argument is a parameter of the caller
}

// collect creates a fn for every function body in the package and walks
// each one for the operations and calls it holds.
func (c *checker) collect() {
	var decls []*fn
	for _, file := range c.pass.Files {
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Body != nil {
					f := c.declare(d)
					c.declareFunc(d, f)
					decls = append(decls, f)
				}
			case *ast.GenDecl:
				c.declareTypes(d)
			}
		}
	}
	// Declarations first, so that calls to functions declared later
	// resolve; literals are created as the walk meets them.
	for _, f := range decls {
		c.funcs = append(c.funcs, f)
		c.walk(f)
	}
	// The protocols around channels are known once every body is walked.
	c.findOwned()
	c.noteStartedReleases()
	c.noteReleasedSlots()
	for _, f := range c.funcs {
		c.exemptSends(f)
	}
}

// declare creates the fn of a function declaration.
func (c *checker) declare(fd *ast.FuncDecl) *fn {
	obj, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if obj == nil {
		// Only a broken package lacks the object; keep the body anyway.
		obj = types.NewFunc(fd.Name.Pos(), c.pass.Pkg, fd.Name.Name, new(types.Signature))
	}
	f := &fn{
		obj:   obj,
		sig:   obj.Signature(),
		body:  fd.Body,
		name:  funcName(obj, false),
		qual:  funcName(obj, true),
		scope: &scope{body: fd.Body, spawns: c.isSpawner},
		pos:   fd.Pos(),
	}
	c.byObj[obj] = f
	return f
}

// literal returns the fn of a function literal inside parent, creating
// and walking it on first sight.
func (c *checker) literal(lit *ast.FuncLit, parent *fn) *fn {
	return c.literalOn(lit, parent, false)
}

// literalOn is literal for a literal that a go statement starts, when
// goroutine is set.
func (c *checker) literalOn(lit *ast.FuncLit, parent *fn, goroutine bool) *fn {
	if f, ok := c.byLit[lit]; ok {
		return f
	}
	sig, _ := c.pass.TypesInfo.TypeOf(lit).(*types.Signature)
	if sig == nil {
		sig = new(types.Signature)
	}
	// Name it as the runtime does in a stack trace: routes.func1, and
	// routes.func1.1 for a literal inside that one.
	parent.lits++
	suffix := fmt.Sprintf(".func%d", parent.lits)
	if parent.lit != nil {
		suffix = fmt.Sprintf(".%d", parent.lits)
	}
	f := &fn{
		lit:   lit,
		sig:   sig,
		body:  lit.Body,
		name:  parent.name + suffix,
		qual:  parent.qual + suffix,
		scope: parent.scope,
		pos:   lit.Pos(),

		goroutine: goroutine || parent.goroutine,
	}
	c.byLit[lit] = f
	c.funcs = append(c.funcs, f)
	c.walk(f)
	return f
}

// paramIndex returns the index of v among f's parameters, or -1.
func (f *fn) paramIndex(v types.Object) int {
	params := f.sig.Params()
	for i := range params.Len() {
		if params.At(i) == v {
			return i
		}
	}
	return -1
}

// funcName names a function or method the way a stack trace does:
// "transcribe", "(*Server).enqueue", qualified by the package name when
// qualify is set ("jobqueue.(*Queue).Put").
func funcName(f *types.Func, qualify bool) string {
	prefix := ""
	if qualify && f.Pkg() != nil {
		prefix = f.Pkg().Name() + "."
	}
	recv := f.Signature().Recv()
	if recv == nil {
		return prefix + f.Name()
	}
	t := recv.Type()
	ptr := false
	if p, ok := t.(*types.Pointer); ok {
		t, ptr = p.Elem(), true
	}
	name := "?"
	if n, ok := types.Unalias(t).(*types.Named); ok {
		name = n.Obj().Name()
	}
	if ptr {
		return fmt.Sprintf("%s(*%s).%s", prefix, name, f.Name())
	}
	return fmt.Sprintf("%s%s.%s", prefix, name, f.Name())
}
