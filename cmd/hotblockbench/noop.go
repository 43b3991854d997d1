package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// warm is set (-ldflags -X main.warm=...) in the build that warms the
// cache, so that its executable, and go vet's cache identity, differ
// from the measured no-ops.
var warm string

// noopFact is the fact type the floor analyzer declares and never exports.
type noopFact struct{}

func (*noopFact) AFact() {}

// runNoop runs the no-op analyzer of the given mode as a singlechecker,
// standalone or as go vet's tool.
func runNoop(mode string) {
	a := &analysis.Analyzer{
		Name: "noop",
		Doc:  "does nothing, to measure what its driver costs" + warm,
		Run:  func(*analysis.Pass) (any, error) { return nil, nil },
	}
	if mode == "floor" {
		// A fact type makes the driver load and type-check every
		// dependency from source, as it must for hotblock.
		a.FactTypes = []analysis.Fact{new(noopFact)}
	}
	singlechecker.Main(a)
}
