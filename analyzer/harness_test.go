package analyzer

import (
	"bytes"
	"cmp"
	"encoding/gob"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	driver "golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// The helpers below let the robustness tests (pathological, determinism,
// fact budget, benchmark) write a GOPATH tree, load it with go/packages
// the way analysistest does, and run hotblock over it with the
// go/analysis checker, inspecting actions, diagnostics and facts directly.

// writeTree writes files, keyed by their path under src/, into a fresh
// GOPATH directory, and returns that directory.
func writeTree(t testing.TB, files map[string]string) string {
	t.Helper()
	gopath := t.TempDir()
	for name, text := range files {
		path := filepath.Join(gopath, "src", filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	}
	return gopath
}

// loadTree loads patterns, with their dependencies from source, from the
// GOPATH tree gopath in GOPATH mode, as analysistest does.
func loadTree(t testing.TB, gopath string, patterns ...string) []*packages.Package {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(gopath, "src"),
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off", "GOFLAGS=-buildvcs=false"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	require.NoError(t, err)
	require.NotEmpty(t, pkgs, "no package matches %v", patterns)
	return pkgs
}

// analyzeTree runs a over pkgs and returns the root actions by package
// path, and the whole graph (dependencies included).
func analyzeTree(t testing.TB, a *analysis.Analyzer, pkgs []*packages.Package, opts *driver.Options) (map[string]*driver.Action, *driver.Graph) {
	t.Helper()
	graph, err := driver.Analyze([]*analysis.Analyzer{a}, pkgs, opts)
	require.NoError(t, err)
	roots := make(map[string]*driver.Action)
	for _, act := range graph.Roots {
		roots[act.Package.PkgPath] = act
	}
	return roots, graph
}

// mustAnalyzer returns a fresh hotblock for cfg.
func mustAnalyzer(t testing.TB, cfg Config, withStd bool) *analysis.Analyzer {
	t.Helper()
	a, err := newAnalyzer(cfg, withStd)
	require.NoError(t, err)
	return a
}

// allChecks is the configuration with every check on.
func allChecks() Config { return Config{Enable: []string{CheckRecv, CheckWait}} }

// requireNoInternalError fails if any action of the graph failed with
// hotblock's internal error.
func requireNoInternalError(t testing.TB, graph *driver.Graph) {
	t.Helper()
	for act := range graph.All() {
		if act.Err != nil && strings.Contains(act.Err.Error(), "internal error") {
			t.Fatalf("%s: %v", act.Package.PkgPath, act.Err)
		}
	}
}

// An exportedFact is one fact a package exported, gob-encoded alone.
type exportedFact struct {
	pkg, obj string // package path, object name ("(*T).M")
	fact     analysis.Fact
	gob      []byte
}

// exportedFacts returns the facts act's package exported about its own
// objects (not those it inherited), sorted by object name and fact type,
// each gob-encoded with an encoder of its own, as go vet's unitchecker
// would encode it (alone, it carries its type descriptor too, so its
// size is an upper bound).
func exportedFacts(t testing.TB, act *driver.Action) []exportedFact {
	t.Helper()
	var out []exportedFact
	for _, of := range act.AllObjectFacts() {
		if of.Object.Pkg() != act.Package.Types {
			continue
		}
		var buf bytes.Buffer
		require.NoError(t, gob.NewEncoder(&buf).Encode(of.Fact), "fact %T on %s", of.Fact, of.Object)
		out = append(out, exportedFact{pkg: act.Package.PkgPath, obj: factObjectName(of.Object), fact: of.Fact, gob: buf.Bytes()})
	}
	for _, pf := range act.AllPackageFacts() {
		if pf.Package != act.Package.Types {
			continue
		}
		var buf bytes.Buffer
		require.NoError(t, gob.NewEncoder(&buf).Encode(pf.Fact))
		out = append(out, exportedFact{pkg: act.Package.PkgPath, obj: "package", fact: pf.Fact, gob: buf.Bytes()})
	}
	slices.SortFunc(out, func(a, b exportedFact) int {
		return cmp.Or(cmp.Compare(a.obj, b.obj), cmp.Compare(fmt.Sprintf("%T", a.fact), fmt.Sprintf("%T", b.fact)))
	})
	return out
}

// factObjectName names a package-level object: "Func", "(*T).Method", "T".
func factObjectName(obj types.Object) string {
	if f, ok := obj.(*types.Func); ok {
		return funcName(f, false)
	}
	return obj.Name()
}

// summaryFacts returns the Summary facts act's package exported, by
// object name.
func summaryFacts(t testing.TB, act *driver.Action) map[string]*Summary {
	t.Helper()
	out := make(map[string]*Summary)
	for _, f := range exportedFacts(t, act) {
		if s, ok := f.fact.(*Summary); ok {
			out[f.obj] = s
		}
	}
	return out
}

// diagnosticText renders a diagnostic, with every position relative to
// base: what a user sees, and all of it, so that two runs can be compared
// byte for byte.
func diagnosticText(fset *token.FileSet, base string, d analysis.Diagnostic) string {
	pos := func(p token.Pos) string {
		if !p.IsValid() {
			return "-"
		}
		position := fset.Position(p)
		if rel, err := filepath.Rel(base, position.Filename); err == nil {
			position.Filename = filepath.ToSlash(rel)
		}
		return position.String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s-%s [%s] %s <%s>\n", pos(d.Pos), pos(d.End), d.Category, d.Message, d.URL)
	for _, r := range d.Related {
		fmt.Fprintf(&b, "\trelated %s-%s %s\n", pos(r.Pos), pos(r.End), r.Message)
	}
	for _, fix := range d.SuggestedFixes {
		fmt.Fprintf(&b, "\tfix %q\n", fix.Message)
		for _, e := range fix.TextEdits {
			fmt.Fprintf(&b, "\t\tedit %s-%s %q\n", pos(e.Pos), pos(e.End), e.NewText)
		}
	}
	return b.String()
}

// fileLine returns the file base name and line of p.
func fileLine(fset *token.FileSet, p token.Pos) (string, int) {
	position := fset.Position(p)
	return filepath.Base(position.Filename), position.Line
}
