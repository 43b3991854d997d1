package analyzer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/hotblock/hotblock/analyzer"
)

func TestNewRejectsUnknownChecks(t *testing.T) {
	t.Parallel()
	_, err := analyzer.New(analyzer.Config{Enable: []string{"recv", "sends"}, Disable: []string{"nope"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `enable: unknown check "sends"`)
	assert.Contains(t, err.Error(), `disable: unknown check "nope"`)
}

func TestFlagsRejectUnknownChecks(t *testing.T) {
	t.Parallel()
	a, err := analyzer.New(analyzer.DefaultConfig())
	require.NoError(t, err)
	err = a.Flags.Set("enable", "recv,bogus")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown check "bogus"`)
}

// TestFlagsConfigureOnlyTheirAnalyzer sets -enable on one analyzer and
// checks that it reports receives while a second analyzer, built from the
// same Config value, does not: no settings leak between instances.
func TestFlagsConfigureOnlyTheirAnalyzer(t *testing.T) {
	t.Parallel()
	cfg := analyzer.DefaultConfig()
	withFlag, err := analyzer.New(cfg)
	require.NoError(t, err)
	require.NoError(t, withFlag.Flags.Set("enable", "recv, wait"))
	analysistest.Run(t, testdata, withFlag, "optin")

	plain, err := analyzer.New(cfg)
	require.NoError(t, err)
	assert.Empty(t, plain.Flags.Lookup("enable").Value.String())
	results := analysistest.Run(&quiet{}, testdata, plain, "optin")
	require.Len(t, results, 1)
	for _, d := range results[0].Diagnostics {
		assert.NotContains(t, []string{"recv", "wait"}, d.Category, d.Message)
	}
}

// quiet is an analysistest.Testing that ignores unmatched expectations,
// for runs whose diagnostics the test inspects itself.
type quiet struct{}

func (*quiet) Errorf(string, ...any) {}
