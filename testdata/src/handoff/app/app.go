// Package app runs the server's main loop, which serves the reload
// requests of the web package's handlers.
package app

import (
	"net/http"

	"handoff/web"
)

// App is the running server.
type App struct {
	web       *web.Handler
	webReload chan chan error
	timed     chan chan error
	quit      chan struct{}
}

// Routes registers the admin endpoints, handing them the loop's request
// channels.
func (a *App) Routes(mux *http.ServeMux) {
	web.Register(mux, a.webReload)
	web.RegisterTimed(mux, a.timed)
}

func (a *App) run() {
	for {
		select {
		case errc := <-a.webReload:
			errc <- a.reload() // Register's handler waits for it
		case rc := <-a.web.Reload():
			rc <- a.reload() // so does every requester in package web
		case errc := <-a.timed:
			errc <- a.reload() // want `send on errc may block forever`
		case rc := <-a.web.Quit():
			rc <- a.reload() // want `send on rc may block forever`
		case <-a.quit:
			return
		}
	}
}

func (a *App) reload() error { return nil }

// reloadNow asks the loop itself, and hands the reply it waits for
// straight to a call: a requester like the web package's.
func (a *App) reloadNow() error {
	errc := make(chan error)
	a.webReload <- errc
	return wrapped(<-errc)
}

func wrapped(err error) error { return err }
