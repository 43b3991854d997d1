package analyzer

import (
	"go/build"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// The standard library is not summarised from its code. Its channel
// operations are guarded by invariants the analysis cannot see (the
// runtime's GC workers, database/sql's connection opener), so reading
// them floods every handler with false alarms; and build systems such as
// Bazel's nogo do not analyze it at all. The table of known-blocking calls
// (catalog.go) describes it instead, the same way under every driver.

var goroot = sync.OnceValue(func() string {
	if build.Default.GOROOT == "" {
		return ""
	}
	return filepath.Clean(build.Default.GOROOT) + string(filepath.Separator) + "src" + string(filepath.Separator)
})

// isStandard reports whether the package being analyzed belongs to the
// standard library: its files lie in GOROOT/src.
func isStandard(pass *analysis.Pass) bool {
	root := goroot()
	if root == "" || len(pass.Files) == 0 {
		return false
	}
	name := pass.Fset.File(pass.Files[0].FileStart).Name()
	return strings.HasPrefix(filepath.Clean(name), root)
}
