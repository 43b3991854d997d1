package analyzer

import (
	"fmt"
	"strings"

	"honnef.co/go/tools/analysis/lint"
)

// The names of hotblock's checks. Each is the diagnostic Category, the
// anchor of its documentation page and the argument of
// //hotblock:ignore; once released, a name never changes.
const (
	CheckSend      = "send"
	CheckSelect    = "select"
	CheckCall      = "call"
	CheckCtx       = "ctx"
	CheckRecv      = "recv"
	CheckWait      = "wait"
	CheckPool      = "pool"
	CheckExec      = "exec"
	CheckDirective = "directive"
)

// A Check describes one of hotblock's checks: its name and its
// documentation, from which docs/ and the README's table are generated.
type Check struct {
	Name string
	Doc  lint.RawDocumentation
	// Why tells how the flagged code hangs a server, for the docs page.
	Why string
	// Fix tells how to bound the wait, for the docs page.
	Fix string
}

// Default reports whether the check runs unless the user disables it.
func (c Check) Default() bool { return !c.Doc.NonDefault }

// Checks returns hotblock's checks in the order the docs list them.
func Checks() []Check { return append([]Check(nil), checks...) }

// checkSet is a set of checks, one bit per entry of checks.
type checkSet uint16

func (s checkSet) has(name string) bool {
	i := checkIndex(name)
	return i >= 0 && s&(1<<i) != 0
}

func (s checkSet) with(name string) checkSet    { return s | 1<<checkIndex(name) }
func (s checkSet) without(name string) checkSet { return s &^ (1 << checkIndex(name)) }

// checkIndex returns the index of the named check in checks, or -1.
func checkIndex(name string) int {
	for i, c := range checks {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// defaultChecks returns the set of checks that run unless disabled.
func defaultChecks() checkSet {
	var s checkSet
	for _, c := range checks {
		if c.Default() {
			s = s.with(c.Name)
		}
	}
	return s
}

// validCheck returns an error naming the known checks if name is not one.
func validCheck(name string) error {
	if checkIndex(name) >= 0 {
		return nil
	}
	names := make([]string, len(checks))
	for i, c := range checks {
		names[i] = c.Name
	}
	return fmt.Errorf("unknown check %q (known: %s)", name, strings.Join(names, ", "))
}
