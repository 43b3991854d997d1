package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hotblock is the path of the binary built from this package by TestMain.
var hotblock string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hotblock-e2e")
	if err != nil {
		panic(err)
	}
	hotblock = filepath.Join(dir, "hotblock")
	build := exec.Command("go", "build", "-o", hotblock, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("building hotblock: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// module returns the absolute path of a module under testdata/modules.
func module(t *testing.T, name string) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "modules", name))
	require.NoError(t, err)
	return dir
}

// run runs a command in dir and returns its combined output and exit code.
func run(t *testing.T, dir, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return out.String(), exit.ExitCode()
	}
	require.NoError(t, err, out.String())
	return out.String(), 0
}

// The findings hotblock must report on the shop module, as go vet prints
// them (paths relative to the module).
var shopFindings = []string{
	"web/web.go:17:2: call: call to orders.(*Book).Push may block forever at send on b.pending (orders.go:20): " +
		"no default, ctx.Done() or timeout case (HTTP handler (*Shop).order → orders.(*Book).Push → orders.(*Book).add); " +
		"call a variant bounded by r.Context()",
	"web/web.go:27:6: ctx: call to orders.(*Book).PushContext with context.Background() may block forever: " +
		"it waits until its context is done, and this one never is (HTTP handler (*Shop).orderDetached); pass r.Context()",
}

// TestVetCrossesPackages runs the real binary under go vet on a module of
// two packages: the handler's wait is in the other package, so it is seen
// only if the summary fact crossed from one vet process to the next.
func TestVetCrossesPackages(t *testing.T) {
	t.Parallel()
	out, code := run(t, module(t, "shop"), "go", "vet", "-vettool="+hotblock, "./...")
	assert.Equal(t, 1, code, out)
	assert.Equal(t, shopFindings, findingLines(out))
}

// TestVetFlags passes analyzer flags through go vet.
func TestVetFlags(t *testing.T) {
	t.Parallel()
	out, code := run(t, module(t, "shop"), "go", "vet", "-vettool="+hotblock, "-disable=call", "./...")
	assert.Equal(t, 1, code, out)
	assert.Equal(t, shopFindings[1:], findingLines(out))

	out, code = run(t, module(t, "shop"), "go", "vet", "-vettool="+hotblock, "-disable=call,ctx", "./...")
	assert.Equal(t, 0, code, out)
	assert.Empty(t, findingLines(out))

	out, code = run(t, module(t, "shop"), "go", "vet", "-vettool="+hotblock, "-enable=sends", "./...")
	assert.NotEqual(t, 0, code, out)
	assert.Contains(t, out, `unknown check "sends"`)
}

// TestOtherModules checks that waits inside another module count only
// when the modules setting names it.
func TestOtherModules(t *testing.T) {
	t.Parallel()
	dir := module(t, "app")
	out, code := run(t, dir, "go", "vet", "-vettool="+hotblock, "./...")
	assert.Equal(t, 0, code, out)
	assert.Empty(t, findingLines(out))

	out, code = run(t, dir, "go", "vet", "-vettool="+hotblock, "-modules=example.com/queuelib", "./...")
	assert.Equal(t, 1, code, out)
	assert.Equal(t, []string{"api/api.go:16:2: call: call to queuelib.(*Queue).Push may block forever at send on q.items " +
		"(queuelib.go:12): no default, ctx.Done() or timeout case (HTTP handler (*API).push → queuelib.(*Queue).Push); " +
		"call a variant bounded by r.Context()"}, findingLines(out))
}

// TestVetJSON checks go vet's -json output: the findings, their check as
// category, and exit status 0 (the report is the output).
func TestVetJSON(t *testing.T) {
	t.Parallel()
	out, code := run(t, module(t, "shop"), "go", "vet", "-vettool="+hotblock, "-json", "./...")
	require.Equal(t, 0, code, out)
	var categories []string
	for _, d := range decodeJSON(t, out)["example.com/shop/web"]["hotblock"] {
		categories = append(categories, d.Category)
	}
	assert.Equal(t, []string{"call", "ctx"}, categories)
}

