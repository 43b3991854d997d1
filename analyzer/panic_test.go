package analyzer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
)

// hotLoopSource is a package whose declared hot path sends: one finding.
const hotLoopSource = `package p

var ch = make(chan int)

//hotblock:hotpath
func Loop() { ch <- 1 }
`

// parsePass returns a pass over src, parsed but not type-checked: its
// TypesInfo is nil, and everything the driver does is a stub.
func parsePass(t *testing.T, src string) *analysis.Pass {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments|parser.SkipObjectResolution)
	require.NoError(t, err)
	return &analysis.Pass{
		Analyzer:          Analyzer,
		Fset:              fset,
		Files:             []*ast.File{f},
		Pkg:               types.NewPackage("p", "p"),
		Report:            func(analysis.Diagnostic) {},
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportPackageFact: func(analysis.Fact) {},
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
	}
}

// typedPass is parsePass with the package type-checked.
func typedPass(t *testing.T, src string) *analysis.Pass {
	t.Helper()
	pass := parsePass(t, src)
	pass.TypesInfo = &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Instances:    make(map[*ast.Ident]types.Instance),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:       make(map[ast.Node]*types.Scope),
		FileVersions: make(map[*ast.File]string),
	}
	pkg, err := new(types.Config).Check("p", pass.Fset, pass.Files, pass.TypesInfo)
	require.NoError(t, err)
	pass.Pkg = pkg
	pass.TypesSizes = types.SizesFor("gc", "amd64")
	return pass
}

// requireInternalError checks that err is hotblock's internal error for
// the panic want: its first line names the panic, the rest is a stack
// through hotblock's code.
func requireInternalError(t *testing.T, err error, want string) {
	t.Helper()
	require.Error(t, err)
	first, stack, _ := strings.Cut(err.Error(), "\n")
	assert.Equal(t, "internal error: "+want, first)
	assert.Contains(t, stack, "goroutine ")
	assert.Contains(t, stack, "github.com/hotblock/hotblock/analyzer.run")
}

// TestPanicBecomesInternalError makes the analysis panic in several ways
// and checks that each panic fails only the pass, with an error that
// says "internal error", the panic, and a stack to report.
func TestPanicBecomesInternalError(t *testing.T) {
	t.Parallel()
	const nilDeref = "runtime error: invalid memory address or nil pointer dereference"

	t.Run("nil TypesInfo through run", func(t *testing.T) {
		t.Parallel()
		cfg := DefaultConfig()
		res, err := run(parsePass(t, hotLoopSource), &cfg)
		assert.Nil(t, res)
		requireInternalError(t, err, nilDeref)
	})

	t.Run("nil TypesInfo through the Analyzer", func(t *testing.T) {
		t.Parallel()
		a := mustAnalyzer(t, allChecks(), false)
		pass := parsePass(t, hotLoopSource)
		pass.Analyzer = a
		res, err := a.Run(pass)
		assert.Nil(t, res)
		requireInternalError(t, err, nilDeref)
		assert.Contains(t, err.Error(), "analyzer.(*checker).collect", "the stack shows where it broke")
	})

	t.Run("a driver callback panics", func(t *testing.T) {
		t.Parallel()
		pass := typedPass(t, hotLoopSource)
		pass.Report = func(d analysis.Diagnostic) { panic("report refused: " + d.Message) }
		cfg := DefaultConfig()
		res, err := run(pass, &cfg)
		assert.Nil(t, res)
		requireInternalError(t, err, "report refused: send: send on ch may block forever: no default, ctx.Done() or timeout case (hot path Loop); add a cancellation, timeout or default case")
		assert.Contains(t, err.Error(), "analyzer.(*reporter).emit")
	})

	t.Run("the same pass without a panic", func(t *testing.T) {
		t.Parallel()
		pass := typedPass(t, hotLoopSource)
		var got []string
		pass.Report = func(d analysis.Diagnostic) { got = append(got, d.Message) }
		cfg := DefaultConfig()
		res, err := run(pass, &cfg)
		require.NoError(t, err)
		assert.Nil(t, res)
		assert.Equal(t, []string{"send: send on ch may block forever: no default, ctx.Done() or timeout case (hot path Loop); add a cancellation, timeout or default case"}, got)
	})
}
