package analyzer

import (
	"go/ast"
	"go/types"
)

// A contract marks a type whose values run on a goroutine that must not
// stall: a callback type, an interface whose methods a dispatcher calls,
// or a struct of such callbacks. Every value of the type that the package
// provides (a function literal, a function or method, a type implementing
// the interface) is a root. Contracts come from the table below, from
// //hotblock:hotpath on a type declaration (exported as a HotPath fact,
// so importers honour it), and from the roots setting.

// HotPath is the fact that a type, declared //hotblock:hotpath, is a
// contract: its values run on a hot path.
type HotPath struct {
	// Kind names the roots the contract makes: "events.Handler callback".
	Kind string
}

// AFact marks HotPath as an analysis fact.
func (*HotPath) AFact() {}

// String describes the fact, as analysistest's fact expectations see it.
func (h *HotPath) String() string { return "hot path: " + h.Kind }

// builtinContracts are the contracts of common modules, by import path
// and type name: client-go runs informer callbacks on its own dispatch
// goroutine, so a callback that waits wedges the informer.
var builtinContracts = map[apiKey]string{
	{"k8s.io/client-go/tools/cache", "", "ResourceEventHandlerFuncs"}:         "informer callback",
	{"k8s.io/client-go/tools/cache", "", "ResourceEventHandlerDetailedFuncs"}: "informer callback",
	{"k8s.io/client-go/tools/cache", "", "ResourceEventHandler"}:              "informer callback",
}

// contractKind names the kind of root values of t make, or "" if t is
// not a contract.
func (c *checker) contractKind(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	obj := n.Obj()
	if kind, ok := c.contracts[obj]; ok {
		return kind
	}
	kind := c.lookupContract(obj)
	c.contracts[obj] = kind
	return kind
}

// lookupContract finds whether obj is a contract, in each source.
func (c *checker) lookupContract(obj *types.TypeName) string {
	if kind := builtinContracts[apiKey{pkg: obj.Pkg().Path(), name: obj.Name()}]; kind != "" {
		return kind
	}
	var fact HotPath
	if obj.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(obj, &fact) {
		return fact.Kind
	}
	for _, r := range c.rootRefs {
		if r.matchesType(obj) {
			return contractName(obj)
		}
	}
	return ""
}

// contractName names the roots a declared contract makes.
func contractName(obj *types.TypeName) string {
	name := obj.Pkg().Name() + "." + obj.Name()
	if types.IsInterface(obj.Type()) {
		return name + " method"
	}
	return name + " callback"
}

// hotValue makes v a root if the type it is used as, expected, is a
// contract: v is a function value of a callback type, or a value of this
// package's type implementing a contract interface.
func (w *walker) hotValue(expected types.Type, v ast.Expr) {
	if expected == nil || v == nil {
		return
	}
	kind := w.c.contractKind(expected)
	if kind == "" {
		return
	}
	switch u := expected.Underlying().(type) {
	case *types.Signature:
		if f := w.funcValue(v); f != nil {
			w.c.valueRoots = append(w.c.valueRoots, root{f: f, kind: kind})
		}
	case *types.Interface:
		w.c.implementations(v, u, kind)
	}
}

// funcValue returns the body a function value denotes, if the package
// has it: a literal, a function, or a method value.
func (w *walker) funcValue(v ast.Expr) *fn {
	info := w.c.pass.TypesInfo
	switch v := ast.Unparen(v).(type) {
	case *ast.FuncLit:
		return w.c.literal(v, w.f)
	case *ast.Ident:
		if obj, ok := info.Uses[v].(*types.Func); ok {
			return w.c.byObj[obj]
		}
	case *ast.SelectorExpr:
		if obj, ok := info.Uses[v.Sel].(*types.Func); ok {
			return w.c.byObj[obj]
		}
	}
	return nil
}

// implementations makes roots of the methods that v's type, declared in
// this package, has for the contract interface iface.
func (c *checker) implementations(v ast.Expr, iface *types.Interface, kind string) {
	t := c.pass.TypesInfo.TypeOf(v)
	if t == nil {
		return
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() != c.pass.Pkg {
		return
	}
	for i := range iface.NumMethods() {
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(n), true, c.pass.Pkg, iface.Method(i).Name())
		if m, ok := obj.(*types.Func); ok && c.byObj[m] != nil {
			c.valueRoots = append(c.valueRoots, root{f: c.byObj[m], kind: kind})
		}
	}
}

// compositeLit finds hot values among a composite literal's elements: the
// callbacks of a contract struct, and elements of contract types.
func (w *walker) compositeLit(e *ast.CompositeLit) {
	t := w.c.pass.TypesInfo.TypeOf(e)
	if t == nil {
		return
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		structKind := w.c.contractKind(t)
		for i, elt := range e.Elts {
			field, value := structField(u, i, elt)
			if field == nil {
				continue
			}
			w.noteFieldValue(field, value)
			w.noteFlagValue(field, value)
			if _, isFunc := field.Type().Underlying().(*types.Signature); isFunc && structKind != "" {
				if f := w.funcValue(value); f != nil {
					w.c.valueRoots = append(w.c.valueRoots, root{f: f, kind: structKind})
				}
				continue
			}
			w.hotValue(field.Type(), value)
		}
	case *types.Slice:
		w.hotElements(u.Elem(), e.Elts)
	case *types.Array:
		w.hotElements(u.Elem(), e.Elts)
	case *types.Map:
		w.hotElements(u.Elem(), e.Elts)
	}
}

// hotElements checks each element value against the element type.
func (w *walker) hotElements(elem types.Type, elts []ast.Expr) {
	for _, elt := range elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			elt = kv.Value
		}
		w.hotValue(elem, elt)
	}
}

// structField returns the field the i-th element of a struct literal
// sets, and its value.
func structField(st *types.Struct, i int, elt ast.Expr) (*types.Var, ast.Expr) {
	kv, ok := elt.(*ast.KeyValueExpr)
	if !ok {
		if i < st.NumFields() {
			return st.Field(i), elt
		}
		return nil, nil
	}
	key, ok := kv.Key.(*ast.Ident)
	if !ok {
		return nil, nil
	}
	for j := range st.NumFields() {
		if st.Field(j).Name() == key.Name {
			return st.Field(j), kv.Value
		}
	}
	return nil, nil
}
