package protocols

import "net/http"

// A semaphore type of the package (K2 through methods): acquire takes a
// slot, release gives it back. A handler that hands each slot to a
// goroutine it starts, which gives it back on every path, waits only
// until one of them finishes.
type slots struct{ c chan struct{} }

func (s *slots) acquire() {
	s.c <- struct{}{} // want `send on s.c may block forever: .*\(HTTP handler \(\*Uploader\).pin → \(\*slots\).acquire\)`
}

func (s *slots) release() { <-s.c }

type Uploader struct {
	parts *slots
}

func (u *Uploader) upload(w http.ResponseWriter, r *http.Request) {
	for _, part := range r.URL.Query()["part"] {
		u.parts.acquire()
		go func(p string) {
			defer u.parts.release()
			store(p)
		}(part)
	}
}

// pin takes a slot that only a failed store gives back.
func (u *Uploader) pin(w http.ResponseWriter, r *http.Request) {
	u.parts.acquire()
	go func() {
		if err := store(r.URL.Path); err != nil {
			u.parts.release()
		}
	}()
}

func store(part string) error { return nil }
