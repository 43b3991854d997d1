// Package api serves requests by pushing onto a queue of another module:
// hotblock trusts that module's waits only when the modules setting names
// it.
package api

import (
	"net/http"

	"example.com/queuelib"
)

// API is the HTTP front.
type API struct{ q *queuelib.Queue }

func (a *API) push(w http.ResponseWriter, r *http.Request) {
	a.q.Push(r.FormValue("item"))
}
