// Package gclplugin is hotblock's golangci-lint v2 module plugin. It
// registers the linter "hotblock", whose settings (the
// linters.settings.custom.hotblock.settings map of .golangci.yml) are
// decoded strictly into analyzer.Config: an unknown key, a value of the
// wrong type or an unknown check name is an error, never a silent
// default.
//
// Build a golangci-lint that includes it with golangci-lint custom and a
// .custom-gcl.yml naming this package; see docs/integrations/golangci-lint.md.
package gclplugin

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/hotblock/hotblock/analyzer"
)

func init() { register.Plugin("hotblock", New) }

// New returns the plugin for the given settings. Each call builds a fresh
// analyzer, so two configurations never share state.
func New(settings any) (register.LinterPlugin, error) {
	cfg, err := register.DecodeSettings[analyzer.Config](settings)
	if err != nil {
		return nil, fmt.Errorf("hotblock: settings: %w", err)
	}
	a, err := analyzer.New(cfg)
	if err != nil {
		return nil, err
	}
	return plugin{withoutRelated(a)}, nil
}

// withoutRelated returns a that reports its diagnostics without related
// positions. golangci-lint turns each related position into an issue of
// its own, which //nolint on the finding does not suppress; hotblock's
// message already holds the whole chain of calls.
func withoutRelated(a *analysis.Analyzer) *analysis.Analyzer {
	wrapped := *a
	wrapped.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			d.Related = nil
			report(d)
		}
		return a.Run(pass)
	}
	return &wrapped
}

// plugin is hotblock as golangci-lint sees it.
type plugin struct{ a *analysis.Analyzer }

// BuildAnalyzers returns the hotblock analyzer.
func (p plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.a}, nil
}

// GetLoadMode asks for type information: hotblock matches types by
// identity and exchanges facts between packages.
func (p plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
