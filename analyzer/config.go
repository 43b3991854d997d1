package analyzer

import (
	"errors"
	"flag"
	"fmt"
	"strings"
)

// Config is hotblock's configuration. Each field's JSON key is also the
// name of the analyzer flag that sets it, so the command line, go vet and
// .golangci.yml speak one vocabulary.
type Config struct {
	// Enable names checks to run beyond the default ones (recv, wait, pool, exec).
	Enable []string `json:"enable"`
	// Disable names checks not to run.
	Disable []string `json:"disable"`
	// Roots names functions whose bodies are hot paths, and types whose
	// values run on one (a callback type, an interface, a struct of
	// callbacks), in code the user cannot annotate with //hotblock:hotpath.
	Roots []string `json:"roots"`
	// Blocking names functions that may block forever, beyond the
	// built-in table of known-blocking calls.
	Blocking []string `json:"blocking"`
	// Modules names other modules (by path prefix) whose functions'
	// waits hotblock trusts as it does those of the module being
	// analyzed; other modules' waits are left to the table and blocking.
	Modules []string `json:"modules"`
}

// DefaultConfig returns the configuration of the exported Analyzer.
func DefaultConfig() Config { return Config{} }

// Validate reports the first check name in c that hotblock does not know.
func (c Config) Validate() error {
	var errs []error
	for _, name := range c.Enable {
		if err := validCheck(name); err != nil {
			errs = append(errs, fmt.Errorf("enable: %w", err))
		}
	}
	for _, name := range c.Disable {
		if err := validCheck(name); err != nil {
			errs = append(errs, fmt.Errorf("disable: %w", err))
		}
	}
	if _, err := parseRefs(c.Roots); err != nil {
		errs = append(errs, fmt.Errorf("roots: %w", err))
	}
	if _, err := parseRefs(c.Blocking); err != nil {
		errs = append(errs, fmt.Errorf("blocking: %w", err))
	}
	return errors.Join(errs...)
}

// checks returns the set of checks c runs.
func (c Config) checks() checkSet {
	s := defaultChecks()
	for _, name := range c.Enable {
		s = s.with(name)
	}
	for _, name := range c.Disable {
		s = s.without(name)
	}
	return s
}

// bindFlags defines on fs one flag per field of c, writing into c.
func bindFlags(fs *flag.FlagSet, c *Config) {
	fs.Var((*checkList)(&c.Enable), "enable",
		"comma-separated checks to run beyond the defaults (recv, wait, pool, exec)")
	fs.Var((*checkList)(&c.Disable), "disable",
		"comma-separated checks not to run (send, select, call, ctx, directive)")
	fs.Var((*refList)(&c.Roots), "roots",
		"comma-separated functions whose bodies are hot paths, and types whose values run on one: pkg/path.Func, pkg/path.(*T).Method, pkg/path.Type")
	fs.Var((*refList)(&c.Blocking), "blocking",
		"comma-separated functions that may block forever, beyond the built-in table: pkg/path.Func, pkg/path.(*T).Method")
	fs.Var((*pathList)(&c.Modules), "modules",
		"comma-separated module paths (prefixes) whose waits count like your own module's; other modules' count only through the table and blocking")
}

// pathList is a flag.Value holding a comma-separated list of module paths.
type pathList []string

func (l *pathList) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(*l, ",")
}

// Set replaces the list, so that a flag given twice means its last value.
func (l *pathList) Set(s string) error {
	var list []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			list = append(list, item)
		}
	}
	*l = list
	return nil
}

// refList is a flag.Value holding a comma-separated list of references.
type refList []string

func (l *refList) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(*l, ",")
}

// Set replaces the list, so that a flag given twice means its last value.
func (l *refList) Set(s string) error {
	var list []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			list = append(list, item)
		}
	}
	if _, err := parseRefs(list); err != nil {
		return err
	}
	*l = list
	return nil
}

// checkList is a flag.Value holding a comma-separated list of check names.
type checkList []string

func (l *checkList) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(*l, ",")
}

// Set replaces the list, so that a flag given twice means its last value.
func (l *checkList) Set(s string) error {
	names, err := parseCheckList(s)
	if err != nil {
		return err
	}
	*l = names
	return nil
}

// parseCheckList splits a comma-separated list of check names, ignoring
// blanks, and rejects unknown names.
func parseCheckList(s string) ([]string, error) {
	var names []string
	for name := range strings.SplitSeq(s, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if err := validCheck(name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}
