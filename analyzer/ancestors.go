package analyzer

import "go/ast"

// inspectWithAncestors walks every file of the package in depth-first
// order, calling visit with each node and its ancestors (innermost
// last), until visit returns false.
func (c *checker) inspectWithAncestors(visit func(n ast.Node, ancestors []ast.Node) bool) {
	more := true
	for _, file := range c.pass.Files {
		var stack []ast.Node
		ast.Inspect(file, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return false
			}
			if more = more && visit(n, stack); !more {
				return false
			}
			stack = append(stack, n)
			return true
		})
		if !more {
			return
		}
	}
}
