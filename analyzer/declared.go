package analyzer

import (
	"go/ast"
	"go/types"
)

// Users declare what the analysis cannot see: //hotblock:hotpath on a
// function makes it a root (a game loop's Update, a callback the caller
// runs on its event loop), on a type makes it a contract (contracts.go);
// //hotblock:nonblocking on a function says calls to it never block, and
// the user's word wins over the analysis. The roots setting does the
// same as //hotblock:hotpath for code the user cannot annotate.

// declareFunc applies the declarations that concern f.
func (c *checker) declareFunc(fd *ast.FuncDecl, f *fn) {
	if docDirective(c.files, c.pass.Fset, fd.Doc, "hotpath") != nil || c.isRootRef(f.obj) {
		f.hotpath = true
	}
	if docDirective(c.files, c.pass.Fset, fd.Doc, "nonblocking") != nil {
		f.nonblocking = true
	}
}

// isRootRef reports whether the roots setting names obj.
func (c *checker) isRootRef(obj *types.Func) bool {
	for _, r := range c.rootRefs {
		if r.matchesFunc(obj) {
			return true
		}
	}
	return false
}

// declareTypes makes contracts of the types of gd declared
// //hotblock:hotpath, exporting the fact for those other packages see.
func (c *checker) declareTypes(gd *ast.GenDecl) {
	for _, spec := range gd.Specs {
		ts, ok := spec.(*ast.TypeSpec)
		if !ok {
			continue
		}
		doc := ts.Doc
		if doc == nil && len(gd.Specs) == 1 {
			doc = gd.Doc
		}
		if docDirective(c.files, c.pass.Fset, doc, "hotpath") == nil {
			continue
		}
		obj, ok := c.pass.TypesInfo.Defs[ts.Name].(*types.TypeName)
		if !ok {
			continue
		}
		kind := contractName(obj)
		c.contracts[obj] = kind
		if obj.Exported() {
			c.pass.ExportObjectFact(obj, &HotPath{Kind: kind})
		}
	}
}

// callbackRoots returns the function values passed to a declared hot
// path of this package at a parameter it calls: they run on its path.
func (c *checker) callbackRoots() []root {
	var out []root
	for _, f := range c.funcs {
		for _, cl := range f.calls {
			if !cl.callee.hotpath {
				continue
			}
			for _, a := range cl.funcArgs {
				if a.body != nil && cl.callee.sum.SyncParams&(1<<a.index) != 0 {
					out = append(out, callbackRoot(a.body, cl.callee.name))
				}
			}
		}
	}
	return out
}

// callbackRoot is the root of a function value f that the declared hot
// path named by caller calls.
func callbackRoot(f *fn, caller string) root {
	return root{f: f, kind: "callback", label: f.name + ", called by hot path " + caller}
}
