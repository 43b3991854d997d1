package analyzer

import (
	"fmt"
	"go/types"
	"strings"
)

// Framework handlers are recognised by their types' import paths, never
// by name, and hotblock's module depends on none of the frameworks.

// A handlerShape is the signature of a framework's request handler: one
// parameter, the framework's request context, and perhaps an error.
type handlerShape struct {
	kind      string // "gin handler"
	pkg, name string // the context type
	ptr       bool   // the parameter is a pointer to it
	errResult bool   // the handler returns an error
	// ctx is the request's context.Context, given the parameter's name.
	ctx string
}

// handlerShapes lists the frameworks whose handlers are single-parameter
// functions. chi and gorilla/mux use net/http's own handler types.
var handlerShapes = []handlerShape{
	{"gin handler", "github.com/gin-gonic/gin", "Context", true, false, "%s.Request.Context()"},
	{"echo handler", "github.com/labstack/echo/v4", "Context", false, true, "%s.Request().Context()"},
	{"echo handler", "github.com/labstack/echo/v5", "Context", true, true, "%s.Request().Context()"},
	{"fiber handler", "github.com/gofiber/fiber/v2", "Ctx", true, true, "%s.UserContext()"},
	{"fiber handler", "github.com/gofiber/fiber/v3", "Ctx", false, true, "%s.Context()"},
}

// frameworkHandler returns the root of a function shaped as a framework
// handler, if it is one.
func frameworkHandler(f *fn) (root, bool) {
	params, results := f.sig.Params(), f.sig.Results()
	if params.Len() != 1 || results.Len() > 1 {
		return root{}, false
	}
	p := params.At(0)
	for _, s := range handlerShapes {
		if s.errResult != (results.Len() == 1 && isError(results.At(0).Type())) {
			continue
		}
		t := p.Type()
		if s.ptr {
			ptr, ok := types.Unalias(t).(*types.Pointer)
			if !ok {
				continue
			}
			t = ptr.Elem()
		}
		if isNamed(t, s.pkg, s.name) {
			return root{f: f, kind: s.kind, ctx: paramContext(p, s.ctx)}, true
		}
	}
	return root{}, false
}

// paramContext formats a context expression for the parameter p, or ""
// if p has no usable name.
func paramContext(p *types.Var, format string) string {
	if p.Name() == "" || p.Name() == "_" {
		return ""
	}
	return fmt.Sprintf(format, p.Name())
}

// isError reports whether t is the predeclared error type.
func isError(t types.Type) bool { return types.Identical(t, types.Universe.Lookup("error").Type()) }

// connectPkgs are the import paths of connect-go.
var connectPkgs = []string{"connectrpc.com/connect", "connectrpc.com/connect/v2"}

// isConnectHandler reports whether f takes a connect-go request or
// stream: a unary or streaming handler of a connect service.
func isConnectHandler(f *fn) bool {
	params := f.sig.Params()
	for i := range params.Len() {
		ptr, ok := types.Unalias(params.At(i).Type()).(*types.Pointer)
		if !ok {
			continue
		}
		n, ok := types.Unalias(ptr.Elem()).(*types.Named)
		if !ok || n.Obj().Pkg() == nil {
			continue
		}
		switch n.Obj().Name() {
		case "Request", "ServerStream", "ClientStream", "BidiStream":
			for _, path := range connectPkgs {
				if n.Obj().Pkg().Path() == path {
					return true
				}
			}
		}
	}
	return false
}

// grpcServices returns the gRPC service interfaces the package can
// implement: the service parameter of each generated
// RegisterXServer(grpc.ServiceRegistrar, XServer) declared in the
// package or in one of its imports.
func (c *checker) grpcServices() []*types.Named {
	var out []*types.Named
	scan := func(pkg *types.Package) {
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			if !strings.HasPrefix(name, "Register") || !strings.HasSuffix(name, "Server") {
				continue
			}
			if svc := registeredService(scope.Lookup(name)); svc != nil {
				out = append(out, svc)
			}
		}
	}
	scan(c.pass.Pkg)
	for _, imp := range c.pass.Pkg.Imports() {
		scan(imp)
	}
	return out
}

// registeredService returns XServer if obj is func RegisterXServer(s
// grpc.ServiceRegistrar, srv XServer), else nil.
func registeredService(obj types.Object) *types.Named {
	fn, ok := obj.(*types.Func)
	if !ok {
		return nil
	}
	params := fn.Signature().Params()
	if params.Len() != 2 {
		return nil
	}
	if !fromPackage(params.At(0).Type(), "google.golang.org/grpc") {
		return nil
	}
	svc, ok := types.Unalias(params.At(1).Type()).(*types.Named)
	if !ok || !types.IsInterface(svc) || "Register"+svc.Obj().Name() != fn.Name() {
		return nil
	}
	return svc
}

// fromPackage reports whether t, or what it points to, is a named type
// of the package path.
func fromPackage(t types.Type, path string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == path
}

// grpcMethod reports whether f is a method, of a type of this package,
// that implements a method of one of the gRPC services.
func grpcMethod(f *fn, services []*types.Named) bool {
	if f.obj == nil || len(services) == 0 {
		return false
	}
	recv := f.sig.Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	ptr := types.NewPointer(t)
	for _, svc := range services {
		iface := svc.Underlying().(*types.Interface)
		if !types.Implements(ptr, iface) {
			continue
		}
		for i := range iface.NumMethods() {
			if iface.Method(i).Name() == f.obj.Name() {
				return true
			}
		}
	}
	return false
}
