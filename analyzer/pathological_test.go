package analyzer

import (
	"fmt"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	driver "golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Bounds on one finding, whatever the depth of its hot path: a message
// of one readable line, and a handful of related positions (the root,
// the first calls and the last ones, like a fact's witness).
const (
	maxMessage = 1024
	maxRelated = 2 * maxChain
)

// TestPathologicalInputs runs hotblock over inputs built to break it
// (thousands of functions deep, a ring of mutual recursion, a select of
// thousands of cases, a huge generated file, deep generic instantiation,
// cgo, type errors, empty packages) and checks what each one reports: the
// finding and its position, or none, or the error; never an internal
// error. The time each package took is logged: the analysis is linear in
// the size of the package, so none of them takes long (BenchmarkScale
// measures it); a watchdog fails the test if the analysis does not end.
func TestPathologicalInputs(t *testing.T) {
	t.Parallel()
	withCgo := cgoAvailable()
	files, srcs, patterns := pathologicalTree(withCgo)
	gopath := writeTree(t, files)
	start := time.Now()
	pkgs := loadTree(t, gopath, patterns...)
	t.Logf("loaded %d packages in %v", len(patterns), time.Since(start))

	a := mustAnalyzer(t, DefaultConfig(), false)
	var graph *driver.Graph
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		graph, err = driver.Analyze([]*analysis.Analyzer{a}, pkgs, &driver.Options{SanityCheck: true})
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the analysis of the pathological packages did not finish within 2 minutes")
	}
	require.NoError(t, err)
	requireNoInternalError(t, graph)
	roots := make(map[string]*driver.Action)
	for _, act := range graph.Roots {
		roots[act.Package.PkgPath] = act
	}
	for _, p := range patterns {
		t.Logf("%-10s analyzed in %v", p, roots[p].Duration)
	}

	// finding returns the only diagnostic of pkg, checking it is of check
	// and stands at file:line.
	finding := func(t *testing.T, pkg, check, file string, line int) analysis.Diagnostic {
		t.Helper()
		act := roots[pkg]
		require.NotNil(t, act, pkg)
		require.NoError(t, act.Err)
		require.Len(t, act.Diagnostics, 1, "%s: %v", pkg, act.Diagnostics)
		d := act.Diagnostics[0]
		gotFile, gotLine := fileLine(act.Package.Fset, d.Pos)
		assert.Equal(t, check, d.Category, d.Message)
		assert.Equal(t, fmt.Sprintf("%s:%d", file, line), fmt.Sprintf("%s:%d", gotFile, gotLine), d.Message)
		return d
	}
	// bounded checks that d names a bounded part of its hot path.
	bounded := func(t *testing.T, d analysis.Diagnostic) {
		t.Helper()
		assert.LessOrEqual(t, len(d.Message), maxMessage, "message of %d bytes", len(d.Message))
		assert.LessOrEqual(t, len(d.Related), maxRelated, "%d related positions", len(d.Related))
	}

	t.Run("chain", func(t *testing.T) {
		src := srcs["chain/chain.go"]
		d := finding(t, "chain", CheckSend, "chain.go", src.marks["send"])
		assert.True(t, strings.HasPrefix(d.Message, "send: send on ch may block forever: no default, ctx.Done() or timeout case (HTTP handler Handle → F0 → F1 → "), d.Message)
		assert.True(t, strings.HasSuffix(d.Message, fmt.Sprintf(" → F%d); add a cancellation, timeout or default case", chainLen-1)), d.Message)
		t.Logf("message: %d bytes, %d related positions", len(d.Message), len(d.Related))

		facts := summaryFacts(t, roots["chain"])
		require.Len(t, facts, chainLen+1, "Handle and every F may block forever")
		for name, s := range facts {
			require.Equal(t, MayBlockForever, s.Blocks, name)
			require.NotNil(t, s.Witness, name)
			require.LessOrEqual(t, len(s.Witness.Chain), maxChain, name)
			require.Equal(t, fmt.Sprintf("chain.go:%d", src.marks["send"]), s.Witness.Pos, name)
		}
		w := facts["Handle"].Witness
		require.Len(t, w.Chain, maxChain)
		assert.Equal(t, "chain.F0", w.Chain[0].Func)
		assert.Equal(t, "…", w.Chain[maxChain-2].Func)
		assert.Equal(t, fmt.Sprintf("chain.F%d", chainLen-1), w.Chain[maxChain-1].Func)

		t.Run("bounded finding", func(t *testing.T) {
			bounded(t, d)
		})
	})

	t.Run("sends along a chain", func(t *testing.T) {
		act := roots["sendchain"]
		require.NoError(t, act.Err)
		require.Len(t, act.Diagnostics, sendsLen, "one finding per send")
		for i, d := range act.Diagnostics {
			_, line := fileLine(act.Package.Fset, d.Pos)
			require.Equal(t, 6+i, line, d.Message)
			require.Equal(t, CheckSend, d.Category)
		}
		total, related := 0, 0
		for _, d := range act.Diagnostics {
			total += len(d.Message)
			related += len(d.Related)
		}
		t.Logf("%d findings: %d bytes of messages, %d related positions", sendsLen, total, related)

		t.Run("bounded findings", func(t *testing.T) {
			over := 0
			for _, d := range act.Diagnostics {
				if len(d.Message) > maxMessage || len(d.Related) > maxRelated {
					over++
				}
			}
			assert.Zero(t, over, "findings over the bounds")
		})
	})

	t.Run("ring", func(t *testing.T) {
		act := roots["ring"]
		require.NoError(t, act.Err)
		src := srcs["ring/ring.go"]
		require.Len(t, act.Diagnostics, 2, "%v", act.Diagnostics)
		bad, send := act.Diagnostics[0], act.Diagnostics[1] // in source order
		f, line := fileLine(act.Package.Fset, send.Pos)
		assert.Equal(t, fmt.Sprintf("ring.go:%d", src.marks["send"]), fmt.Sprintf("%s:%d", f, line))
		assert.True(t, strings.HasPrefix(send.Message, "send: send on ch may block forever: no default, ctx.Done() or timeout case (HTTP handler Handle → R0 → R1 → "), send.Message)
		assert.True(t, strings.HasSuffix(send.Message, fmt.Sprintf(" → R%d); add a cancellation, timeout or default case", ringLen/2)), send.Message)
		f, line = fileLine(act.Package.Fset, bad.Pos)
		assert.Equal(t, fmt.Sprintf("ring.go:%d", src.marks["bad"]), fmt.Sprintf("%s:%d", f, line))
		assert.Equal(t, "ctx: call to ring.C0 with context.Background() may block forever: it waits until its context is done, and this one never is (HTTP handler Bad); pass r.Context()", bad.Message)

		facts := summaryFacts(t, act)
		for i := range ringLen {
			r, c := facts[fmt.Sprintf("R%d", i)], facts[fmt.Sprintf("C%d", i)]
			require.NotNil(t, r, "R%d", i)
			require.Equal(t, MayBlockForever, r.Blocks, "R%d", i)
			require.LessOrEqual(t, len(r.Witness.Chain), maxChain, "R%d", i)
			require.Equal(t, fmt.Sprintf("ring.go:%d", src.marks["send"]), r.Witness.Pos, "R%d", i)
			require.NotNil(t, c, "C%d", i)
			require.Equal(t, Summary{Blocks: UntilCtxDone, CtxParam: 0}, *c, "C%d", i)
		}
		assert.Empty(t, facts[fmt.Sprintf("R%d", ringLen/2)].Witness.Chain, "the send is R%d's own", ringLen/2)

		t.Run("bounded finding", func(t *testing.T) {
			bounded(t, send)
		})
	})

	t.Run("select", func(t *testing.T) {
		d := finding(t, "bigselect", CheckSelect, "bigselect.go", srcs["bigselect/bigselect.go"].marks["select"])
		assert.Equal(t, "select: select may block forever: no default, ctx.Done() or timeout case (HTTP handler Handle); add a case <-r.Context().Done()", d.Message)
	})

	t.Run("generated", func(t *testing.T) {
		act := roots["gen"]
		require.NoError(t, act.Err)
		assert.Empty(t, act.Diagnostics, "a generated file is summarised, never reported")
		line := srcs["gen/gen.go"].marks["send"]
		facts := summaryFacts(t, act)
		require.Len(t, facts, 3, "Handle, Put and Entry may block")
		require.NotNil(t, facts["Put"], "the generated file's functions are summarised")
		assert.Equal(t, fmt.Sprintf("may block forever: send on ch at gen.go:%d: no default, ctx.Done() or timeout case", line), facts["Put"].String())
		require.NotNil(t, facts["Entry"])
		assert.Len(t, facts["Entry"].Witness.Chain, maxChain, "thousands of calls deep, bounded")
		d := finding(t, "genuser", CheckCall, "genuser.go", 10)
		assert.Equal(t, fmt.Sprintf("call: call to gen.Put may block forever at send on ch (gen.go:%d): no default, ctx.Done() or timeout case (HTTP handler Handle → gen.Put); call a variant bounded by r.Context()", line), d.Message)
	})

	t.Run("generic", func(t *testing.T) {
		d := finding(t, "generic", CheckSend, "generic.go", srcs["generic/generic.go"].marks["send"])
		want := "send: send on out may block forever: no default, ctx.Done() or timeout case (HTTP handler Handle → G0 → G1 → "
		assert.True(t, strings.HasPrefix(d.Message, want), d.Message)
		assert.True(t, strings.HasSuffix(d.Message, fmt.Sprintf(" → G%d → G%d); add a cancellation, timeout or default case", genericLvls-1, genericLvls)), d.Message)
	})

	t.Run("cgo", func(t *testing.T) {
		if !withCgo {
			t.Skip("cgo is not available: CGO_ENABLED=0 or no C compiler")
		}
		src := srcs["cgopkg/cgopkg.go"]
		act := roots["cgopkg"]
		require.NoError(t, act.Err)
		put := summaryFacts(t, act)["Put"]
		require.NotNil(t, put, "a cgo package is summarised")
		assert.Equal(t, fmt.Sprintf("cgopkg.go:%d", src.marks["put"]), put.Witness.Pos, "facts name the user's file, not cgo's output")

		t.Run("reported", func(t *testing.T) {
			d := finding(t, "cgopkg", CheckSend, "cgopkg.go", src.marks["send"])
			assert.Equal(t, "send: send on ch may block forever: no default, ctx.Done() or timeout case (HTTP handler Handle); add a case <-r.Context().Done()", d.Message)
		})
	})

	t.Run("type errors", func(t *testing.T) {
		act := roots["broken"]
		require.Error(t, act.Err)
		assert.Equal(t, "analysis skipped due to errors in package", act.Err.Error())
		require.NotEmpty(t, act.Package.Errors)
		assert.Contains(t, act.Package.Errors[0].Error(), "broken.go:9:8: undefined: undefinedValue")
		assert.Empty(t, act.Diagnostics)
	})

	t.Run("empty", func(t *testing.T) {
		for _, pkg := range []string{"empty", "doconly"} {
			act := roots[pkg]
			require.NoError(t, act.Err, pkg)
			assert.Empty(t, act.Diagnostics, pkg)
			assert.Empty(t, exportedFacts(t, act), pkg)
		}
	})
}

