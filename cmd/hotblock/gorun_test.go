package main_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	modpath "golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

// TestGoRunAtVersion publishes this repository as a module version on a
// file-based module proxy and runs hotblock with
// go run github.com/hotblock/hotblock/cmd/hotblock@<version>, as a user
// would from the public proxy: the module must build for a consumer from
// its go.mod and go.sum alone.
func TestGoRunAtVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds hotblock from a module proxy")
	}
	// A version of its own per run: the module cache never forgets one.
	const path = "github.com/hotblock/hotblock"
	version := fmt.Sprintf("v0.99.0-e2e.%d", time.Now().UnixNano())
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	proxy := t.TempDir()
	versions := filepath.Join(proxy, path, "@v")
	require.NoError(t, os.MkdirAll(versions, 0o755))
	gomod, err := os.ReadFile(filepath.Join(repo, "go.mod"))
	require.NoError(t, err)
	info, _ := json.Marshal(map[string]string{"Version": version, "Time": "2026-11-25T00:00:00Z"})
	for name, data := range map[string][]byte{"list": []byte(version + "\n"), version + ".info": info, version + ".mod": gomod} {
		require.NoError(t, os.WriteFile(filepath.Join(versions, name), data, 0o644))
	}
	zf, err := os.Create(filepath.Join(versions, version+".zip"))
	require.NoError(t, err)
	require.NoError(t, modzip.CreateFromDir(zf, modpath.Version{Path: path, Version: version}, repo))
	require.NoError(t, zf.Close())

	t.Setenv("GOPROXY", "file://"+filepath.ToSlash(proxy)+",https://proxy.golang.org")
	t.Setenv("GONOSUMDB", path)
	out, code := run(t, module(t, "shop"), "go", "run", path+"/cmd/hotblock@"+version, "./...")
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "web/web.go:17:2: call: call to orders.(*Book).Push may block forever")
	assert.Contains(t, out, "exit status 3", "hotblock's own status, as go run reports it")

	out, code = run(t, module(t, "shop"), "go", "run", path+"/cmd/hotblock@"+version, "-V")
	assert.Equal(t, 0, code, out)
	assert.Equal(t, "hotblock version "+version+"\n", out)
}
