package analyzer

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/packages"
)

// brokenCase is a package that does not type-check: decls at the top
// level, body inside an HTTP handler, so that both the walk and the
// report from the root meet it.
type brokenCase struct {
	decls, body string
}

// brokenCases covers what type errors leave behind: expressions without
// a type, declarations without an object, calls with the wrong arguments.
var brokenCases = map[string]brokenCase{
	"rangeundefined":   {body: "for range undefinedThing {\n\t}"},
	"rangekeyundef":    {body: "for k, v := range undefinedThing {\n\t\t_, _ = k, v\n\t}"},
	"sendundefinedch":  {body: "undefinedChan <- 1"},
	"sendundefinedval": {body: "ch <- undefinedValue"},
	"recvundefined":    {body: "<-undefinedChan"},
	"selectundefined":  {body: "select {\n\tcase undefinedChan <- 1:\n\tcase <-undefinedCtx.Done():\n\tcase v := <-undefinedChan:\n\t\t_ = v\n\t}"},
	"selectundefctx":   {body: "select {\n\tcase ch <- 1:\n\tcase <-undefinedCtx.Done():\n\t}"},
	"callundefined":    {body: "undefinedFunc(ch)"},
	"callnonfunc":      {body: "x := 1\n\tx()"},
	"methodonchan":     {body: "ch.Send()"},
	"badassign":        {body: `var x chan int = "s"` + "\n\tx <- 1"},
	"sendnonchan":      {body: "var y int\n\ty <- 1\n\t<-y"},
	"ctxwrongargs":     {body: "context.WithTimeout()\n\tctx, cancel := context.WithCancel()\n\tdefer cancel()\n\twait(ctx)", decls: "func wait(ctx context.Context) {\n\tselect {\n\tcase ch <- 1:\n\tcase <-ctx.Done():\n\t}\n}"},
	"ctxundefined":     {body: "wait(undefinedCtx)\n\twait(context.Background(1))", decls: "func wait(ctx context.Context) {\n\tselect {\n\tcase ch <- 1:\n\tcase <-ctx.Done():\n\t}\n}"},
	"goundefined":      {body: "go undefinedFunc()\n\tdefer undefinedFunc()"},
	"lockundefined":    {body: "var mu undefinedLock\n\tmu.Lock()\n\tdefer mu.Unlock()\n\tch <- 1"},
	"duplicatefunc":    {decls: "func dup() { ch <- 1 }\n\nfunc dup() { ch <- 2 }", body: "dup()"},
	"undefinedrecv":    {decls: "func (u *Undefined) M() { ch <- 1 }", body: "var u *Undefined\n\tu.M()"},
	"undefinedserve":   {decls: "func (Weird) ServeHTTP(http.ResponseWriter, *http.Request) { ch <- 2 }"},
	"recursivetypes":   {decls: "type Loop Loop\n\ntype Cycle struct{ c Cycle }", body: "var l Loop\n\tvar c Cycle\n\t_, _ = l, c"},
	"badinstance":      {decls: "func generic[T any](v T) {\n\tvar c chan T\n\tc <- v\n\tgeneric[T, T](v)\n}", body: "generic[undefinedType](1)\n\tgeneric[int]()"},
	"wrongreturns":     {decls: "func two() (int, int) { return 1 }", body: "a, b, c := two()\n\t_, _, _ = a, b, c\n\treturn 1"},
	"literalwrongargs": {body: "func(x int) { ch <- x }()\n\tfunc() { ch <- 1 }(2)"},
	"syncwrongargs":    {body: "var wg sync.WaitGroup\n\twg.Wait(1)\n\tsync.NewCond().Wait()\n\tvar once sync.Once\n\tonce.Do(func(int) { ch <- 1 })"},
	"httpwrongargs":    {body: "http.Get()\n\tr.Context(1)()"},
	"bufferundefined":  {body: "c := make(chan int, undefinedN)\n\tc <- 1\n\td := make(chan int, \"x\")\n\td <- 1\n\te := make(chan undefinedType, 1)\n\te <- 1"},
	"hotpathbroken":    {decls: "//hotblock:hotpath\nfunc hot(x undefinedType) { ch <- x }"},
	"eventloopundef":   {body: "for {\n\t\tselect {\n\t\tcase j := <-undefinedChan:\n\t\t\tch <- j\n\t\t}\n\t}"},
	"fanoutundefined":  {body: "for _, s := range undefinedSubs {\n\t\ts <- 1\n\t}\n\tfor _, s := range r.Subs {\n\t\ts.c <- 1\n\t}"},
	"typeswitchundef":  {body: "switch x := undefinedValue.(type) {\n\tcase int:\n\t\tch <- x\n\t}"},
	"assigncount":      {body: "a, b := ch\n\ta <- 1\n\t_ = b"},
	"funcargundefined": {decls: "func apply(f func()) { f() }", body: "apply(undefinedFunc)\n\tapply(func() { ch <- 1 }, 2)\n\tapply(func(int) { ch <- 1 })"},
	"gotoundefined":    {body: "goto undefinedLabel"},
	"compositeundef":   {body: "_ = undefinedType{OnAdd: func(any) { ch <- 1 }}\n\t_ = http.Server{Handler: undefinedHandler}"},
	"conversionundef":  {body: "_ = http.HandlerFunc(undefinedFunc)\n\t_ = undefinedType(func() { ch <- 1 })\n\thttp.HandlerFunc(func(int) { ch <- 1 })"},
	"methodexprundef":  {body: "(*undefinedType).M(nil)\n\t(*http.Request).Context()"},
	"assignundefined":  {body: "undefinedVar = func() { ch <- 1 }\n\tundefinedVar()"},
	"handlefuncundef":  {body: "http.HandleFunc(undefinedRoute, func(w http.ResponseWriter, r *http.Request) { ch <- 1 })\n\thttp.HandleFunc(\"/\", undefinedHandler)"},
}

