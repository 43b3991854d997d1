// Package analyzer defines hotblock, an analysis that finds operations
// which can block a hot path forever: a channel send, a select or a call
// that waits on another goroutine without bound, inside an HTTP handler
// or code it calls.
//
// The analysis works one package at a time. Every function gets a
// summary (it never blocks, it blocks until one of its context
// parameters is done, or it may block forever, with a witness), computed
// bottom-up over the package's call graph and exported as a fact, so that
// callers in other packages see what their callees do. From each root (a
// function whose body is a hot path) it then follows the calls that may
// block and reports each operation that nothing bounds: no default case,
// no cancellation case, no timer.
//
// The files of the package are organised by concept:
//
//   - what is hot: roots.go (net/http), frameworks.go (gin, echo, fiber,
//     gRPC, connect), eventloops.go, fanout.go, contracts.go and
//     declared.go (//hotblock:hotpath, the roots setting);
//   - what blocks and what bounds it: walk.go and calls.go (the walk of a
//     body), ancestors.go (the package's files walked with each node's
//     ancestors), operations.go, contexts.go, locals.go, buffers.go, locks.go;
//     the channel protocols that make a bare send safe: protocols.go (the
//     list), replies.go, handoffs.go and roomyslots.go (replies across
//     packages), waitlists.go, slotlists.go, batches.go and removals.go
//     (reply slots kept in lists), workers.go and merges.go (goroutines
//     that drain), selfstops.go (workers only their sender stops),
//     owners.go (a single flight's Cond), latest.go (latest-value
//     slots), semaphores.go (semaphore types), handshakes.go, gates.go
//     and turns.go (turns handed out by a loop), joins.go (a semaphore
//     filled to capacity is a join), flags.go (one-shot flags),
//     exits.go, feeds.go, goresults.go and donechans.go (buffers that
//     hold every send), nilguards.go (parameter guards in summaries),
//     hooks.go (test hooks nil in production), answers.go (answers
//     counted along paths);
//   - other packages: external.go (facts and the table), catalog.go (the
//     table of known-blocking calls), stdlib.go, refs.go;
//   - summaries and facts: summary.go, facts.go;
//   - reporting: hotpath.go (the walk from the roots), report.go,
//     directives.go, fixes.go (suggested fixes);
//   - configuration and documentation: analyzer.go, config.go, checks.go,
//     checkdocs.go.
package analyzer

import (
	"fmt"
	"strings"
)

// analyzerDoc returns the Analyzer's documentation, shown by
// hotblock -help, with the list of checks drawn from their metadata.
func analyzerDoc() string {
	var b strings.Builder
	b.WriteString(`report operations that can block a hot path forever

hotblock finds channel sends, selects and calls that can wait without
bound on a hot path: an HTTP handler, or code it calls. Such a wait hangs
the request forever when the goroutine on the other side has died, is
paused, or is waiting itself; a held lock or a shared event loop turns
one hang into a frozen server.

Checks (each finding starts with its check's name; -enable and -disable
take these names):
`)
	for _, c := range checks {
		title := c.Doc.Compile().Title
		if !c.Default() {
			title += " (off by default)"
		}
		fmt.Fprintf(&b, "  %-10s %s\n", c.Name, title)
	}
	b.WriteString(`
Suppress one finding with //hotblock:ignore <check> <reason> on its line
or the line above. Documentation: https://github.com/hotblock/hotblock/tree/main/docs`)
	return b.String()
}
