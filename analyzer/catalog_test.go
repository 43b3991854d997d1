package analyzer_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/hotblock/hotblock/analyzer"
)

// TestEveryTableEntryIsExercised checks that each entry of the table of
// known-blocking calls is flagged somewhere in the catalog scenarios,
// so that no entry goes untested.
func TestEveryTableEntryIsExercised(t *testing.T) {
	t.Parallel()
	a, err := analyzer.New(analyzer.Config{Enable: []string{"wait", "pool", "exec"}})
	if err != nil {
		t.Fatal(err)
	}
	var messages []string
	for _, pkg := range []string{"catalog", "optin", "pool", "commands"} {
		for _, res := range analysistest.Run(&quiet{}, testdata, a, pkg) {
			for _, d := range res.Diagnostics {
				messages = append(messages, d.Message)
			}
		}
	}
	for _, api := range analyzer.KnownBlocking() {
		name := displayName(api)
		assert.True(t, containsAny(messages, "call to "+name+" "), "no scenario flags %s", api)
	}
}

// displayName spells an API as messages do: the package name, not path.
func displayName(a analyzer.API) string {
	pkg := a.Pkg[strings.LastIndex(a.Pkg, "/")+1:]
	if a.Recv == "" {
		return pkg + "." + a.Name
	}
	return pkg + ".(*" + a.Recv + ")." + a.Name
}

func containsAny(messages []string, s string) bool {
	for _, m := range messages {
		if strings.Contains(m, s) {
			return true
		}
	}
	return false
}
