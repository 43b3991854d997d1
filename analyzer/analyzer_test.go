package analyzer_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/hotblock/hotblock/analyzer"
)

// testdata is the GOPATH-style tree of scenarios, one package each.
var testdata, _ = filepath.Abs("../testdata")

func TestHandlers(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, analyzer.Analyzer, "handlers")
}

func TestCrossPackage(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, analyzer.Analyzer, "queue", "api")
}

func TestHelpers(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, analyzer.Analyzer, "helpers")
}

func TestDirectives(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, analyzer.Analyzer, "directives")
}

func TestOptInChecks(t *testing.T) {
	t.Parallel()
	a, err := analyzer.New(analyzer.Config{Enable: []string{"recv", "wait"}})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, a, "optin")
}

func TestDisabledChecks(t *testing.T) {
	t.Parallel()
	a, err := analyzer.New(analyzer.Config{Disable: []string{"send", "select"}})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, a, "disabled")
}

func TestEventLoops(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, analyzer.Analyzer, "eventloops")
}

func TestFanOut(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, analyzer.Analyzer, "fanout", "alertstore", "alertapi")
}

func TestFrameworks(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, analyzer.Analyzer, "greeterpb", "frameworks")
}

func TestDeclaredRootsAndContracts(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, analyzer.Analyzer, "events", "game", "informers")
}

func TestRootsAndBlockingSettings(t *testing.T) {
	t.Parallel()
	a, err := analyzer.New(analyzer.Config{
		Roots:    []string{"rootsflag.(*Renderer).Frame", "events.Legacy"},
		Blocking: []string{"rootsflag.Renderer.upload"},
	})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, a, "rootsflag")
}

func TestKnownBlockingTable(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, analyzer.Analyzer, "catalog")
}

func TestSuggestedFixes(t *testing.T) {
	t.Parallel()
	analysistest.RunWithSuggestedFixes(t, testdata, analyzer.Analyzer, "fixes")
}

func TestProtocols(t *testing.T) {
	t.Parallel()
	a, err := analyzer.New(analyzer.Config{Enable: []string{"recv"}})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, a, "protocols")
}
