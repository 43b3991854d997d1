package analyzer

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// directivePrefix starts every hotblock directive comment.
const directivePrefix = "//hotblock:"

// A directive is one //hotblock: comment.
type directive struct {
	pos    token.Pos
	line   int
	cmd    string   // "ignore"
	checks []string // for ignore: the checks it suppresses
	reason string
	err    error // why it is malformed, if it is
	used   bool  // it suppressed a finding
}

// parseDirective parses the text of a comment that starts with
// directivePrefix.
func parseDirective(text string) directive {
	fields := strings.Fields(strings.TrimPrefix(text, directivePrefix))
	if len(fields) == 0 {
		return directive{err: errors.New("missing command: want //hotblock:ignore <check> <reason>")}
	}
	d := directive{cmd: fields[0]}
	switch d.cmd {
	case "ignore":
		d.checks, d.reason, d.err = parseIgnore(fields[1:])
	default:
		d.err = fmt.Errorf("unknown directive //hotblock:%s", d.cmd)
	}
	return d
}

// parseIgnore parses the arguments of //hotblock:ignore: a
// comma-separated list of checks, then a reason.
func parseIgnore(args []string) ([]string, string, error) {
	if len(args) == 0 {
		return nil, "", errors.New("//hotblock:ignore needs a check and a reason")
	}
	names, err := parseCheckList(args[0])
	if err != nil {
		return nil, "", err
	}
	if len(names) == 0 {
		return nil, "", errors.New("//hotblock:ignore needs a check and a reason")
	}
	for _, name := range names {
		if name == CheckDirective {
			return nil, "", errors.New("the directive check cannot be ignored")
		}
	}
	if len(args) < 2 {
		return names, "", fmt.Errorf("//hotblock:ignore %s needs a reason", args[0])
	}
	return names, strings.Join(args[1:], " "), nil
}

// fileDirectives returns the hotblock directives of a file.
func fileDirectives(fset *token.FileSet, f *ast.File) []*directive {
	var out []*directive
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if !strings.HasPrefix(c.Text, directivePrefix) {
				continue
			}
			d := parseDirective(c.Text)
			d.pos = c.Slash
			d.line = fset.Position(c.Slash).Line
			out = append(out, &d)
		}
	}
	return out
}

// suppresses reports whether d, an ignore directive, covers a finding
// of check at line: on the directive's own line or the line below.
func (d *directive) suppresses(check string, line int) bool {
	if d.err != nil || d.cmd != "ignore" || (line != d.line && line != d.line+1) {
		return false
	}
	for _, c := range d.checks {
		if c == check {
			return true
		}
	}
	return false
}
