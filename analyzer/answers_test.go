package analyzer

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// answerShapes are handlings of a request req, each a function of its
// own: the name says whether it answers req.reply at most once on every
// path (once...) or may answer twice (twice...).
const answerShapes = `package p

type request struct {
	reply, other chan error
	tries        int
}

func use(...any)       {}
func (r *request) answer() { r.reply <- nil }

func onceStraight(req *request)  { req.reply <- nil }
func onceThenOther(req *request) { req.reply <- nil; req.other <- nil; return }
func onceEarlyReturn(req *request) {
	if req.tries == 0 {
		req.reply <- nil
		return
	}
	req.reply <- nil
}
func onceIfElse(req *request) {
	if req.tries == 0 {
		req.reply <- nil
	} else {
		req.reply <- nil
	}
}
func onceRetryBreak(req *request) {
	for {
		if req.tries > 3 {
			req.reply <- nil
			break
		}
		req.tries++
		continue
	}
}
func onceSwitch(req *request) {
	switch req.tries {
	case 0:
		req.reply <- nil
	case 1:
		req.reply <- nil
		break
	default:
	}
}
func onceSelectCase(req *request, quit chan struct{}) {
	select {
	case req.reply <- nil:
	case <-quit:
	}
}
func onceLabeledOut(req *request) {
	for i := 0; i < 3; i++ {
		req.reply <- nil
		return
	}
}
func twiceInSequence(req *request) { req.reply <- nil; req.reply <- nil }
func twiceAfterIf(req *request) {
	if req.tries == 0 {
		req.reply <- nil
	}
	req.reply <- nil
}
func twiceInLoop(req *request) {
	for i := 0; i < req.tries; i++ {
		req.reply <- nil
	}
}
func twiceContinue(req *request) {
	for {
		req.reply <- nil
		if req.tries > 0 {
			continue
		}
		return
	}
}
func twiceSwitchThenMore(req *request) {
	switch {
	case req.tries > 0:
		req.reply <- nil
	}
	req.reply <- nil
}
func twiceHelper(req *request) { req.reply <- nil; finish(req) }
func twiceMethod(req *request) { req.reply <- nil; req.answer() }
func twiceSlotPassed(req *request) { req.reply <- nil; use(req.reply) }
func twiceLiteral(req *request) {
	req.reply <- nil
	func() { req.reply <- nil }()
}
func twiceGoroutine(req *request) { go func() { req.reply <- nil }() }
func twiceGoto(req *request) {
again:
	req.reply <- nil
	if req.tries > 0 {
		goto again
	}
}
func finish(req *request) { req.reply <- nil }
`

// TestAnswersOncePerPath counts the answers of each shape.
func TestAnswersOncePerPath(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", answerShapes, 0)
	require.NoError(t, err)
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{file}, info)
	require.NoError(t, err)
	reply := pkg.Scope().Lookup("request").Type().Underlying().(*types.Struct).Field(0)
	seen := 0
	for _, d := range file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || fd.Name.Name == "use" || fd.Name.Name == "finish" {
			continue
		}
		seen++
		req := info.Defs[fd.Type.Params.List[0].Names[0]].(*types.Var)
		a := &answerCounter{info: info, v: req, field: reply, inside: labelsIn(fd.Body.List)}
		n := a.list(fd.Body.List)
		once := max(n.fall, n.leave, n.brk, n.cont) <= 1
		want := fd.Name.Name[:4] == "once"
		assert.Equal(t, want, once, "%s: counted %+v", fd.Name.Name, n)
	}
	assert.Equal(t, 19, seen, "every shape was counted")
}
