package analyzer

import (
	"fmt"
	"go/types"
)

// kindFanOut is the kind of the pseudo-root of a fan-out send that no hot
// path reaches.
const kindFanOut = "fan-out"

// A root is a function whose body is a hot path: code that must not wait
// without bound because a client, or every client, waits on it.
type root struct {
	f    *fn
	kind string // "HTTP handler"
	// ctx is the request's context in the root's body, for advice, when
	// no parameter is a context ("c.Request.Context()").
	ctx string
	// label, if set, names the root in messages instead of kind and name.
	label string
}

// String names the root in messages: `HTTP handler (*Server).transcribe`.
func (r root) String() string {
	if r.label != "" {
		return r.label
	}
	if r.f.route != "" {
		return fmt.Sprintf("%s for %q", r.kind, r.f.route)
	}
	return r.kind + " " + r.f.name
}

// roots returns the package's roots in source order.
func (c *checker) roots() []root {
	var out []root
	var services []*types.Named
	if c.importsAny("google.golang.org/grpc") {
		services = c.grpcServices()
	}
	for _, f := range c.funcs {
		if r, ok := c.rootOf(f, services); ok {
			out = append(out, r)
		}
	}
	out = append(out, c.valueRoots...)
	out = append(out, c.callbackRoots()...)
	out = append(out, c.eventLoops()...)
	return distinct(out)
}

// distinct keeps the first root of each body.
func distinct(roots []root) []root {
	seen := make(map[*fn]bool, len(roots))
	out := roots[:0]
	for _, r := range roots {
		if !seen[r.f] {
			seen[r.f] = true
			out = append(out, r)
		}
	}
	return out
}

// rootOf says whether f's body is a hot path, and as what.
func (c *checker) rootOf(f *fn, services []*types.Named) (root, bool) {
	switch {
	case f.hotpath:
		return root{f: f, kind: "hot path"}, true
	case isHTTPHandler(f.sig):
		return root{f: f, kind: "HTTP handler"}, true
	case isConnectHandler(f):
		return root{f: f, kind: "connect handler"}, true
	case grpcMethod(f, services):
		return root{f: f, kind: "gRPC method"}, true
	}
	return frameworkHandler(f)
}

// importsAny reports whether the package or one of its direct imports has
// one of the paths.
func (c *checker) importsAny(paths ...string) bool {
	pkgs := append([]*types.Package{c.pass.Pkg}, c.pass.Pkg.Imports()...)
	for _, p := range pkgs {
		for _, path := range paths {
			if p.Path() == path {
				return true
			}
			for _, imp := range p.Imports() {
				if imp.Path() == path {
					return true
				}
			}
		}
	}
	return false
}

// isHTTPHandler reports whether sig is func(http.ResponseWriter,
// *http.Request): a handler function, a ServeHTTP method, a literal
// passed to HandleFunc or converted to http.HandlerFunc.
func isHTTPHandler(sig *types.Signature) bool {
	params := sig.Params()
	if params.Len() != 2 || sig.Results().Len() != 0 {
		return false
	}
	if !isNamed(params.At(0).Type(), "net/http", "ResponseWriter") {
		return false
	}
	ptr, ok := types.Unalias(params.At(1).Type()).(*types.Pointer)
	return ok && isNamed(ptr.Elem(), "net/http", "Request")
}
