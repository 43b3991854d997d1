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
