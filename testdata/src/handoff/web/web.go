// Package web serves a server's admin endpoints. A reload is done by the
// application's main loop, which the handlers ask through a channel of
// reply channels that this package owns or is given: the R1 protocol
// across packages.
package web

import (
	"net/http"
	"time"
)

// Handler serves the admin API.
type Handler struct {
	reloadCh chan chan error
	quitCh   chan chan error
}

// New returns a Handler with its request channels made.
func New() *Handler {
	return &Handler{reloadCh: make(chan chan error), quitCh: make(chan chan error)}
}

// Reload hands out the reload requests, for the main loop to serve.
func (h *Handler) Reload() <-chan chan error { return h.reloadCh } // want Reload:"hands out a request channel"

// Quit hands out a channel its callers could send on too: nothing is
// known of their requesters.
func (h *Handler) Quit() chan chan error { return h.quitCh }

func (h *Handler) reload(w http.ResponseWriter, r *http.Request) {
	rc := make(chan error)
	h.reloadCh <- rc // want `send on h.reloadCh may block forever`
	if err := <-rc; err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func (h *Handler) quit(w http.ResponseWriter, r *http.Request) {
	rc := make(chan error)
	h.quitCh <- rc // want `send on h.quitCh may block forever`
	<-rc
}

// Register serves /-/reload by asking the loop that reloadCh reaches; the
// handler waits for every answer.
func Register(mux *http.ServeMux, reloadCh chan<- chan error) { // want Register:"requests on parameter 1"
	mux.HandleFunc("/-/reload", func(w http.ResponseWriter, r *http.Request) {
		errc := make(chan error)
		defer close(errc)
		reloadCh <- errc // want `send on reloadCh may block forever`
		if err := <-errc; err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
}

// RegisterTimed gives up on the answer after a while: a reply sent later
// has nobody to take it.
func RegisterTimed(mux *http.ServeMux, reloadCh chan<- chan error) {
	mux.HandleFunc("/-/reload", func(w http.ResponseWriter, r *http.Request) {
		errc := make(chan error)
		select {
		case reloadCh <- errc:
		case <-r.Context().Done():
			return
		}
		select {
		case err := <-errc:
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
			}
		case <-time.After(time.Minute):
			http.Error(w, "reload timed out", http.StatusGatewayTimeout)
		}
	})
}
