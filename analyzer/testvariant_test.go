package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	driver "golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// A dial worker whose production requests all carry a reply slot with
// room (R2), a handler whose finding a directive suppresses, and tests
// that build a request with an unbuffered slot and run a test server
// that blocks.
var testVariantTree = map[string]string{
	"dialer/worker.go": `package dialer

import "net/http"

type reply struct{ conn int }

type request struct{ reply chan reply }

type Worker struct {
	reqs  chan request
	queue chan int
}

func (w *Worker) Dial() int {
	r := make(chan reply, 1)
	w.reqs <- request{reply: r}
	return (<-r).conn
}

func (w *Worker) loop(conns []int, quit chan struct{}) {
	for {
		select {
		case req := <-w.reqs:
			req.reply <- reply{conn: conns[0]}
		case <-quit:
			return
		}
	}
}

func (w *Worker) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	//hotblock:ignore send the queue is drained by the supervisor
	w.queue <- 1
}
`,
	"dialer/worker_test.go": `package dialer

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestDialTimeout(t *testing.T) {
	w := &Worker{reqs: make(chan request)}
	r := make(chan reply)
	w.reqs <- request{reply: r}
	select {
	case <-r:
	case <-time.After(time.Second):
	}
}

func TestServer(t *testing.T) {
	done := make(chan bool)
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		done <- true
	}))
	defer srv.Close()
}
`,
}

// TestTestVariant checks that a package's test variant reports only what
// its tests add: the tests' own hot paths, and not the production code's
// sends, which a request built otherwise in a test would make look
// blocking (the package's own run judges those, from production code
// alone); and that it leaves the production files' directives to that
// run too.
func TestTestVariant(t *testing.T) {
	gopath := writeTree(t, testVariantTree)
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax,
		Tests: true,
		Dir:   filepath.Join(gopath, "src"),
		Env:   append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off", "GOFLAGS=-buildvcs=false"),
	}
	pkgs, err := packages.Load(cfg, "dialer")
	require.NoError(t, err)
	graph, err := driver.Analyze([]*analysis.Analyzer{mustAnalyzer(t, Config{}, false)}, pkgs, nil)
	require.NoError(t, err)

	found := make(map[string][]string) // package ID → "file:line check"
	for _, act := range graph.Roots {
		require.NoError(t, act.Err)
		for _, d := range act.Diagnostics {
			file, line := fileLine(act.Package.Fset, d.Pos)
			found[act.Package.ID] = append(found[act.Package.ID], fmt.Sprintf("%s:%d %s", file, line, d.Category))
		}
	}
	assert.Empty(t, found["dialer"], "the package alone: the reply has room, the send is suppressed")
	assert.Equal(t, []string{"worker_test.go:23 send"}, found["dialer [dialer.test]"],
		"the test variant: only the test server's send")
	for id, fs := range found {
		for _, f := range fs {
			assert.False(t, strings.HasSuffix(f, " directive"), "%s: %s", id, f)
		}
	}
}
