// Command hotblock reports operations that can block a hot path of a Go
// server forever: a channel send, a select or a call inside an HTTP
// handler that waits on another goroutine without bound.
//
// Run it on packages directly:
//
//	hotblock ./...
//	hotblock -json ./...
//
// or as go vet's analysis tool:
//
//	go vet -vettool=$(which hotblock) ./...
//
// hotblock -V prints its version. Run hotblock -help for its flags and
// checks.
package main

import (
	"os"

	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/hotblock/hotblock/analyzer"
)

func main() {
	if printVersion(os.Args[1:]) {
		return
	}
	singlechecker.Main(analyzer.Analyzer)
}
