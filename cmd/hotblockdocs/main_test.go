package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCommittedDocsAreCurrent fails when a check's metadata changed and
// the generated documentation was not regenerated.
func TestCommittedDocsAreCurrent(t *testing.T) {
	root := filepath.Join("..", "..")
	files, err := generate(root)
	require.NoError(t, err)
	for path, want := range files {
		got, err := os.ReadFile(filepath.Join(root, path))
		require.NoError(t, err, "%s is missing: run go run ./cmd/hotblockdocs", path)
		assert.Equal(t, string(want), string(got), "%s is stale: run go run ./cmd/hotblockdocs", path)
	}
}

func TestReplaceTableNeedsMarkers(t *testing.T) {
	_, err := replaceTable([]byte("# no markers\n"), []byte("| table |\n"))
	require.Error(t, err)
	out, err := replaceTable([]byte("a\n"+tableBegin+"\nold\n"+tableEnd+"\nb\n"), []byte("new\n"))
	require.NoError(t, err)
	assert.Equal(t, "a\n"+tableBegin+"\nnew\n"+tableEnd+"\nb\n", string(out))
}
