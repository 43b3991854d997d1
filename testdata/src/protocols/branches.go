package protocols

import (
	"net/http"
	"sync"
)

// Sends on exclusive branches: a watch starts with the current status,
// sent on one side of an if/else into a buffer of one made just before.
type HealthServer struct {
	mu       sync.Mutex
	statuses map[string]int
	updates  map[string][]chan int
}

func (s *HealthServer) watch(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("service")
	update := make(chan int, 1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.statuses[name]; ok {
		update <- st
	} else {
		update <- 0
	}
	s.updates[name] = append(s.updates[name], update)
}

// A status sent on one branch, and a second one after the if/else: two
// sends into a buffer of one.
func (s *HealthServer) watchAll(w http.ResponseWriter, r *http.Request) {
	update := make(chan int, 1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.statuses[""]; ok {
		update <- st // want `send on update may block forever`
	} else {
		update <- 0 // want `send on update may block forever`
	}
	update <- len(s.statuses) // want `send on update may block forever`
	s.updates[""] = append(s.updates[""], update)
}

// The clauses of a switch are exclusive too.
func (s *HealthServer) probe(w http.ResponseWriter, r *http.Request) {
	result := make(chan string, 1)
	switch r.Method {
	case http.MethodGet:
		result <- "get"
	case http.MethodHead:
		result <- "head"
	default:
		result <- "other"
	}
	select {
	case m := <-result:
		w.Write([]byte(m))
	case <-r.Context().Done():
	}
}
