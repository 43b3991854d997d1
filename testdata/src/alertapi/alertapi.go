// Package alertapi is the HTTP API in front of alertstore: POST /alerts
// calls Put, which can wait forever on a departed subscriber while
// holding the store's lock.
package alertapi

import (
	"net/http"

	"alertstore"
)

type API struct{ alerts *alertstore.Alerts }

func (api *API) postAlerts(w http.ResponseWriter, r *http.Request) {
	api.alerts.Put(&alertstore.Alert{Name: r.FormValue("name")}) // want `call: call to alertstore.\(\*Alerts\).Put may block forever while holding a.mtx at send on l.alerts \(alertstore.go:28\): no default, ctx.Done\(\) or timeout case \(HTTP handler \(\*API\).postAlerts → alertstore.\(\*Alerts\).Put\)`
}

func (api *API) postAlertsFixed(w http.ResponseWriter, r *http.Request) {
	api.alerts.PutFixed(&alertstore.Alert{Name: r.FormValue("name")})
}
