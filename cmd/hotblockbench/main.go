// Command hotblockbench measures hotblock's cost against the floor that
// any fact-based analyzer pays, side by side in one run, under both
// drivers (the standalone binary and go vet -vettool), over the standard
// library and real servers fetched through the module proxy.
//
// It compares, on the same packages:
//
//   - hotblock;
//   - floor: a no-op analyzer that declares one fact type, so that, like
//     hotblock, it makes its driver load and type-check every dependency
//     from source;
//   - load: the same no-op without a fact type (what loading alone costs);
//   - go vet's default suite (under go vet only);
//   - staticcheck (standalone only).
//
// The no-op analyzers are built from this command itself (-ldflags -X
// selects the mode), so each has an executable, and a go vet cache
// identity, of its own. go vet and staticcheck cache results: each
// measured run gets a fresh copy of a build cache warmed with the export
// data of every package, so it re-analyzes without recompiling, and an
// empty staticcheck cache.
//
//	go run ./cmd/hotblockbench -runs 5 -out docs/performance-results.md
//
// See docs/performance.md for the method and the latest figures.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
)

// mode is set with -ldflags -X main.mode=floor|load when the command is
// built as one of the no-op analyzers.
var mode string

func main() {
	if mode != "" {
		runNoop(mode)
		return
	}
	runs := flag.Int("runs", 3, "measured runs of each tool on each corpus")
	corpora := flag.String("corpus", strings.Join(defaultCorpus, ","), "comma-separated corpus: std, or module@version")
	out := flag.String("out", "", "write the Markdown report to this file as well as stdout")
	work := flag.String("work", "", "scratch directory (default: a new temporary one)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("hotblockbench: ")

	dir := *work
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "hotblockbench"); err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
	}
	tools, err := buildTools(filepath.Join(dir, "bin"))
	if err != nil {
		log.Fatal(err)
	}
	var report strings.Builder
	writeHeader(&report, *runs)
	for _, name := range strings.Split(*corpora, ",") {
		c, err := prepare(name, filepath.Join(dir, "corpus"))
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		results, err := measureCorpus(c, tools, *runs, dir)
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		writeCorpus(&report, c, results)
	}
	fmt.Print(report.String())
	if *out != "" {
		if err := os.WriteFile(*out, []byte(report.String()), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
