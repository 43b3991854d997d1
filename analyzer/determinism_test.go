package analyzer

import (
	"bytes"
	"cmp"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	driver "golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// scenarioGOPATH is the GOPATH tree of the scenarios, one package each.
var scenarioGOPATH, _ = filepath.Abs("../testdata")

// scenarioPatterns are the scenario packages of testdata/src; their fake
// framework modules come along as dependencies.
var scenarioPatterns = []string{
	"handlers", "api", "queue", "helpers", "eventloops", "fanout", "alertstore", "alertapi",
	"frameworks", "greeterpb", "events", "game", "informers", "catalog", "fixes", "optin",
	"directives", "disabled", "rootsflag", "protocols", "handoff/...", "frozenserver/...",
}

// scenarioConfig turns every check on and uses both settings, so that
// the runs below exercise as much of the analysis as the scenarios can.
func scenarioConfig() Config {
	return Config{
		Enable:   []string{CheckRecv, CheckWait},
		Roots:    []string{"rootsflag.(*Renderer).Frame", "events.Legacy"},
		Blocking: []string{"rootsflag.Renderer.upload"},
	}
}

// analyzeScenarios loads the scenarios afresh from the GOPATH tree
// gopath, in the given order, and analyzes them with a fresh analyzer.
func analyzeScenarios(t *testing.T, gopath string, patterns []string, opts *driver.Options) *driver.Graph {
	t.Helper()
	pkgs := loadTree(t, gopath, patterns...)
	_, graph := analyzeTree(t, mustAnalyzer(t, scenarioConfig(), false), pkgs, opts)
	requireNoInternalError(t, graph)
	return graph
}

// actionsByPath returns the actions of the graph sorted by package path.
func actionsByPath(graph *driver.Graph) []*driver.Action {
	var acts []*driver.Action
	for act := range graph.All() {
		acts = append(acts, act)
	}
	slices.SortFunc(acts, func(a, b *driver.Action) int { return cmp.Compare(a.Package.PkgPath, b.Package.PkgPath) })
	return acts
}

// transcript renders, for every package of the graph in path order, its
// error, its diagnostics (positions relative to the GOPATH tree gopath)
// and its facts' gob bytes: all that hotblock outputs.
func transcript(t *testing.T, gopath string, graph *driver.Graph) (diags, facts string) {
	t.Helper()
	var d, f strings.Builder
	for _, act := range actionsByPath(graph) {
		fmt.Fprintf(&d, "== %s\n", act.Package.PkgPath)
		if act.Err != nil {
			fmt.Fprintf(&d, "error: %v\n", act.Err)
		}
		for _, diag := range act.Diagnostics {
			d.WriteString(diagnosticText(act.Package.Fset, gopath, diag))
		}
		for _, ef := range exportedFacts(t, act) {
			fmt.Fprintf(&f, "%s %s %T %s\n%x\n", ef.pkg, ef.obj, ef.fact, ef.fact, ef.gob)
		}
	}
	return d.String(), f.String()
}

// TestDeterminism analyzes every scenario twice, from two independent
// loads: once in parallel from testdata, once sequentially from a copy
// of testdata elsewhere, with the packages named in the reverse order.
// Both runs must output the same bytes: the same diagnostics (position,
// message, category, related positions, fixes) and the same gob encoding
// of every fact, whatever the directory of the sources: that is what
// keeps go vet's and Bazel's caches sound.
func TestDeterminism(t *testing.T) {
	t.Parallel()
	first := analyzeScenarios(t, scenarioGOPATH, scenarioPatterns, nil)
	elsewhere := filepath.Join(t.TempDir(), "elsewhere")
	require.NoError(t, os.CopyFS(filepath.Join(elsewhere, "src"), os.DirFS(filepath.Join(scenarioGOPATH, "src"))))
	reversed := slices.Clone(scenarioPatterns)
	slices.Reverse(reversed)
	second := analyzeScenarios(t, elsewhere, reversed, &driver.Options{Sequential: true})

	diags1, facts1 := transcript(t, scenarioGOPATH, first)
	diags2, facts2 := transcript(t, elsewhere, second)
	require.Equal(t, diags1, diags2, "diagnostics differ between two runs")
	require.Equal(t, facts1, facts2, "fact bytes differ between two runs")

	// The comparison means something only if the runs output a lot.
	assert.Greater(t, strings.Count(diags1, "\n"), 100, "diagnostics")
	assert.Greater(t, strings.Count(facts1, "\n"), 2*25, "facts")
	assert.NotContains(t, diags1, "error: ")
	t.Logf("%d lines of diagnostics, %d facts compared", strings.Count(diags1, "\n"), strings.Count(facts1, "\n")/2)
}

// TestFactsHoldNoAbsolutePaths checks every fact the scenarios export:
// its bytes never hold the directory of the sources, and its positions
// are base names only.
func TestFactsHoldNoAbsolutePaths(t *testing.T) {
	t.Parallel()
	graph := analyzeScenarios(t, scenarioGOPATH, scenarioPatterns, nil)
	n := 0
	for _, act := range actionsByPath(graph) {
		for _, ef := range exportedFacts(t, act) {
			n++
			assert.False(t, bytes.Contains(ef.gob, []byte(scenarioGOPATH)), "%s.%s: %s", ef.pkg, ef.obj, ef.fact)
			s, ok := ef.fact.(*Summary)
			if !ok || s.Witness == nil {
				continue
			}
			positions := []string{s.Witness.Pos}
			for _, fr := range s.Witness.Chain {
				if fr.Func != "…" {
					positions = append(positions, fr.Pos)
				}
			}
			for _, pos := range positions {
				assert.Regexp(t, `^[^/\\]+\.go:[0-9]+$`, pos, "%s.%s: %s", ef.pkg, ef.obj, s)
			}
		}
	}
	assert.Greater(t, n, 25)
}

// TestFactTypesAreFlat checks the shape the style asks of facts: no
// map (nondeterministic bytes), no interface, function or channel (not
// encodable, or types.Object in disguise), only exported fields.
func TestFactTypesAreFlat(t *testing.T) {
	t.Parallel()
	a := mustAnalyzer(t, DefaultConfig(), false)
	for _, f := range a.FactTypes {
		var check func(path string, t reflect.Type, seen map[reflect.Type]bool) []string
		check = func(path string, typ reflect.Type, seen map[reflect.Type]bool) []string {
			if seen[typ] {
				return nil
			}
			seen[typ] = true
			switch typ.Kind() {
			case reflect.Map, reflect.Interface, reflect.Func, reflect.Chan, reflect.UnsafePointer, reflect.Uintptr:
				return []string{fmt.Sprintf("%s is a %s", path, typ.Kind())}
			case reflect.Pointer, reflect.Slice, reflect.Array:
				return check(path+"[]", typ.Elem(), seen)
			case reflect.Struct:
				var bad []string
				for i := range typ.NumField() {
					field := typ.Field(i)
					if !field.IsExported() {
						bad = append(bad, fmt.Sprintf("%s.%s is unexported", path, field.Name))
					}
					bad = append(bad, check(path+"."+field.Name, field.Type, seen)...)
				}
				return bad
			}
			return nil
		}
		typ := reflect.TypeOf(f)
		assert.Empty(t, check(typ.String(), typ, make(map[reflect.Type]bool)))
	}
}

// The fact budget, measured two ways. Alone: each fact gob-encoded with
// an encoder of its own, type descriptors included (about 300 bytes of
// it). The largest measures 627 bytes, over std with every check on: a
// witness of at most maxChain frames, whose names and messages are
// short; 1 KiB leaves room for longer names. Per package: all its facts
// in one gob stream, each after its object's name, the way go vet's
// unitchecker writes them (type descriptors once). No scenario package
// exceeds 1 KiB; over std with every check on, the largest package,
// net/http, exports 161 facts in 49,958 bytes (81,861 counted alone),
// and the 198 packages with facts 534,600 bytes in all. 64 KiB per
// package holds net/http with a third to spare: a package that needs
// more exports far more facts than the most blocking package of std, or
// facts that have grown, and either deserves a look.
const (
	maxFactBytes    = 1 << 10
	maxPackageBytes = 64 << 10
)

// A factSizes is the fact bytes one package exports.
type factSizes struct {
	pkg     string
	n       int
	stream  int // the package's facts in one gob stream
	alone   int // the sum of each fact encoded alone
	max     int // the largest fact encoded alone
	largest string
}

// measureFacts returns the fact sizes of every package of the graph
// that exports a fact, largest stream first.
func measureFacts(t *testing.T, graph *driver.Graph) []factSizes {
	t.Helper()
	var out []factSizes
	for _, act := range actionsByPath(graph) {
		s := factSizes{pkg: act.Package.PkgPath}
		var stream bytes.Buffer
		enc := gob.NewEncoder(&stream)
		for _, ef := range exportedFacts(t, act) {
			s.n++
			s.alone += len(ef.gob)
			if len(ef.gob) > s.max {
				s.max, s.largest = len(ef.gob), ef.obj
			}
			require.NoError(t, enc.Encode(ef.obj))
			require.NoError(t, enc.Encode(ef.fact))
		}
		s.stream = stream.Len()
		if s.n > 0 {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b factSizes) int { return cmp.Compare(b.stream, a.stream) })
	return out
}

// checkFactBudget logs the fact sizes (at most top packages) and checks
// them against the budget.
func checkFactBudget(t *testing.T, sizes []factSizes, top int) {
	t.Helper()
	var stream, alone, largest int
	for i, s := range sizes {
		stream += s.stream
		alone += s.alone
		largest = max(largest, s.max)
		if i < top {
			t.Logf("%-40s %4d facts: %6d bytes in one stream, %6d alone; largest %4d bytes (%s)", s.pkg, s.n, s.stream, s.alone, s.max, s.largest)
		}
		assert.LessOrEqual(t, s.max, maxFactBytes, "%s: fact on %s", s.pkg, s.largest)
		assert.LessOrEqual(t, s.stream, maxPackageBytes, "%s: facts of the package", s.pkg)
	}
	t.Logf("%d packages export facts: %d bytes in all (%d alone); the largest package %d bytes, the largest fact %d bytes",
		len(sizes), stream, alone, sizes[0].stream, largest)
}

// TestFactSizeBudget measures the facts the scenarios export, package by
// package (go test -v shows them), and holds them to the budget.
func TestFactSizeBudget(t *testing.T) {
	t.Parallel()
	graph := analyzeScenarios(t, scenarioGOPATH, scenarioPatterns, nil)
	sizes := measureFacts(t, graph)
	require.NotEmpty(t, sizes)
	checkFactBudget(t, sizes, len(sizes))
}

// TestFactSizeBudgetStd measures the facts of the whole standard library
// analyzed from its code (which hotblock normally leaves to its table),
// every check on, and holds them to the same budget.
func TestFactSizeBudgetStd(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks all of std from source")
	}
	t.Parallel()
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax}, "std")
	require.NoError(t, err)
	a := mustAnalyzer(t, allChecks(), true)
	graph, err := driver.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	require.NoError(t, err)
	requireNoInternalError(t, graph)
	analyzed := 0
	for range graph.All() {
		analyzed++
	}
	require.GreaterOrEqual(t, analyzed, 300, "packages of std analyzed")
	sizes := measureFacts(t, graph)
	require.NotEmpty(t, sizes)
	t.Logf("%d packages analyzed", analyzed)
	checkFactBudget(t, sizes, 25)
}
