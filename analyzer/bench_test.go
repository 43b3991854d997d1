package analyzer

import (
	"fmt"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// scaleChain is the length of the chains of calls of BenchmarkScale.
const scaleChain = 100

// scaleSource is a package of about n functions: chains of scaleChain
// calls, each from an HTTP handler, ending in a bare send (reported), a
// select on the context (bounded by it; a second handler passes
// context.Background(), reported), a select with a default (bounded), or
// a call back to the chain's head (a ring of scaleChain functions, with a
// send under a lock halfway). Every tenth link also selects on the
// context. It returns the source and the number of functions.
func scaleSource(n int) (string, int) {
	var b strings.Builder
	b.WriteString("// Package scale is a generated package of deep call chains.\npackage scale\n\n")
	b.WriteString("import (\n\t\"context\"\n\t\"net/http\"\n\t\"sync\"\n)\n\n")
	b.WriteString("var (\n\tch = make(chan int)\n\tmu sync.Mutex\n)\n\n")
	funcs := 0
	name := func(k, i int) string {
		if i == 0 {
			return fmt.Sprintf("C%d", k) // exported: a fact
		}
		return fmt.Sprintf("c%d_%d", k, i)
	}
	for k := range max(n/scaleChain, 1) {
		kind := k % 4
		fmt.Fprintf(&b, "func H%d(w http.ResponseWriter, r *http.Request) { %s(r.Context(), 1) }\n\n", k, name(k, 0))
		funcs++
		if kind == 1 {
			fmt.Fprintf(&b, "func B%d(w http.ResponseWriter, r *http.Request) { %s(context.Background(), 1) }\n\n", k, name(k, 0))
			funcs++
		}
		for i := range scaleChain {
			fmt.Fprintf(&b, "func %s(ctx context.Context, x int) {\n", name(k, i))
			funcs++
			if i%10 == 5 {
				b.WriteString("\tselect {\n\tcase v := <-ch:\n\t\tx += v\n\tcase <-ctx.Done():\n\t}\n")
			}
			if kind == 3 && i == scaleChain/2 {
				b.WriteString("\tmu.Lock()\n\tch <- x\n\tmu.Unlock()\n")
			}
			switch {
			case i < scaleChain-1:
				fmt.Fprintf(&b, "\tif x >= 0 {\n\t\t%s(ctx, x+1)\n\t}\n", name(k, i+1))
			case kind == 0:
				b.WriteString("\tch <- x\n")
			case kind == 1:
				b.WriteString("\tselect {\n\tcase ch <- x:\n\tcase <-ctx.Done():\n\t}\n")
			case kind == 2:
				b.WriteString("\tselect {\n\tcase ch <- x:\n\tdefault:\n\t}\n")
			case kind == 3:
				fmt.Fprintf(&b, "\t%s(ctx, x-1)\n", name(k, 0))
			}
			b.WriteString("}\n\n")
		}
	}
	return b.String(), funcs
}

// benchPass returns a fresh pass over pkg whose driver callbacks only
// count what hotblock reports and exports. The package imports only the
// standard library, which has no facts: ImportObjectFact finds none.
func benchPass(pkg *packages.Package, diags, facts *int) *analysis.Pass {
	return &analysis.Pass{
		Analyzer:          Analyzer,
		Fset:              pkg.Fset,
		Files:             pkg.Syntax,
		Pkg:               pkg.Types,
		TypesInfo:         pkg.TypesInfo,
		TypesSizes:        pkg.TypesSizes,
		Report:            func(analysis.Diagnostic) { *diags++ },
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) { *facts++ },
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportPackageFact: func(analysis.Fact) {},
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
	}
}

// BenchmarkScale measures the analysis of one package as it grows, the
// package loaded and type-checked once, outside the timer. The cost per
// function (ns/func) should stay about the same from 1,000 to 10,000
// functions: the analysis is linear in the size of the package.
//
//	go test -run='^$' -bench=Scale -benchtime=5x ./analyzer/
func BenchmarkScale(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("funcs=%d", n), func(b *testing.B) {
			src, funcs := scaleSource(n)
			gopath := writeTree(b, map[string]string{"scale/scale.go": src})
			pkgs := loadTree(b, gopath, "scale")
			if len(pkgs[0].Errors) > 0 {
				b.Fatalf("the generated package does not compile: %v", pkgs[0].Errors)
			}
			cfg := DefaultConfig()

			// What one run finds, to check the package means work.
			var diags, facts int
			if _, err := run(benchPass(pkgs[0], &diags, &facts), &cfg); err != nil {
				b.Fatal(err)
			}
			chains := funcs / scaleChain
			if diags < chains/2 || facts < chains/2 {
				b.Fatalf("%d findings and %d facts for %d chains", diags, facts, chains)
			}

			timeRuns(b, pkgs[0], &cfg, funcs)
		})
	}
}

// BenchmarkScaleDeepFindings measures the worst case of reporting: a
// chain of n calls from a handler, each holding a send of its own, so n
// findings with hot paths 1 to n calls deep. Reporting each one must not
// cost the depth of its path: ns/func should stay about the same from
// 500 to 5,000 functions.
func BenchmarkScaleDeepFindings(b *testing.B) {
	for _, n := range []int{500, 5000} {
		b.Run(fmt.Sprintf("funcs=%d", n), func(b *testing.B) {
			gopath := writeTree(b, map[string]string{"sendchain/sendchain.go": sendChainSource(n).String()})
			pkgs := loadTree(b, gopath, "sendchain")
			cfg := DefaultConfig()
			var diags, facts int
			if _, err := run(benchPass(pkgs[0], &diags, &facts), &cfg); err != nil || diags != n {
				b.Fatalf("%d findings for %d sends, error %v", diags, n, err)
			}
			timeRuns(b, pkgs[0], &cfg, n+2)
		})
	}
}

// timeRuns times b.N runs of the analysis over pkg, and reports the time
// per function of the package's funcs.
func timeRuns(b *testing.B, pkg *packages.Package, cfg *Config, funcs int) {
	var diags, facts int
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := run(benchPass(pkg, &diags, &facts), cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*funcs), "ns/func")
}
