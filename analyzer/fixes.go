package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Suggested fixes give a blocking operation a second way out: the
// context in scope. golangci-lint --fix and pre-commit apply them without
// asking, so a fix is offered only when it is mechanical and the result
// type-checks: at most one per finding, never one that drops a value.
//
//   - a bare send becomes a select with a <-ctx.Done() case that leaves
//     the function in its own idiom (503 for an HTTP handler, ctx.Err()
//     for a function returning an error, return otherwise);
//   - a call with a context-taking sibling (Put → PutContext,
//     db.Query → db.QueryContext) calls the sibling with the context;
//   - context.Background() or TODO() given to a call that waits on it
//     becomes the context in scope.

// fixFor returns the suggested fix for op o on root r's path at hop h.
func (c *checker) fixFor(r root, h *hop, o *op) []analysis.SuggestedFix {
	ctx := rootContext(r, h)
	if ctx == "" || o.fanout != "" || o.node == nil {
		return nil // fan-out sends want the subscriber's done channel
	}
	file := c.fileOf(o.node.Pos())
	if file == nil {
		return nil
	}
	var fix *analysis.SuggestedFix
	switch o.check {
	case CheckSend:
		if send, ok := o.node.(*ast.SendStmt); ok && o.stmt {
			fix = c.sendFix(h.f, file, send, ctx)
		}
	case CheckCall, CheckPool, CheckExec:
		if call, ok := o.node.(*ast.CallExpr); ok && o.target != nil {
			fix = c.siblingFix(h.f, file, call, o, ctx)
		}
	case CheckCtx:
		fix = c.ctxArgFix(file, o.ctxArg, ctx)
	}
	if fix == nil {
		return nil
	}
	return []analysis.SuggestedFix{*fix}
}

// localCtxFix is the fix of a call, reached on root r's path at hop h,
// that gives context.Background() to a function of this package waiting
// on its ctxParam-th argument.
func (c *checker) localCtxFix(r root, h *hop, cl *call, ctxParam int) []analysis.SuggestedFix {
	ctx := rootContext(r, h)
	arg := argAt(c.pass.TypesInfo, cl.expr, ctxParam)
	file := c.fileOf(cl.expr.Pos())
	if ctx == "" || arg == nil || file == nil {
		return nil
	}
	if fix := c.ctxArgFix(file, arg, ctx); fix != nil {
		return []analysis.SuggestedFix{*fix}
	}
	return nil
}

// sendFix turns `ch <- v` into a select with a cancellation case.
func (c *checker) sendFix(f *fn, file *fileInfo, send *ast.SendStmt, ctx string) *analysis.SuggestedFix {
	indent := c.indent(send.Pos())
	exit, ok := c.exitLines(f, file.file, ctxErr(ctx), `"service unavailable"`)
	if !ok {
		return nil
	}
	return &analysis.SuggestedFix{
		Message: "select the send with <-" + ctx + ".Done()",
		TextEdits: []analysis.TextEdit{
			{Pos: send.Pos(), End: send.Pos(), NewText: []byte("select {\n" + indent + "case ")},
			{Pos: send.End(), End: send.End(), NewText: []byte(":\n" + indent + "case <-" + ctx + ".Done():\n" +
				indented(exit, indent+"\t") + indent + "}")},
		},
	}
}

// siblingFix calls the context-taking sibling of a blocking call.
func (c *checker) siblingFix(f *fn, file *fileInfo, call *ast.CallExpr, o *op, ctx string) *analysis.SuggestedFix {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	sibling := contextSibling(o.target)
	if sibling == nil {
		return nil
	}
	arg := ctx
	if len(call.Args) > 0 {
		arg += ", "
	}
	edits := []analysis.TextEdit{
		{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte(sibling.Name())},
		{Pos: call.Lparen + 1, End: call.Lparen + 1, NewText: []byte(arg)},
	}
	if !types.Identical(o.target.Signature().Results(), sibling.Signature().Results()) {
		// Put() → PutContext(ctx) error: handle the error where it arises.
		if o.target.Signature().Results().Len() != 0 || !o.stmt {
			return nil
		}
		indent := c.indent(call.Pos())
		exit, ok := c.exitLines(f, file.file, "err", "err.Error()")
		if !ok {
			return nil
		}
		edits = append(edits,
			analysis.TextEdit{Pos: call.Pos(), End: call.Pos(), NewText: []byte("if err := ")},
			analysis.TextEdit{Pos: call.End(), End: call.End(), NewText: []byte("; err != nil {\n" + indented(exit, indent+"\t") + indent + "}")})
	}
	return &analysis.SuggestedFix{
		Message:   "call " + sibling.Name() + " with " + ctx,
		TextEdits: edits,
	}
}

