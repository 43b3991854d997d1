// Package typeerror does not type-check: hotblock must say so clearly
// and exit non-zero, never panic.
package typeerror

import "net/http"

func handle(w http.ResponseWriter, r *http.Request) {
	var jobs chan int
	jobs <- "not an int"
}
