package analyzer

import (
	"fmt"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"
)

// Analyzer is hotblock with its default configuration. Its flags write
// into its own Config, so a driver that parses them configures it.
var Analyzer = mustNew(DefaultConfig())

// New returns a fresh hotblock analyzer bound to its own copy of cfg:
// two analyzers never share settings. Its flags set that copy's fields.
func New(cfg Config) (*analysis.Analyzer, error) {
	return newAnalyzer(cfg, false)
}

// newAnalyzer is New; withStd also summarises the standard library's own
// code, which only the robustness test over std wants.
func newAnalyzer(cfg Config, withStd bool) (*analysis.Analyzer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("hotblock: %w", err)
	}
	c := &cfg
	a := &analysis.Analyzer{
		Name: "hotblock",
		Doc:  analyzerDoc(),
		URL:  "https://github.com/hotblock/hotblock",
		Run: func(pass *analysis.Pass) (any, error) {
			if !withStd && isStandard(pass) {
				return nil, nil // described by the table of known-blocking calls
			}
			return run(pass, c)
		},
		FactTypes: []analysis.Fact{new(Summary), new(HotPath), new(Requests), new(AwaitedReply), new(RoomySlot)},
	}
	bindFlags(&a.Flags, c)
	return a, nil
}

func mustNew(cfg Config) *analysis.Analyzer {
	a, err := New(cfg)
	if err != nil {
		panic(err)
	}
	return a
}

// run analyzes one package: it summarises every function, exports the
// summaries other packages need, and reports what blocks on hot paths.
func run(pass *analysis.Pass, cfg *Config) (_ any, err error) {
	defer func() {
		// A bug in hotblock must fail this package with a stack a user can
		// report, not crash the whole vet or lint run.
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v\n%s", p, debug.Stack())
		}
	}()
	c, err := newChecker(pass, cfg)
	if err != nil {
		return nil, err
	}
	c.collect()
	c.summarize()
	c.exportFacts()
	rep := newReporter(pass, c.checks, c.files)
	c.reportHotPaths(c.roots(), rep)
	rep.flush()
	return nil, nil
}

// exportFacts exports the summary of every function other packages can
// call, unless it never blocks and calls no parameter: no fact says that.
func (c *checker) exportFacts() {
	c.exportAwaitedReplies()
	c.exportRoomySlots()
	for _, f := range c.funcs {
		if f.obj == nil || !f.obj.Exported() {
			continue
		}
		if r, ok := c.requestsFact(f); ok {
			c.pass.ExportObjectFact(f.obj, &r)
		}
		if f.sum.Blocks == NeverBlocks && f.sum.SyncParams == 0 && !f.sum.Hot && f.sum.Releases == "" && !f.sum.Spawns {
			continue
		}
		s := f.sum
		s.Module = c.module
		c.pass.ExportObjectFact(f.obj, &s)
	}
}
