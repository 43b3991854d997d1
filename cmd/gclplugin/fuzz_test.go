package gclplugin

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"github.com/stretchr/testify/require"

	"github.com/hotblock/hotblock/analyzer"
)

// settingKeys are the keys of linters.settings.custom.hotblock.settings.
var settingKeys = []string{"enable", "disable", "roots", "blocking"}

// FuzzPluginSettings gives New whatever settings a .golangci.yml could
// hold (any JSON value, as golangci-lint decodes YAML into maps, slices
// and scalars). New must never panic: it returns either an error that
// names hotblock, or a plugin with one analyzer, "hotblock", configured
// with exactly those settings. Seed corpora beyond the f.Add calls live
// in testdata/fuzz/FuzzPluginSettings/.
func FuzzPluginSettings(f *testing.F) {
	for _, s := range []string{
		`null`, `{}`, `[]`, `"recv"`, `1`, `true`,
		`{"enable":["recv"]}`, `{"enable":"recv"}`, `{"enable":[null]}`, `{"enable":[""]}`, `{"enable":[1]}`,
		`{"disable":["sends"]}`, `{"Enable":["wait"]}`, `{"ENABLE":["wait"],"enable":["recv"]}`, `{"enabled":[]}`,
		`{"roots":["example.com/game.(*Game).Update"],"blocking":["example.com/store.(*Pool).Get"]}`,
		`{"roots":["Update"]}`, `{"roots":[" a/b.F "]}`, `{"blocking":["a/b.(*T"]}`, `{"roots":{"a":1}}`,
		`{"enable":["recv","wait"],"disable":["send","select","call","ctx","directive"]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var settings any
		if json.Unmarshal(data, &settings) != nil {
			t.Skip("not a settings value golangci-lint could pass")
		}
		p, err := New(settings)
		if err != nil {
			require.True(t, strings.HasPrefix(err.Error(), "hotblock: "), "error %q does not name hotblock", err)
			return
		}
		analyzers, err := p.BuildAnalyzers()
		require.NoError(t, err)
		require.Len(t, analyzers, 1)
		a := analyzers[0]
		require.Equal(t, "hotblock", a.Name)
		require.NotNil(t, a.Run)
		require.Equal(t, register.LoadModeTypesInfo, p.GetLoadMode())

		// Strict: accepted settings are nothing or an object of known keys.
		if m, ok := settings.(map[string]any); ok {
			for k := range m {
				known := false
				for _, key := range settingKeys {
					known = known || strings.EqualFold(k, key)
				}
				require.True(t, known, "unknown key %q accepted", k)
			}
		} else {
			require.Nil(t, settings, "settings of type %T accepted", settings)
		}

		// The analyzer runs with exactly the settings given.
		cfg, err := register.DecodeSettings[analyzer.Config](settings)
		require.NoError(t, err)
		require.NoError(t, cfg.Validate())
		for name, list := range map[string][]string{"enable": cfg.Enable, "disable": cfg.Disable, "roots": cfg.Roots, "blocking": cfg.Blocking} {
			require.Equal(t, strings.Join(list, ","), a.Flags.Lookup(name).Value.String(), name)
		}
	})
}
