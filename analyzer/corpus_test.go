package analyzer

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	driver "golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestBenchmarkCorpusModules runs hotblock twice over every module of
// the benchmark corpus (std has TestWholeStandardLibrary), fetched
// through the module proxy at the versions the benchmark pins: no
// package may fail with an internal error, and the two runs, one of them
// sequential, must give the same diagnostics and the same fact bytes.
func TestBenchmarkCorpusModules(t *testing.T) {
	if testing.Short() {
		t.Skip("fetches and type-checks three servers from source")
	}
	for _, mod := range benchmarkCorpusModules(t) {
		t.Run(mod, func(t *testing.T) {
			pkgs := loadModule(t, mod)
			_, facts := requireSameTwice(t, mustAnalyzer(t, allChecks(), false), pkgs)
			require.NotZero(t, facts, "no fact exported: nothing was compared")
		})
	}
}

// benchmarkCorpusModules returns the modules of the benchmark's default
// corpus, read from its source so that the two cannot drift apart.
func benchmarkCorpusModules(t *testing.T) []string {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "../cmd/hotblockbench/corpus.go", nil, 0)
	require.NoError(t, err)
	var mods []string
	ast.Inspect(file, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok || spec.Names[0].Name != "defaultCorpus" {
			return true
		}
		for _, elt := range spec.Values[0].(*ast.CompositeLit).Elts {
			s, err := strconv.Unquote(elt.(*ast.BasicLit).Value)
			require.NoError(t, err)
			if s != "std" {
				mods = append(mods, s)
			}
		}
		return false
	})
	require.NotEmpty(t, mods, "defaultCorpus not found in cmd/hotblockbench/corpus.go")
	return mods
}

// loadModule downloads mod (path@version) through the module proxy,
// copies it somewhere writable and loads its packages, tests included,
// with every dependency from source. Packages that do not load with all
// their dependencies (alertmanager's ui embeds a build artefact) are left
// out, as go vet would stop at them.
func loadModule(t *testing.T, mod string) []*packages.Package {
	t.Helper()
	env := append(os.Environ(), "GOFLAGS=-mod=mod -buildvcs=false", "GOWORK=off")
	download := exec.Command("go", "mod", "download", "-json", mod)
	download.Dir, download.Env = t.TempDir(), env
	out, err := download.Output()
	require.NoError(t, err, "go mod download %s", mod)
	var info struct{ Dir string }
	require.NoError(t, json.Unmarshal(out, &info))
	dir := filepath.Join(t.TempDir(), "module")
	require.NoError(t, os.CopyFS(dir, os.DirFS(info.Dir)))

	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: true, Dir: dir, Env: env}
	pkgs, err := packages.Load(cfg, "./...")
	require.NoError(t, err)
	var ok []*packages.Package
	for _, p := range pkgs {
		if !brokenImports(p) {
			ok = append(ok, p)
		}
	}
	require.NotEmpty(t, ok, "no package of %s loads", mod)
	return ok
}

// brokenImports reports whether p or a package it imports has errors.
func brokenImports(p *packages.Package) bool {
	broken := false
	packages.Visit([]*packages.Package{p}, nil, func(q *packages.Package) {
		if len(q.Errors) > 0 || q.IllTyped {
			broken = true
		}
	})
	return broken
}

// requireSameTwice analyzes pkgs twice, the second time sequentially,
// and requires no internal error and the same diagnostics and fact
// bytes from both runs. It returns the first run's graph, and the number
// of facts compared.
func requireSameTwice(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package) (*driver.Graph, int) {
	t.Helper()
	first, err := driver.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	require.NoError(t, err)
	requireNoInternalError(t, first)
	second, err := driver.Analyze([]*analysis.Analyzer{a}, pkgs, &driver.Options{Sequential: true})
	require.NoError(t, err)
	diags1, facts1 := transcript(t, "", first)
	diags2, facts2 := transcript(t, "", second)
	require.Equal(t, diags1, diags2, "diagnostics differ between two runs")
	require.Equal(t, facts1, facts2, "fact bytes differ between two runs")
	n := strings.Count(facts1, "\n") / 2
	t.Logf("%d root packages: %d lines of diagnostics and %d facts compared", len(pkgs), strings.Count(diags1, "\n"), n)
	return first, n
}