// brokenSourceOf is the file of a broken case.
func brokenSourceOf(name string, c brokenCase) string {
	return fmt.Sprintf(`// Package %[1]s does not type-check.
package %[1]s

import (
	"context"
	"net/http"
	"sync"
)

var (
	_  = context.Background
	_  sync.Mutex
	ch = make(chan int)
)

%[2]s

func Handle(w http.ResponseWriter, r *http.Request) {
	%[3]s
}
`, name, c.decls, c.body)
}

// TestBrokenPackagesDespiteErrors runs hotblock, as a driver that runs
// analyzers despite errors would, over packages that do not type-check,
// do not parse, or have no file for the build: none may fail with an
// internal error, and well-typed sends in them are still found.
func TestBrokenPackagesDespiteErrors(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"syntaxerr/syntaxerr.go": `// Package syntaxerr does not parse.
package syntaxerr

import "net/http"

var ch = make(chan int)

func Handle(w http.ResponseWriter, r *http.Request) {
	ch <-
}

func F( {
	select {
	case ch <- :
	}
}

func G() { ch <- 1
`,
		"excluded/excluded.go": "//go:build ignore\n\npackage excluded\n",
	}
	names := []string{"syntaxerr", "excluded"}
	for name, c := range brokenCases {
		files[name+"/"+name+".go"] = brokenSourceOf(name, c)
		names = append(names, name)
	}
	sort.Strings(names)
	pkgs := loadTree(t, writeTree(t, files), names...)
	illTyped := make(map[string]bool)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.Errors) > 0 {
			illTyped[p.PkgPath] = true
		}
	})

	a := mustAnalyzer(t, allChecks(), false)
	a.RunDespiteErrors = true
	roots, _ := analyzeTree(t, a, pkgs, nil)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			act := roots[name]
			require.NotNil(t, act)
			assert.True(t, illTyped[name], "the case must not type-check")
			require.NoError(t, act.Err)
			for _, d := range act.Diagnostics {
				assert.False(t, strings.Contains(d.Message, "\n"), "one-line message: %q", d.Message)
			}
		})
	}

	// A handler whose only error is its sent value is still reported.
	act := roots["sendundefinedval"]
	require.NoError(t, act.Err)
	var got []string
	for _, d := range act.Diagnostics {
		file, line := fileLine(act.Package.Fset, d.Pos)
		got = append(got, fmt.Sprintf("%s:%d %s", file, line, d.Category))
	}
	assert.Contains(t, got, "sendundefinedval.go:19 send")
}