// contextSibling returns the variant of f that takes a context first and
// otherwise the same parameters, returning what f returns or just an
// error: PutContext, PutCtx or PutWithContext for Put.
func contextSibling(f *types.Func) *types.Func {
	sig := f.Signature()
	for _, name := range []string{f.Name() + "Context", f.Name() + "Ctx", f.Name() + "WithContext"} {
		var obj types.Object
		if recv := sig.Recv(); recv != nil {
			obj, _, _ = types.LookupFieldOrMethod(recv.Type(), true, f.Pkg(), name)
		} else if f.Pkg() != nil {
			obj = f.Pkg().Scope().Lookup(name)
		}
		s, ok := obj.(*types.Func)
		if ok && takesContextThen(s.Signature(), sig) && returnsLike(s.Signature(), sig) {
			return s
		}
	}
	return nil
}

// takesContextThen reports whether s's parameters are a context followed
// by those of orig.
func takesContextThen(s, orig *types.Signature) bool {
	p, q := s.Params(), orig.Params()
	if p.Len() != q.Len()+1 || !isContext(p.At(0).Type()) || s.Variadic() != orig.Variadic() {
		return false
	}
	for i := range q.Len() {
		if !types.Identical(p.At(i+1).Type(), q.At(i).Type()) {
			return false
		}
	}
	return true
}

// returnsLike reports whether s returns what orig returns, or only an
// error where orig returns nothing.
func returnsLike(s, orig *types.Signature) bool {
	if types.Identical(s.Results(), orig.Results()) {
		return true
	}
	return orig.Results().Len() == 0 && s.Results().Len() == 1 && isError(s.Results().At(0).Type())
}

// ctxArgFix replaces context.Background() or TODO() by the context in
// scope, when the file still needs the context import afterwards.
func (c *checker) ctxArgFix(file *fileInfo, arg ast.Expr, ctx string) *analysis.SuggestedFix {
	call, ok := ast.Unparen(arg).(*ast.CallExpr)
	if !ok || !c.isBackground(call) || !c.usesContextBeyondRoots(file) {
		return nil
	}
	return &analysis.SuggestedFix{
		Message:   "pass " + ctx,
		TextEdits: []analysis.TextEdit{{Pos: arg.Pos(), End: arg.End(), NewText: []byte(ctx)}},
	}
}

// isBackground reports whether call is context.Background() or TODO().
func (c *checker) isBackground(call *ast.CallExpr) bool {
	f := c.calleeOf(call)
	return f != nil && f.Pkg() != nil && f.Pkg().Path() == "context" && (f.Name() == "Background" || f.Name() == "TODO")
}

// usesContextBeyondRoots reports whether the file refers to the context
// package other than to call Background or TODO, so that the import stays
// used once those calls are replaced.
func (c *checker) usesContextBeyondRoots(file *fileInfo) bool {
	if file.usesContext >= 0 {
		return file.usesContext == 1
	}
	file.usesContext = 0
	ast.Inspect(file.file, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		if pn, ok := c.pass.TypesInfo.Uses[id].(*types.PkgName); ok && pn.Imported().Path() == "context" &&
			sel.Sel.Name != "Background" && sel.Sel.Name != "TODO" {
			file.usesContext = 1
		}
		return file.usesContext == 0
	})
	return file.usesContext == 1
}

