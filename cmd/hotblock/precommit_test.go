package main_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPreCommitHook installs Debian's pre-commit if it is missing, points
// a sample repository's .pre-commit-config.yaml at this repository by
// local path, and shows the hook failing on the broken frozen-server port
// and passing on the fixed one. pre-commit builds the hook from this
// repository's HEAD commit, as it would from a tag.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("installs pre-commit and builds the hook")
	}
	ensurePreCommit(t)
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	rev, code := run(t, repo, "git", "rev-parse", "HEAD")
	require.Equal(t, 0, code, "the hook is built from a commit of this repository: %s", rev)
	home := t.TempDir() // shared, so the hook is built once

	broken := sampleRepo(t, repo, strings.TrimSpace(rev), nil)
	out, code := preCommit(t, broken, home)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "threaded/server.go:74:2: call: call to jobqueue.(*Queue).Put may block forever")
	assert.Contains(t, out, "eventloop/loop.go:20:13: send: send on s.requests may block forever")

	fixed := sampleRepo(t, repo, strings.TrimSpace(rev), []string{"threaded", "eventloop", "cmd"})
	out, code = preCommit(t, fixed, home)
	assert.Equal(t, 0, code, out)
	assert.Regexp(t, `hotblock\.+Passed`, out)
}

// copyPort copies the frozen-server port, a module of its own, into dir,
// leaving out the directories named in leave.
func copyPort(t *testing.T, dir string, leave ...string) {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("..", "..", "testdata", "src", "frozenserver"))
	require.NoError(t, err)
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if slices.Contains(leave, rel) {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	require.NoError(t, err)
}

// ensurePreCommit installs Debian's pre-commit when it is not on PATH.
func ensurePreCommit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pre-commit"); err == nil {
		return
	}
	if os.Geteuid() != 0 {
		t.Fatal("pre-commit is not installed and this test is not root: run apt-get install -y pre-commit")
	}
	cmd := exec.Command("apt-get", "install", "-y", "--no-install-recommends", "pre-commit")
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	if _, err := cmd.CombinedOutput(); err != nil {
		// The package lists may be missing on a fresh machine.
		if upd, err := exec.Command("apt-get", "update").CombinedOutput(); err != nil {
			t.Fatalf("apt-get update: %v\n%s", err, upd)
		}
		cmd = exec.Command("apt-get", "install", "-y", "--no-install-recommends", "pre-commit")
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "apt-get install pre-commit: %s", out)
	}
}

// sampleRepo makes a git repository holding the frozen-server port,
// without the packages in leave, whose pre-commit configuration runs the
// hotblock hook of repo at rev.
func sampleRepo(t *testing.T, repo, rev string, leave []string) string {
	t.Helper()
	dir := t.TempDir()
	copyPort(t, dir, leave...)
	config := "repos:\n  - repo: " + repo + "\n    rev: " + rev + "\n    hooks:\n      - id: hotblock\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".pre-commit-config.yaml"), []byte(config), 0o644))
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "-A"},
		{"-c", "user.name=hotblock", "-c", "user.email=hotblock@example.com", "commit", "-q", "-m", "sample"},
	} {
		out, code := run(t, dir, "git", args...)
		require.Equal(t, 0, code, out)
	}
	return dir
}

// preCommit runs every hook on every file of the sample repository.
func preCommit(t *testing.T, dir, home string) (string, int) {
	t.Helper()
	t.Setenv("PRE_COMMIT_HOME", home)
	return run(t, dir, "pre-commit", "run", "--all-files")
}
