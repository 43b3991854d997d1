// Package directives shows //hotblock:ignore at work: a reasoned
// suppression silences its finding; a directive without a reason, with
// an unknown check or command, or that suppresses nothing is reported.
package directives

import "net/http"

type Server struct {
	jobs   chan string
	events chan string
}

func (s *Server) startup(w http.ResponseWriter, r *http.Request) {
	//hotblock:ignore send the worker drains jobs before the listener opens
	s.jobs <- "warmup"

	s.jobs <- "inline" //hotblock:ignore send inline reasons work too

	//hotblock:ignore select,send one directive may name several checks
	s.events <- "several"
}

func (s *Server) careless(w http.ResponseWriter, r *http.Request) {
	/* want `directive: malformed directive: //hotblock:ignore send needs a reason` */ //hotblock:ignore send
	s.jobs <- "no reason"                                                              // want `send: send on s.jobs may block forever`

	//hotblock:ignore sned typo // want `directive: malformed directive: unknown check "sned" \(known: send, select, call, ctx, recv, wait, pool, exec, directive\)`
	s.jobs <- "typo" // want `send: send on s.jobs may block forever`

	//hotblock:ignore select the send below is not a select // want `directive: //hotblock:ignore select suppresses nothing; delete it`
	s.jobs <- "wrong check" // want `send: send on s.jobs may block forever`

	//hotblock:quiet please // want `directive: malformed directive: unknown directive //hotblock:quiet`
	s.jobs <- "unknown command" // want `send: send on s.jobs may block forever`

	//hotblock:ignore directive cannot silence itself // want `directive: malformed directive: the directive check cannot be ignored`

	//hotblock:ignore recv recv is off by default, so this may be needed elsewhere
}

// notHot is not a handler: a directive here suppresses nothing.
func (s *Server) notHot() {
	//hotblock:ignore send left over from a refactoring // want `directive: //hotblock:ignore send suppresses nothing; delete it`
	s.jobs <- "cold"
}
