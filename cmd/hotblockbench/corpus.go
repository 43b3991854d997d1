package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// defaultCorpus is the standard library and three real servers, pinned.
var defaultCorpus = []string{
	"std",
	"github.com/prometheus/alertmanager@v0.34.2",
	"github.com/nsqio/nsq@v1.3.0",
	"github.com/caddyserver/caddy/v2@v2.11.9",
}

// A corpus is a set of packages to analyze.
type corpus struct {
	name     string
	dir      string   // where the tools run
	patterns []string // what they analyze
}

// prepare fetches a corpus into dir: std needs nothing, a module is
// downloaded through the module proxy, copied writable, and its
// dependencies downloaded.
func prepare(name, dir string) (corpus, error) {
	if name == "std" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return corpus{}, err
		}
		return corpus{name: "std", dir: dir, patterns: []string{"std"}}, nil
	}
	out, err := goCmd(dir, nil, "mod", "download", "-json", name)
	if err != nil {
		return corpus{}, err
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out, &info); err != nil || info.Error != "" {
		return corpus{}, fmt.Errorf("go mod download %s: %v %s", name, err, info.Error)
	}
	dst := filepath.Join(dir, strings.NewReplacer("/", "_", "@", "_").Replace(name))
	if err := copyTree(info.Dir, dst); err != nil {
		return corpus{}, err
	}
	if _, err := goCmd(dst, nil, "mod", "download"); err != nil {
		return corpus{}, err
	}
	patterns, err := loadable(dst)
	if err != nil {
		return corpus{}, err
	}
	return corpus{name: name, dir: dst, patterns: patterns}, nil
}

// loadable lists the packages of the module in dir that load with all
// their dependencies: go vet stops at the first package that does not
// (alertmanager's ui embeds a build artefact), so every tool is given the
// same set of packages that all can analyze.
func loadable(dir string) ([]string, error) {
	out, err := goCmd(dir, nil, "list", "-e", "-f", "{{if not .Incomplete}}{{.ImportPath}}{{end}}", "./...")
	if err != nil {
		return nil, err
	}
	patterns := strings.Fields(string(out))
	if len(patterns) == 0 {
		return nil, fmt.Errorf("no package of %s loads", dir)
	}
	return patterns, nil
}

// goCmd runs the go command in dir with extra environment, in module
// mode with go.mod updates allowed.
func goCmd(dir string, env []string, args ...string) ([]byte, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOFLAGS=-mod=mod -buildvcs=false", "GOWORK=off"), env...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	return out, nil
}

// copyTree copies a directory tree, writable.
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
