// Package disabled is checked with -disable=send,select: only the checks
// still running report, and an ignore directive naming a disabled check
// is not called unused (it may be needed where the check runs).
package disabled

import "net/http"

type Server struct{ jobs chan string }

func (s *Server) submit(w http.ResponseWriter, r *http.Request) {
	s.jobs <- "job"
	select {}
}

func (s *Server) suppressed(w http.ResponseWriter, r *http.Request) {
	//hotblock:ignore send the worker is started before the listener
	s.jobs <- "job"
}
