package protocols

import "net/http"

// Parameter guards on a bool: newTxn waits for the oracle only when the
// database is not managed; a managed caller passes true, and cannot wait.
type Oracle struct {
	marks chan uint64
}

func (o *Oracle) readTs() uint64 {
	o.marks <- 1 // want `send on o.marks may block forever: .*\(HTTP handler \(\*Oracle\).begin → \(\*Oracle\).newTxn`
	return 1
}

func (o *Oracle) newTxn(update, isManaged bool) uint64 {
	if !isManaged {
		return o.readTs()
	}
	return 0
}

func (o *Oracle) newTxnAt(update bool) uint64 {
	return o.newTxn(update, true)
}

func (o *Oracle) snapshot(w http.ResponseWriter, r *http.Request) {
	o.newTxnAt(false) // managed: never waits
}

func (o *Oracle) begin(w http.ResponseWriter, r *http.Request) {
	managed := r.URL.Query().Has("managed")
	o.newTxn(true, managed) // not known: may wait
}
