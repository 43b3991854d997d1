package analyzer

import (
	"cmp"
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// docsURL is where each check's page lives; a diagnostic links to its own.
const docsURL = "https://github.com/hotblock/hotblock/blob/main/docs/checks/"

// A finding is a diagnostic waiting for suppression to be applied.
type finding struct {
	check    string
	pos, end token.Pos
	message  string
	related  []analysis.RelatedInformation
	fixes    []analysis.SuggestedFix
	// witness names the operation in another package that the finding's
	// call reaches ("" for an operation in this package), and what names
	// the call: the package gets one finding per such operation.
	witness, what string
	// others counts the other calls of the package that reach it.
	others int
	// root is the position of the function whose hot path it is on.
	root token.Pos
}

// A reporter is the single funnel of hotblock's diagnostics: it keeps one
// finding per position and check, drops those in generated files and
// those a directive suppresses, reports directives that are malformed or
// suppress nothing, and emits the rest in source order.
type reporter struct {
	pass     *analysis.Pass
	checks   checkSet
	findings []finding
	seen     map[findingKey]bool
	files    map[*token.File]*fileInfo
	// testVariant: the package is compiled with its _test.go files.
	testVariant bool
}

type findingKey struct {
	pos   token.Pos
	check string
}

func newReporter(pass *analysis.Pass, checks checkSet, files map[*token.File]*fileInfo) *reporter {
	rep := &reporter{pass: pass, checks: checks, seen: make(map[findingKey]bool), files: files}
	var tests, others bool
	for tf := range files {
		if isTestFile(tf) {
			tests = true
		} else {
			others = true
		}
	}
	rep.testVariant = tests && others
	return rep
}

// isTestFile reports whether f is a _test.go file.
func isTestFile(f *token.File) bool {
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// productionOnly reports whether pos is in a file that the package without
// its tests has as well, in the package's test variant: the package's
// own run reports what happens there, on hot paths that start there,
// from the production code alone. Test code that uses a type otherwise
// (a request sent with an unbuffered reply slot, and waited on at once)
// must not turn the production code's sends into findings.
func (rep *reporter) productionOnly(pos token.Pos) bool {
	return rep.testVariant && !isTestFile(rep.pass.Fset.File(pos))
}

// add keeps a finding unless its check is off or it is a duplicate.
func (rep *reporter) add(f finding) {
	k := findingKey{f.pos, f.check}
	if !rep.checks.has(f.check) || rep.seen[k] {
		return
	}
	rep.seen[k] = true
	rep.findings = append(rep.findings, f)
}

// op reports an operation reached on root r's hot path at hop h.
func (rep *reporter) op(r root, h *hop, o *op, fixes []analysis.SuggestedFix) {
	var where string
	if o.inner != nil {
		beyond := []string{o.callee}
		for _, fr := range o.inner.Chain {
			beyond = append(beyond, fr.Func)
		}
		where = h.path(r, beyond...)
	} else {
		where = h.path(r)
	}
	if o.fanout != "" {
		walk, stall := "fan-out over ", ": one stalled subscriber stalls them all"
		if o.replies {
			walk, stall = "replies to each waiter in ", ": one waiter that left stalls the rest"
		}
		if r.kind == kindFanOut {
			where = walk + o.fanout + " in " + r.f.name
		} else {
			where += ", " + walk + o.fanout
		}
		where += stall
	}
	var msg string
	if o.inner != nil {
		msg = fmt.Sprintf("%s: %s may block forever%s at %s (%s): %s (%s)",
			o.check, o.what, holding(h, o), o.inner.What, o.inner.Pos, o.inner.Why, where)
	} else {
		msg = fmt.Sprintf("%s: %s may block forever%s: %s (%s)", o.check, o.what, holding(h, o), o.why, where)
	}
	switch {
	case o.instead != "" && o.check != CheckCtx:
		msg += "; use " + o.instead
	case o.fanout != "" && o.replies:
		msg += "; make each reply slot with room for its reply, or select each send with the waiter's done channel"
	case o.fanout != "":
		msg += "; select each send with the subscriber's done channel, or drop with a default"
	default:
		msg += advice(o.check, rootContext(r, h))
	}
	f := finding{check: o.check, pos: o.pos, end: o.end, message: msg, related: rep.related(r, h), fixes: fixes, root: r.f.pos}
	if o.inner != nil {
		f.witness, f.what = witnessKey(o), o.what
	}
	rep.add(f)
}

// witnessKey identifies the operation in another package that the call
// o reaches: what it is, where, and in which function.
func witnessKey(o *op) string {
	holder := o.callee
	if n := len(o.inner.Chain); n > 0 {
		holder = o.inner.Chain[n-1].Func
	}
	return o.inner.What + " at " + o.inner.Pos + " in " + holder
}

// ctxCall reports a call, reached on root r's hot path at hop h, that
// passes a never-done context to a function of the package waiting on it.
func (rep *reporter) ctxCall(r root, h *hop, cl *call, w *Witness, fixes []analysis.SuggestedFix) {
	msg := fmt.Sprintf("%s: %s may block forever%s: %s (%s)", CheckCtx, w.What, held(append(h.held, cl.held...)), w.Why, h.path(r))
	msg += advice(CheckCtx, rootContext(r, h))
	rep.add(finding{check: CheckCtx, pos: cl.expr.Pos(), end: cl.expr.End(), message: msg, related: rep.related(r, h), fixes: fixes, root: r.f.pos})
}

// holding says which mutexes are held while o waits on h's path: those
// its callers hold, those its own body holds, and, for a call into
// another package, one the callee holds.
func holding(h *hop, o *op) string {
	names := append(append([]string(nil), h.held...), o.held...)
	if o.inner != nil && o.inner.Held != "" {
		names = append(names, o.inner.Held)
	}
	return held(names)
}

// held renders " while holding a, b" for the distinct names, or "".
func held(names []string) string {
	var distinct []string
	for _, n := range names {
		if !slices.Contains(distinct, n) {
			distinct = append(distinct, n)
		}
	}
	if len(distinct) == 0 {
		return ""
	}
	return " while holding " + strings.Join(distinct, " and ")
}

// related returns the hot path as positions an editor can jump along,
// when it has more than the root itself.
func (rep *reporter) related(r root, h *hop) []analysis.RelatedInformation {
	if h.from == nil {
		return nil // the operation is in the root: its position says it all
	}
	entry := func(h *hop) analysis.RelatedInformation {
		if h.from == nil {
			return analysis.RelatedInformation{Pos: h.f.pos, Message: r.String()}
		}
		return analysis.RelatedInformation{Pos: h.at, Message: "calls " + h.f.name}
	}
	var out []analysis.RelatedInformation
	if h.depth >= maxPath {
		// Long paths keep their first three calls and their last ones.
		for _, first := range h.head {
			out = append(out, entry(first))
		}
		tail := make([]analysis.RelatedInformation, 0, maxPath-4)
		for g := h; len(tail) < maxPath-4; g = g.from {
			tail = append(tail, entry(g))
		}
		slices.Reverse(tail)
		return append(out, tail...)
	}
	for ; h != nil; h = h.from {
		out = append(out, entry(h))
	}
	slices.Reverse(out)
	return out
}

// advice says what to do, naming the context in scope if there is one.
func advice(check, ctx string) string {
	switch check {
	case CheckSend, CheckSelect, CheckRecv:
		if ctx != "" {
			return "; add a case <-" + ctx + ".Done()"
		}
		return "; add a cancellation, timeout or default case"
	case CheckCall, CheckPool, CheckExec:
		if ctx != "" {
			return "; call a variant bounded by " + ctx
		}
		return "; call a variant bounded by a context or timeout"
	case CheckCtx:
		if ctx != "" {
			return "; pass " + ctx
		}
		return "; pass a context that is cancelled or times out"
	}
	return ""
}

// rootContext returns the context in scope at hop h of root r's path.
func rootContext(r root, h *hop) string {
	if ctx := contextInScope(h.f); ctx != "" || h.from != nil {
		return ctx
	}
	return r.ctx
}

// contextInScope returns the expression of the context f can use: its
// context parameter, or its request's context.
func contextInScope(f *fn) string {
	params := f.sig.Params()
	for i := range params.Len() {
		if p := params.At(i); isContext(p.Type()) && p.Name() != "" && p.Name() != "_" {
			return p.Name()
		}
	}
	for i := range params.Len() {
		p := params.At(i)
		if ptr, ok := types.Unalias(p.Type()).(*types.Pointer); ok && isNamed(ptr.Elem(), "net/http", "Request") && p.Name() != "" && p.Name() != "_" {
			return p.Name() + ".Context()"
		}
	}
	return ""
}

// inSourceOrder orders findings by file name, then offset. (Not by
// token.Pos: the loader parses a package's files concurrently, so their
// bases in the file set come in any order.)
func (rep *reporter) inSourceOrder(a, b finding) int {
	pa, pb := rep.pass.Fset.Position(a.pos), rep.pass.Fset.Position(b.pos)
	return cmp.Or(cmp.Compare(pa.Filename, pb.Filename), cmp.Compare(pa.Offset, pb.Offset))
}

// flush applies suppression and reports, in source order. Calls that
// reach the same operation of another package make one finding, at the
// first of them: the operation is one, and so is its fix in the other
// package; the other calls are listed as related information.
func (rep *reporter) flush() {
	slices.SortStableFunc(rep.findings, rep.inSourceOrder)
	var kept []finding
	first := make(map[string]int)
	for _, f := range rep.findings {
		info := rep.fileOf(f.pos)
		if info == nil || info.generated || rep.productionOnly(f.pos) && rep.productionOnly(f.root) || rep.suppressed(info, f) {
			continue
		}
		k := f.check + "\x00" + f.witness
		if i, seen := first[k]; seen && f.witness != "" {
			kept[i].also(f)
			continue
		}
		first[k] = len(kept)
		kept = append(kept, f)
	}
	for _, f := range kept {
		rep.emit(f)
	}
	if rep.checks.has(CheckDirective) {
		rep.directiveFindings()
	}
}

// suppressed reports whether a directive of the file suppresses f, and
// marks that directive used.
func (rep *reporter) suppressed(info *fileInfo, f finding) bool {
	line := rep.pass.Fset.Position(f.pos).Line
	for _, d := range info.directives {
		if d.suppresses(f.check, line) {
			d.used = true
			return true
		}
	}
	return false
}

// directiveFindings reports malformed directives, and ignore directives
// that suppressed nothing although every check they name is running.
func (rep *reporter) directiveFindings() {
	var out []finding
	for tf, info := range rep.files {
		if info.generated || rep.testVariant && !isTestFile(tf) {
			continue // the package's own run reports these
		}
		for _, d := range info.directives {
			if msg := rep.directiveProblem(d); msg != "" {
				out = append(out, finding{check: CheckDirective, pos: d.pos, end: d.pos + token.Pos(len(directivePrefix)), message: msg})
			}
		}
	}
	slices.SortFunc(out, rep.inSourceOrder)
	for _, f := range out {
		rep.emit(f)
	}
}

// directiveProblem says what is wrong with d, or "".
func (rep *reporter) directiveProblem(d *directive) string {
	if d.err != nil {
		return CheckDirective + ": malformed directive: " + d.err.Error()
	}
	if d.cmd != "ignore" {
		if !d.attached {
			return fmt.Sprintf("%s: //hotblock:%s belongs in the doc comment of a function%s", CheckDirective, d.cmd, typesToo(d.cmd))
		}
		return ""
	}
	if d.used {
		return ""
	}
	for _, c := range d.checks {
		if !rep.checks.has(c) {
			return "" // the check is off: the directive may well be needed
		}
	}
	return fmt.Sprintf("%s: //hotblock:ignore %s suppresses nothing; delete it", CheckDirective, strings.Join(d.checks, ","))
}

// also records in f another call, g, that reaches the same operation.
func (f *finding) also(g finding) {
	f.others++
	f.related = append(f.related, analysis.RelatedInformation{Pos: g.pos, End: g.end, Message: "also reaches it: " + g.what})
}

func (rep *reporter) fileOf(pos token.Pos) *fileInfo {
	return rep.files[rep.pass.Fset.File(pos)]
}

func (rep *reporter) emit(f finding) {
	switch {
	case f.others == 1:
		f.message += "; 1 other call in this package reaches it too"
	case f.others > 1:
		f.message += fmt.Sprintf("; %d other calls in this package reach it too", f.others)
	}
	rep.pass.Report(analysis.Diagnostic{
		Pos: f.pos, End: f.end, Category: f.check, Message: f.message,
		URL: docsURL + f.check + ".md", Related: f.related, SuggestedFixes: f.fixes,
	})
}
