// Package web serves the shop's HTTP API; its handlers enqueue orders
// in package orders, so hotblock needs the summaries of that package,
// computed in another process under go vet, to see them wait.
package web

import (
	"context"
	"net/http"

	"example.com/shop/orders"
)

// Shop serves orders.
type Shop struct{ book *orders.Book }

func (s *Shop) order(w http.ResponseWriter, r *http.Request) {
	s.book.Push(orders.Order{ID: r.FormValue("id")})
}

func (s *Shop) orderBounded(w http.ResponseWriter, r *http.Request) {
	if err := s.book.PushContext(r.Context(), orders.Order{ID: r.FormValue("id")}); err != nil {
		http.Error(w, "busy", http.StatusServiceUnavailable)
	}
}

func (s *Shop) orderDetached(w http.ResponseWriter, r *http.Request) {
	_ = s.book.PushContext(context.Background(), orders.Order{ID: r.FormValue("id")})
}

// Register installs the handlers.
func (s *Shop) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /orders", s.order)
	mux.HandleFunc("POST /orders/bounded", s.orderBounded)
	mux.HandleFunc("POST /orders/detached", s.orderDetached)
}
