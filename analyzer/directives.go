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
	// attached: a hotpath or nonblocking directive sits in the doc
	// comment of a declaration it applies to.
	attached bool
}

// fileInfo is what hotblock needs to know of a file beyond its syntax.
type fileInfo struct {
	file       *ast.File
	generated  bool
	directives []*directive
	// usesContext memoizes whether the file uses the context package for
	// more than Background and TODO (-1 unknown, 0 no, 1 yes).
	usesContext int
}

// readFiles returns, for each file of the package, whether it is
// generated and its hotblock directives.
func readFiles(fset *token.FileSet, files []*ast.File) map[*token.File]*fileInfo {
	out := make(map[*token.File]*fileInfo, len(files))
	for _, f := range files {
		if tf := fset.File(f.FileStart); tf != nil {
			out[tf] = &fileInfo{file: f, generated: ast.IsGenerated(f), directives: fileDirectives(fset, f), usesContext: -1}
		}
	}
	return out
}

// typesToo completes the message of a misplaced directive.
func typesToo(cmd string) string {
	if cmd == "hotpath" {
		return ", or of a function, interface or struct type"
	}
	return ""
}

// parseDirective parses the text of a comment that starts with
// directivePrefix.
func parseDirective(text string) directive {
	fields := strings.Fields(strings.TrimPrefix(text, directivePrefix))
	if len(fields) == 0 {
		return directive{err: errors.New("missing command: want ignore, hotpath or nonblocking")}
	}
	d := directive{cmd: fields[0], reason: strings.Join(fields[1:], " ")}
	switch d.cmd {
	case "ignore":
		d.checks, d.reason, d.err = parseIgnore(fields[1:])
	case "hotpath":
		// A declaration: the reason is welcome but not required.
	case "nonblocking":
		if d.reason == "" {
			d.err = errors.New("//hotblock:nonblocking needs a reason")
		}
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

// docDirective returns the directive cmd in a declaration's doc comment,
// marking it attached, or nil.
func docDirective(files map[*token.File]*fileInfo, fset *token.FileSet, doc *ast.CommentGroup, cmd string) *directive {
	if doc == nil {
		return nil
	}
	info := files[fset.File(doc.Pos())]
	if info == nil {
		return nil
	}
	for _, d := range info.directives {
		if d.cmd == cmd && d.err == nil && doc.Pos() <= d.pos && d.pos < doc.End() {
			d.attached = true
			return d
		}
	}
	return nil
}
