// Package chi is a stub of github.com/go-chi/chi/v5 for tests.
package chi

import "net/http"

type Mux struct{}

func NewRouter() *Mux { return &Mux{} }

func (m *Mux) Use(middlewares ...func(http.Handler) http.Handler) {}

func (m *Mux) Get(pattern string, h http.HandlerFunc) {}
