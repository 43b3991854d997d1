package analyzer

import (
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The parsers of user text: //hotblock: directives, the references of the
// roots and blocking settings, and check lists. Whatever the user writes,
// they must not panic, and what they accept must mean what it says. Seed
// corpora beyond the f.Add calls live in testdata/fuzz/<FuzzName>/.

// directiveCommands are the commands a directive may name.
var directiveCommands = []string{"ignore", "hotpath", "nonblocking"}

// FuzzParseDirective parses arbitrary text after //hotblock:.
func FuzzParseDirective(f *testing.F) {
	for _, s := range []string{
		"", " ", "ignore", "ignore send", "ignore send the reason", "ignore send,select two checks",
		"ignore directive cannot", "ignore ,, reason", "ignore send,,select r", "ignore send, reason",
		"ignore SEND reason", "ignore\tsend\treason", " ignore send leading space", "ignore sends typo",
		"hotpath", "hotpath the game loop", "nonblocking", "nonblocking the buffer is large enough",
		"bogus", "ignore:send reason", "ignore send\u00a0reason", "ignore \xff reason", "ignore send,\xff r",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := parseDirective(directivePrefix + text)
		fields := strings.Fields(text)
		if d.err != nil {
			assert.NotContains(t, d.err.Error(), "\n", "a directive's error is one line of a diagnostic")
		}
		switch {
		case len(fields) == 0:
			require.Error(t, d.err, "a directive with no command")
			return
		case !slices.Contains(directiveCommands, fields[0]):
			require.Error(t, d.err, "unknown command %q", fields[0])
			assert.Contains(t, d.err.Error(), "unknown directive //hotblock:"+fields[0])
			return
		}
		require.Equal(t, fields[0], d.cmd)
		if d.err != nil {
			return
		}
		switch d.cmd {
		case "ignore":
			require.NotEmpty(t, d.checks, "an ignore directive suppresses some check")
			for _, c := range d.checks {
				require.GreaterOrEqual(t, checkIndex(c), 0, "unknown check %q accepted", c)
				require.NotEqual(t, CheckDirective, c, "the directive check cannot be ignored")
			}
			require.NotEmpty(t, d.reason, "an ignore directive needs a reason")
			require.Equal(t, strings.Join(fields[2:], " "), d.reason)
			// What it accepted reads back the same.
			again := parseDirective(directivePrefix + "ignore " + strings.Join(d.checks, ",") + " " + d.reason)
			require.NoError(t, again.err)
			require.Equal(t, d.checks, again.checks)
			require.Equal(t, d.reason, again.reason)
		case "nonblocking":
			require.NotEmpty(t, d.reason, "a nonblocking directive needs a reason")
		}
	})
}

// FuzzParseRefs parses arbitrary references and lists of them.
func FuzzParseRefs(f *testing.F) {
	for _, s := range []string{
		"", ".", "/", "/.F", "a.F", "example.com/app/loop.Run", "example.com/app/queue.(*Queue).Put",
		"example.com/app/queue.Queue.Put", "k8s.io/client-go/tools/cache.ResourceEventHandler",
		"Update", "pkg.(*T", "pkg.(*T).", "pkg.(*).M", "pkg.T.M.N", "a.b.c/d.e.F", "  a/b.F  ",
		"a/b.F,c/d.(*T).M", "a/b.F,,", ",", "a/b.(*T).M, x", "pkg.F€", "pkg.\xff", "a/b.(*(*T)).M",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := parseRef(s)
		if err != nil {
			assert.Contains(t, err.Error(), "(want pkg/path.Func, pkg/path.(*T).Method or pkg/path.T.Method)")
		} else {
			require.NotEmpty(t, r.pkg)
			require.True(t, token.IsIdentifier(r.name), "name %q", r.name)
			require.True(t, r.recv == "" || token.IsIdentifier(r.recv), "receiver %q", r.recv)
			// A reference reads back as itself.
			again, err := parseRef(r.String())
			require.NoError(t, err, "%q does not parse again", r.String())
			require.Equal(t, r, again, "%q", r.String())
		}

		// The flag's list: what it accepts prints back to the same list.
		var l refList
		if err := l.Set(s); err == nil {
			var again refList
			require.NoError(t, again.Set(l.String()))
			require.Equal(t, l, again)
			_, err := parseRefs(l)
			require.NoError(t, err)
			require.NoError(t, Config{Roots: l, Blocking: l}.Validate())
		}
	})
}

// FuzzParseCheckList parses arbitrary comma-separated check lists.
func FuzzParseCheckList(f *testing.F) {
	for _, s := range []string{
		"", ",", "send", "send,select", " recv , wait ", "directive", "sends", "send,,ctx",
		"SEND", "send\nselect", "call,\xff", "recv,wait,send,select,call,ctx,directive",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		names, err := parseCheckList(s)
		if err != nil {
			assert.Contains(t, err.Error(), "unknown check ")
			assert.NotContains(t, err.Error(), "\n", "one line, even for a name with a newline")
			return
		}
		for _, name := range names {
			require.GreaterOrEqual(t, checkIndex(name), 0, "unknown check %q accepted", name)
		}
		again, err := parseCheckList(strings.Join(names, ","))
		require.NoError(t, err)
		require.Equal(t, names, again)
		require.NoError(t, Config{Enable: names, Disable: names}.Validate())

		var l checkList
		require.NoError(t, l.Set(s))
		require.Equal(t, strings.Join(names, ","), l.String())
	})
}

// TestParseRefRejectsWhatNamesNothing lists references that cannot name
// a function or type: the settings should reject them, as they reject
// other malformed references, rather than accept a root or a blocking
// function that never matches.
func TestParseRefRejectsWhatNamesNothing(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"example.com/app.func",    // a keyword
		"example.com/app.F€",      // not a letter
		"example.com/app.\u00a0F", // a no-break space
		"example.com/app/.F",      // an empty last path element
		"/.F",
	} {
		_, err := parseRef(s)
		assert.Error(t, err, "%q", s)
	}
}
