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
}

// String names the root in messages: `HTTP handler (*Server).transcribe`.
func (r root) String() string {
	if r.f.route != "" {
		return fmt.Sprintf("%s for %q", r.kind, r.f.route)
	}
	return r.kind + " " + r.f.name
}

// roots returns the package's roots in source order.
func (c *checker) roots() []root {
	var out []root
	for _, f := range c.funcs {
		if isHTTPHandler(f.sig) {
			out = append(out, root{f: f, kind: "HTTP handler"})
		}
	}
	return append(out, c.eventLoops()...)
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
