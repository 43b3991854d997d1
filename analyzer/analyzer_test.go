package analyzer_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"golang.org/x/tools/go/analysis"
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
	results := analysistest.Run(t, testdata, analyzer.Analyzer, "queue", "api")

	// Two calls of package api reach the same send in queue: one finding,
	// at the first call, lists the other.
	var related []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if strings.Contains(d.Message, "call to queue.(*Queue).Push may block forever") {
				for _, ri := range d.Related {
					related = append(related, ri.Message)
				}
			}
		}
	}
	require.Contains(t, related, "also reaches it: call to queue.(*Queue).PushAll")
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
	analysistest.Run(t, testdata, configured(t, analyzer.Config{Enable: []string{"recv", "wait"}}), "optin")
}

func TestDisabledChecks(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, configured(t, analyzer.Config{Disable: []string{"send", "select"}}), "disabled")
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
	analysistest.Run(t, testdata, configured(t, analyzer.Config{
		Roots:    []string{"rootsflag.(*Renderer).Frame", "events.Legacy"},
		Blocking: []string{"rootsflag.Renderer.upload"},
	}), "rootsflag")
}

func TestKnownBlockingTable(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, analyzer.Analyzer, "catalog")
}

func TestPoolCheck(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, configured(t, analyzer.Config{Enable: []string{"pool"}}), "pool")
}

func TestExecCheck(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, configured(t, analyzer.Config{Enable: []string{"exec"}}), "commands")
}

func TestSuggestedFixes(t *testing.T) {
	t.Parallel()
	analysistest.RunWithSuggestedFixes(t, testdata, configured(t, analyzer.Config{Enable: []string{"pool"}}), "fixes")
}

func TestProtocols(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, configured(t, analyzer.Config{Enable: []string{"recv"}}), "protocols")
}

func TestProtocolsAcrossPackages(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, analyzer.Analyzer, "handoff/web", "handoff/app", "handoff/peer", "handoff/fetcher",
		"handoff/throttle", "handoff/compactor", "handoff/marks", "handoff/ingest", "handoff/group", "handoff/notify", "handoff/switchboard", "handoff/linkpeer", "handoff/pump", "handoff/bgpfsm")
}

// configured returns hotblock with the given configuration.
func configured(t *testing.T, cfg analyzer.Config) *analysis.Analyzer {
	t.Helper()
	a, err := analyzer.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
