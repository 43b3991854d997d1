package analyzer

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"
)

// A ref names a function, method or type of a package, the way the
// roots and blocking settings spell it: "example.com/app/loop.Run",
// "example.com/app/queue.(*Queue).Put", "example.com/app/queue.Queue.Put",
// "k8s.io/client-go/tools/cache.ResourceEventHandler".
type ref struct {
	pkg  string // import path
	recv string // receiver type name, for a method
	name string
}

// String spells the reference as the settings do.
func (r ref) String() string {
	if r.recv == "" {
		return r.pkg + "." + r.name
	}
	return r.pkg + ".(*" + r.recv + ")." + r.name
}

// parseRef parses one reference.
func parseRef(s string) (ref, error) {
	s = strings.TrimSpace(s)
	bad := func(why string) (ref, error) {
		return ref{}, fmt.Errorf("%q: %s (want pkg/path.Func, pkg/path.(*T).Method or pkg/path.T.Method)", s, why)
	}
	slash := strings.LastIndex(s, "/")
	dot := strings.Index(s[slash+1:], ".")
	if dot < 0 {
		return bad("no name after the package path")
	}
	r := ref{pkg: s[:slash+1+dot]}
	rest := s[slash+1+dot+1:]
	if strings.HasPrefix(rest, "(*") {
		end := strings.Index(rest, ").")
		if end < 0 {
			return bad("unclosed receiver")
		}
		r.recv, rest = rest[2:end], rest[end+2:]
	} else if i := strings.Index(rest, "."); i >= 0 {
		r.recv, rest = rest[:i], rest[i+1:]
	}
	r.name = rest
	if !token.IsIdentifier(r.name) || (r.recv != "" && !token.IsIdentifier(r.recv)) {
		return bad("not a Go name")
	}
	if r.pkg == "" || strings.HasPrefix(r.pkg, "/") || strings.HasSuffix(r.pkg, "/") || strings.Contains(r.pkg, "//") {
		return bad("not an import path")
	}
	return r, nil
}

// parseRefs parses a list of references.
func parseRefs(list []string) ([]ref, error) {
	out := make([]ref, 0, len(list))
	for _, s := range list {
		r, err := parseRef(s)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// matchesFunc reports whether r names the function or method f.
func (r ref) matchesFunc(f *types.Func) bool {
	k, ok := keyOf(f)
	return ok && k.pkg == r.pkg && k.recv == r.recv && k.name == r.name
}

// matchesType reports whether r names the type obj.
func (r ref) matchesType(obj *types.TypeName) bool {
	return r.recv == "" && obj.Pkg() != nil && obj.Pkg().Path() == r.pkg && obj.Name() == r.name
}
