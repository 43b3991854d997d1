package gclplugin_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// golangciVersion is the golangci-lint the plugin is tested with.
const golangciVersion = "v2.15.0"

// TestGolangciLint builds a custom golangci-lint with the hotblock plugin
// and runs it on the frozen-server port: findings, //nolint suppression,
// a setting that changes behaviour, --fix, and facts through its cache.
//
// golangci-lint custom clones golangci-lint with git, which cannot reach
// the network everywhere; buildCustom does the same steps offline, from
// the module cache: the golangci-lint module source, the generated file
// of blank imports, a replace directive to this repository, go build.
func TestGolangciLint(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint: minutes on a cold build cache")
	}
	bin := buildCustom(t)

	t.Run("findings", func(t *testing.T) {
		dir := port(t, "")
		out, code := run(t, dir, bin, "run", "./...")
		assert.Equal(t, 1, code, out)
		assert.Equal(t, []string{
			"eventloop/loop.go:20:13: send: send on s.requests may block forever",
			"eventloop/server.go:74:2: call: call to jobqueue.(*Queue).Put may block forever",
			"threaded/server.go:74:2: call: call to jobqueue.(*Queue).Put may block forever",
		}, issues(out))
	})

	t.Run("nolint", func(t *testing.T) {
		dir := port(t, "")
		edit(t, filepath.Join(dir, "threaded", "server.go"), "\ts.queue.Put(job) //",
			"\ts.queue.Put(job) //nolint:hotblock // demonstrates the hang on purpose //")
		// A finding reached through a helper: its chain is in the message,
		// and no separate "related information" issue survives the nolint.
		helper := "package threaded\n\nimport \"net/http\"\n\n" +
			"func (s *Server) audit(w http.ResponseWriter, r *http.Request) { s.record(r.URL.Path) }\n\n" +
			"func (s *Server) record(path string) {\n\tch := make(chan string)\n" +
			"\tch <- path //nolint:hotblock // a test of suppression\n}\n"
		require.NoError(t, os.WriteFile(filepath.Join(dir, "threaded", "audit.go"), []byte(helper), 0o644))
		out, _ := run(t, dir, bin, "run", "./...")
		assert.Equal(t, []string{
			"eventloop/loop.go:20:13: send: send on s.requests may block forever",
			"eventloop/server.go:74:2: call: call to jobqueue.(*Queue).Put may block forever",
		}, issues(out))
		assert.NotContains(t, out, "related information")
	})

	t.Run("settings", func(t *testing.T) {
		dir := port(t, "        enable: [recv]\n        disable: [call]\n")
		out, _ := run(t, dir, bin, "run", "./...")
		assert.Equal(t, []string{
			"eventloop/loop.go:20:13: send: send on s.requests may block forever",
			"eventloop/loop.go:21:2: recv: receive from req.done may block forever",
		}, issues(out))

		bad := port(t, "        enabled: [recv]\n")
		out, code := run(t, bad, bin, "run", "./...")
		assert.NotEqual(t, 0, code)
		assert.Contains(t, out, `unknown field "enabled"`)
	})

	t.Run("fix", func(t *testing.T) {
		dir := port(t, "")
		_, _ = run(t, dir, bin, "run", "--fix", "./...")
		fixed, err := os.ReadFile(filepath.Join(dir, "threaded", "server.go"))
		require.NoError(t, err)
		assert.Contains(t, string(fixed), "if err := s.queue.PutContext(r.Context(), job); err != nil {")
		out, code := run(t, dir, "go", "vet", "./...")
		require.Equal(t, 0, code, "the fixed port must build and vet clean: %s", out)
		out, _ = run(t, dir, bin, "run", "./...")
		assert.NotContains(t, strings.Join(issues(out), "\n"), "threaded/server.go")
	})

	t.Run("cache", func(t *testing.T) {
		dir := port(t, "")
		first, _ := run(t, dir, bin, "run", "./...")
		second, _ := run(t, dir, bin, "run", "./...")
		assert.Equal(t, issues(first), issues(second))
		assert.Len(t, issues(second), 3, second)
	})
}

// buildCustom builds golangci-lint with the hotblock plugin, as
// golangci-lint custom would, and returns the binary's path.
func buildCustom(t *testing.T) string {
	t.Helper()
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	src := moduleDir(t, "github.com/golangci/golangci-lint/v2@"+golangciVersion)
	work := filepath.Join(t.TempDir(), "golangci-lint")
	copyTree(t, src, work)
	plugins := "package main\n\nimport (\n\t_ \"github.com/hotblock/hotblock/cmd/gclplugin\"\n)\n"
	require.NoError(t, os.WriteFile(filepath.Join(work, "cmd", "golangci-lint", "plugins.go"), []byte(plugins), 0o644))
	bin := filepath.Join(t.TempDir(), "custom-gcl")
	for _, args := range [][]string{
		{"mod", "edit", "-require=github.com/hotblock/hotblock@v0.0.0", "-replace=github.com/hotblock/hotblock=" + repo},
		{"mod", "tidy"},
		{"build", "-o", bin, "./cmd/golangci-lint"},
	} {
		out, code := run(t, work, "go", args...)
		require.Equal(t, 0, code, "go %s: %s", strings.Join(args, " "), out)
	}
	return bin
}

// moduleDir downloads a module through the module proxy (or finds it in
// the module cache) and returns its directory.
func moduleDir(t *testing.T, mod string) string {
	t.Helper()
	out, code := run(t, t.TempDir(), "go", "mod", "download", "-json", mod)
	require.Equal(t, 0, code, out)
	var info struct{ Dir, Error string }
	require.NoError(t, json.Unmarshal([]byte(out), &info), out)
	require.Empty(t, info.Error)
	return info.Dir
}

// copyTree copies a module's source, leaving out the data of its tests
// (the go command ignores testdata directories), and makes the copy
// writable (the module cache is read-only).
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			if d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	require.NoError(t, err)
}

// port copies the frozen-server port into a temporary module with a
// .golangci.yml enabling only hotblock, with the given plugin settings
// (YAML lines indented under settings:), and returns its directory.
func port(t *testing.T, settings string) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, filepath.Join("..", "..", "testdata", "src", "frozenserver"), dir)
	config := `version: "2"
linters:
  default: none
  enable:
    - hotblock
  settings:
    custom:
      hotblock:
        type: module
        description: finds operations that can block a hot path forever
`
	if settings != "" {
		config += "        settings:\n" + strings.ReplaceAll(settings, "        ", "          ")
	}
	config += "issues:\n  max-same-issues: 0\n  max-issues-per-linter: 0\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(config), 0o644))
	return dir
}

// edit replaces old by new in a file, which must hold old.
func edit(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(data), old)
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644))
}

// issuePattern matches golangci-lint's text output of a hotblock issue,
// up to "may block forever".
var issuePattern = regexp.MustCompile(`(?m)^(\S+\.go:\d+:\d+: \w+: .*? may block forever)`)

// issues returns the hotblock issues golangci-lint printed, in order.
func issues(out string) []string {
	var found []string
	for _, m := range issuePattern.FindAllStringSubmatch(out, -1) {
		found = append(found, m[1])
	}
	return found
}

// run runs a command in dir with its own golangci-lint cache per test
// directory, and returns its combined output and exit code.
func run(t *testing.T, dir, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod -buildvcs=false",
		"GOLANGCI_LINT_CACHE="+filepath.Join(dir, ".cache"))
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
