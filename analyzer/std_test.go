package analyzer

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestWholeStandardLibrary runs the analysis over the code of every
// package of the standard library, which it normally leaves to the table
// of known-blocking calls: every check on, no package may fail with an
// internal error, and a second run gives the same diagnostics and the
// same fact bytes.
func TestWholeStandardLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks all of std from source")
	}
	a, err := newAnalyzer(Config{Enable: []string{CheckRecv, CheckWait}}, true)
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: true}
	pkgs, err := packages.Load(cfg, "std")
	if err != nil {
		t.Fatal(err)
	}
	graph, _ := requireSameTwice(t, a, pkgs)
	analyzed := 0
	for act := range graph.All() {
		if act.Analyzer != a {
			continue
		}
		analyzed++
		if act.Err != nil && strings.Contains(act.Err.Error(), "internal error") {
			t.Errorf("%s: %v", act.Package.PkgPath, act.Err)
		}
	}
	if analyzed < 300 {
		t.Errorf("analyzed only %d packages of std", analyzed)
	}
}