// TestStandalone runs the binary directly: exit status 3 with findings,
// and -json.
func TestStandalone(t *testing.T) {
	t.Parallel()
	dir := module(t, "shop")
	out, code := run(t, dir, hotblock, "./...")
	assert.Equal(t, 3, code, out)
	for _, f := range shopFindings {
		assert.Contains(t, out, filepath.Join(dir, f))
	}

	out, code = run(t, dir, hotblock, "-json", "./...")
	require.Equal(t, 0, code, out)
	assert.Len(t, decodeJSON(t, out)["example.com/shop/web"]["hotblock"], 2)
}

// TestStandaloneFix applies every suggested fix to the frozen-server port
// with hotblock -fix: the port still builds and vets clean, and hotblock
// finds nothing left to report.
func TestStandaloneFix(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyPort(t, dir)
	out, code := run(t, dir, hotblock, "-fix", "./...")
	require.Equal(t, 0, code, out)
	fixed, err := os.ReadFile(filepath.Join(dir, "threaded", "server.go"))
	require.NoError(t, err)
	assert.Contains(t, string(fixed), "if err := s.queue.PutContext(r.Context(), job); err != nil {")
	out, code = run(t, dir, "go", "vet", "./...")
	require.Equal(t, 0, code, out)
	out, code = run(t, dir, hotblock, "./...")
	assert.Equal(t, 0, code, out)
}

// TestTypeErrors checks that a package that does not type-check gets a
// clear error and a non-zero exit, under both drivers, and no panic.
func TestTypeErrors(t *testing.T) {
	t.Parallel()
	dir := module(t, "typeerror")
	for _, args := range [][]string{{hotblock, "./..."}, {"go", "vet", "-vettool=" + hotblock, "./..."}} {
		out, code := run(t, dir, args[0], args[1:]...)
		assert.NotEqual(t, 0, code, out)
		assert.Contains(t, out, `typeerror.go:9:10: cannot use "not an int"`)
		assert.NotContains(t, out, "panic")
		assert.NotContains(t, out, "internal error")
	}
}

// TestStandardLibrary runs hotblock under go vet over the whole standard
// library: it must finish without a panic or an internal error.
func TestStandardLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("analyzing all of std takes a minute or more")
	}
	t.Parallel()
	out, _ := run(t, t.TempDir(), "go", "vet", "-vettool="+hotblock, "std")
	assert.NotContains(t, out, "panic")
	assert.NotContains(t, out, "internal error")
}

// TestRealFrameworks runs the binary on a module that uses the real gin,
// echo v4 and v5, fiber v2 and v3, chi, gRPC and connect modules from the
// module proxy: every handler shape must be recognised as a root.
func TestRealFrameworks(t *testing.T) {
	t.Parallel()
	out, code := run(t, module(t, "frameworks"), hotblock, "./...")
	assert.Equal(t, 3, code, out)
	var roots []string
	for _, m := range regexp.MustCompile(`: send: .* timeout case \((.*)\); `).FindAllStringSubmatch(out, -1) {
		roots = append(roots, m[1])
	}
	assert.ElementsMatch(t, []string{
		"gin handler (*Queue).gin",
		"echo handler (*Queue).echo4",
		"echo handler (*Queue).echo5",
		"fiber handler (*Queue).fiber2",
		"fiber handler (*Queue).fiber3",
		"HTTP handler (*Queue).chi",
		"gRPC method (*jobsServer).Submit",
		"connect handler (*connectJobs).Submit",
	}, roots, out)
}

// diagnostic is one entry of the -json output.
type diagnostic struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	Message  string `json:"message"`
}

// decodeJSON decodes the JSON trees the drivers print, one per package
// or one in all, keyed by package then analyzer.
func decodeJSON(t *testing.T, out string) map[string]map[string][]diagnostic {
	all := make(map[string]map[string][]diagnostic)
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var tree map[string]map[string][]diagnostic
		require.NoError(t, dec.Decode(&tree), out)
		for pkg, byAnalyzer := range tree {
			all[pkg] = byAnalyzer
		}
	}
	return all
}

// findingLines returns the lines of vet output that are findings, not
// the "# package" headers or the related-position lines.
func findingLines(out string) []string {
	var lines []string
	for line := range strings.SplitSeq(out, "\n") {
		if strings.HasPrefix(line, "#") || strings.Contains(line, ": \t") || strings.TrimSpace(line) == "" {
			continue
		}
		lines = append(lines, line)
	}
	return lines
}