// TestPathologicalAllocationsAreLinear doubles the size of each
// pathological shape and checks that the allocations of the analysis at
// most about double too. Unlike time, the count of allocations does not
// depend on the machine or its load, so this holds the analysis to linear
// cost deterministically; BenchmarkScale measures the time. It cannot
// run in parallel: testing.AllocsPerRun counts every goroutine's.
func TestPathologicalAllocationsAreLinear(t *testing.T) {
	type shape struct {
		name string
		gen  func(n int) *genSource
		n    int
		bug  string
	}
	shapes := []shape{
		{"chain", chainSource, 1000, ""},
		{"ring", ringSource, 500, ""},
		{"select", selectSource, 1000, ""},
		{"sendchain", sendChainSource, 500, ""},
	}
	files := make(map[string]string)
	for _, s := range shapes {
		for _, n := range []int{s.n, 2 * s.n} {
			files[fmt.Sprintf("%s%d/%s.go", s.name, n, s.name)] = s.gen(n).String()
		}
	}
	var patterns []string
	for name := range files {
		patterns = append(patterns, path.Dir(name))
	}
	pkgs := loadTree(t, writeTree(t, files), patterns...)
	byPath := make(map[string]*packages.Package)
	for _, p := range pkgs {
		require.Empty(t, p.Errors, p.PkgPath)
		byPath[p.PkgPath] = p
	}
	cfg := DefaultConfig()
	allocs := func(pkg *packages.Package) float64 {
		var diags, facts int
		return testing.AllocsPerRun(1, func() {
			_, err := run(benchPass(pkg, &diags, &facts), &cfg)
			require.NoError(t, err)
		})
	}
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			if s.bug != "" {
				t.Skip(s.bug)
			}
			small := allocs(byPath[fmt.Sprintf("%s%d", s.name, s.n)])
			large := allocs(byPath[fmt.Sprintf("%s%d", s.name, 2*s.n)])
			t.Logf("n=%d: %.0f allocations, n=%d: %.0f", s.n, small, 2*s.n, large)
			assert.LessOrEqual(t, large/small, 2.5, "doubling the input more than doubles the allocations")
		})
	}
}
