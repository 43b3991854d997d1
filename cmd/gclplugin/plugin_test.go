package gclplugin

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSettingsDecodeIntoConfig(t *testing.T) {
	t.Parallel()
	p, err := New(map[string]any{
		"enable":   []any{"recv"},
		"disable":  []any{"select"},
		"roots":    []any{"example.com/game.(*Game).Update"},
		"blocking": []any{"example.com/store.(*Pool).Get"},
	})
	require.NoError(t, err)
	analyzers, err := p.BuildAnalyzers()
	require.NoError(t, err)
	require.Len(t, analyzers, 1)
	a := analyzers[0]
	assert.Equal(t, "hotblock", a.Name)
	assert.Equal(t, "recv", a.Flags.Lookup("enable").Value.String())
	assert.Equal(t, "select", a.Flags.Lookup("disable").Value.String())
	assert.Equal(t, "example.com/game.(*Game).Update", a.Flags.Lookup("roots").Value.String())
	assert.Equal(t, "typesinfo", p.GetLoadMode())
}

func TestNoSettingsMeansDefaults(t *testing.T) {
	t.Parallel()
	p, err := New(nil)
	require.NoError(t, err)
	analyzers, err := p.BuildAnalyzers()
	require.NoError(t, err)
	assert.Empty(t, analyzers[0].Flags.Lookup("enable").Value.String())
}

func TestSettingsAreStrict(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		settings map[string]any
		want     string
	}{
		"unknown key":   {map[string]any{"enabled": []any{"recv"}}, `unknown field "enabled"`},
		"wrong type":    {map[string]any{"enable": "recv"}, "cannot unmarshal string"},
		"unknown check": {map[string]any{"disable": []any{"sends"}}, `unknown check "sends"`},
		"bad root":      {map[string]any{"roots": []any{"Update"}}, `"Update": no name after the package path`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := New(tc.settings)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestInstancesDoNotShareSettings builds two plugins with different
// settings and checks that each keeps its own.
func TestInstancesDoNotShareSettings(t *testing.T) {
	t.Parallel()
	a, err := New(map[string]any{"enable": []any{"recv"}})
	require.NoError(t, err)
	b, err := New(map[string]any{"enable": []any{"wait"}})
	require.NoError(t, err)
	aa, _ := a.BuildAnalyzers()
	bb, _ := b.BuildAnalyzers()
	assert.Equal(t, "recv", aa[0].Flags.Lookup("enable").Value.String())
	assert.Equal(t, "wait", bb[0].Flags.Lookup("enable").Value.String())
}
