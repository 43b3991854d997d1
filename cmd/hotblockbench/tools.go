package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// staticcheckVersion is the staticcheck compared with: the version of
// honnef.co/go/tools that hotblock itself depends on.
const staticcheckVersion = "v0.8.2"

// A tool is one analyzer measured, with how each driver runs it.
type tool struct {
	name string
	// standalone runs it directly on patterns; nil if it has no such form.
	standalone []string
	// vet is the -vettool for go vet, "" for go vet's default suite, and
	// unset (vetOK false) if it does not run under go vet.
	vet   string
	vetOK bool
}

// buildTools builds hotblock, the two no-op analyzers and staticcheck
// into dir. It runs from the hotblock repository (go run ./cmd/hotblockbench).
func buildTools(dir string) ([]tool, error) {
	bin := func(name string) string { return filepath.Join(dir, name) }
	builds := [][]string{
		{"build", "-o", bin("hotblock"), "./cmd/hotblock"},
		{"build", "-ldflags=-X main.mode=floor", "-o", bin("floor"), "./cmd/hotblockbench"},
		{"build", "-ldflags=-X main.mode=load", "-o", bin("load"), "./cmd/hotblockbench"},
		{"build", "-ldflags=-X main.mode=load -X main.warm=1", "-o", bin("warm"), "./cmd/hotblockbench"},
		// staticcheck at the version this module uses, from its own go.mod.
		{"install", "honnef.co/go/tools/cmd/staticcheck@" + staticcheckVersion},
	}
	for _, args := range builds {
		cmd := exec.Command("go", args...)
		cmd.Env = append(os.Environ(), "GOBIN="+dir)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("go %v: %w", args, err)
		}
	}
	return []tool{
		{name: "floor", standalone: []string{bin("floor")}, vet: bin("floor"), vetOK: true},
		{name: "load", standalone: []string{bin("load")}, vet: bin("load"), vetOK: true},
		{name: "hotblock", standalone: []string{bin("hotblock")}, vet: bin("hotblock"), vetOK: true},
		{name: "go vet (default suite)", vetOK: true},
		{name: "staticcheck", standalone: []string{bin("staticcheck"), "-checks=all"}},
	}, nil
}

// warmer returns the tool used to warm the build cache: a no-op of its
// own build, so that its cached vet results serve no measured tool.
func warmer(dir string) string { return filepath.Join(dir, "bin", "warm") }