// exitLines returns the statements that leave f when its wait is given
// up, in f's own idiom, or false if there is none that type-checks:
// errExpr is the error to return, msg the text of a 503.
func (c *checker) exitLines(f *fn, file *ast.File, errExpr, msg string) ([]string, bool) {
	params, results := f.sig.Params(), f.sig.Results()
	httpName := importName(file, "net/http")
	switch {
	case isHTTPHandler(f.sig) && httpName != "" && params.At(0).Name() != "" && params.At(0).Name() != "_":
		w := params.At(0).Name()
		return []string{
			fmt.Sprintf("%s.Error(%s, %s, %s.StatusServiceUnavailable)", httpName, w, msg, httpName),
			"return",
		}, true
	case results.Len() == 0:
		if gin, ok := ginContext(f); ok && httpName != "" {
			return []string{fmt.Sprintf("%s.AbortWithStatus(%s.StatusServiceUnavailable)", gin, httpName), "return"}, true
		}
		return []string{"return"}, true
	case isError(results.At(results.Len() - 1).Type()):
		vals := make([]string, 0, results.Len())
		for i := range results.Len() - 1 {
			z, ok := c.zeroValue(results.At(i).Type(), file)
			if !ok {
				return nil, false
			}
			vals = append(vals, z)
		}
		return []string{"return " + strings.Join(append(vals, errExpr), ", ")}, true
	}
	return nil, false
}

// ctxErr returns the error of the context expression ctx.
func ctxErr(ctx string) string { return ctx + ".Err()" }

// ginContext returns the name of f's *gin.Context parameter.
func ginContext(f *fn) (string, bool) {
	params := f.sig.Params()
	if params.Len() != 1 {
		return "", false
	}
	p := params.At(0)
	ptr, ok := types.Unalias(p.Type()).(*types.Pointer)
	if !ok || !isNamed(ptr.Elem(), "github.com/gin-gonic/gin", "Context") || p.Name() == "" || p.Name() == "_" {
		return "", false
	}
	return p.Name(), true
}

// zeroValue spells the zero value of t in file, if it can.
func (c *checker) zeroValue(t types.Type, file *ast.File) (string, bool) {
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false", true
		case u.Info()&types.IsNumeric != 0:
			return "0", true
		case u.Info()&types.IsString != 0:
			return `""`, true
		case u.Kind() == types.UnsafePointer:
			return "nil", true
		}
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return "nil", true
	case *types.Struct:
		if n, ok := types.Unalias(t).(*types.Named); ok && n.TypeArgs().Len() == 0 {
			if q, ok := c.qualifier(n.Obj().Pkg(), file); ok {
				return q + n.Obj().Name() + "{}", true
			}
		}
	}
	return "", false
}

// qualifier returns how file refers to pkg: "" for its own package, the
// import name and a dot for an imported one.
func (c *checker) qualifier(pkg *types.Package, file *ast.File) (string, bool) {
	if pkg == c.pass.Pkg {
		return "", true
	}
	if name := importName(file, pkg.Path()); name != "" {
		return name + ".", true
	}
	return "", false
}

// importName returns the name under which file imports path, or "".
func importName(file *ast.File, path string) string {
	for _, imp := range file.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err != nil || p != path {
			continue
		}
		if imp.Name != nil {
			if imp.Name.Name == "_" || imp.Name.Name == "." {
				return ""
			}
			return imp.Name.Name
		}
		return path[strings.LastIndex(path, "/")+1:]
	}
	return ""
}

// indent returns the indentation of the line at pos, assuming gofmt's
// tabs.
func (c *checker) indent(pos token.Pos) string {
	return strings.Repeat("\t", max(c.pass.Fset.Position(pos).Column-1, 0))
}

// indented joins lines, each with the indentation and a newline.
func indented(lines []string, indent string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(indent + l + "\n")
	}
	return b.String()
}

// fileOf returns the file holding pos.
func (c *checker) fileOf(pos token.Pos) *fileInfo {
	return c.files[c.pass.Fset.File(pos)]
}
