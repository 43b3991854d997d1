package analyzer_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/hotblock/hotblock/analyzer"
)

// TestFixedCodeIsClean analyzes the golden result of every suggested fix
// as a package of its own: it must type-check, and only the findings
// that have no fix may remain.
func TestFixedCodeIsClean(t *testing.T) {
	t.Parallel()
	gopath := t.TempDir()
	for _, pkg := range []string{"queue", "github.com/gin-gonic/gin"} {
		copyDir(t, filepath.Join(testdata, "src", pkg), filepath.Join(gopath, "src", pkg))
	}
	golden, err := os.ReadFile(filepath.Join(testdata, "src", "fixes", "fixes.go.golden"))
	require.NoError(t, err)
	dir := filepath.Join(gopath, "src", "fixes")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "fixes.go"), golden, 0o644))

	results := analysistest.Run(&quiet{}, gopath, analyzer.Analyzer, "fixes")
	require.Len(t, results, 1)
	require.NoError(t, results[0].Err, "the fixed code must type-check")
	var remaining []string
	for _, d := range results[0].Diagnostics {
		remaining = append(remaining, results[0].Action.Package.Fset.Position(d.Pos).String()[len(dir)+1:])
	}
	sort.Strings(remaining)
	assert.Equal(t, []string{"fixes.go:101:12", "fixes.go:108:9"}, remaining,
		"only the sends in noFix and noContext, which have no fix, may remain")
}

// copyDir copies the Go files of one directory.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(to, 0o755))
	entries, err := os.ReadDir(from)
	require.NoError(t, err)
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(to, e.Name()), data, 0o644))
	}
}
