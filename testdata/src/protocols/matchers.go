package protocols

import (
	"container/list"
	"errors"
	"iter"
)

// R2 with pending requests kept in a container/list, as discovery
// protocols match replies to the requests they sent: each matcher's
// error slot has room (made through a local), and the loop answers each
// matcher once, then drops it.

var errClosed = errors.New("closed")

type matcher struct {
	from int
	errc chan error
}

type packet struct {
	from    int
	matched chan<- bool
}

// Discovery matches incoming packets against pending requests.
type Discovery struct {
	addMatcher chan *matcher
	gotReply   chan packet
	closing    chan struct{}
}

func (d *Discovery) pending(from int) *matcher {
	ch := make(chan error, 1)
	m := &matcher{from: from, errc: ch}
	select {
	case d.addMatcher <- m:
	case <-d.closing:
		ch <- errClosed // this matcher never reaches the loop
	}
	return m
}

// pendingAll asks for many peers at once, sharing one result channel
// with room for every answer; the slot is set after the literal.
func (d *Discovery) pendingAll(peers []int) chan error {
	n := 64
	results := make(chan error, n)
	for _, from := range peers[:n] {
		m := &matcher{from: from}
		m.errc = results
		d.addMatcher <- m
	}
	return results
}

// failed returns a matcher that already holds its error, without asking
// the loop: filled before it could travel, it does not count.
func failed(err error) *matcher {
	errc := make(chan error, 1)
	errc <- err
	return &matcher{errc: errc}
}

func (d *Discovery) handleReply(from int) bool {
	matched := make(chan bool, 1)
	d.gotReply <- packet{from, matched}
	return <-matched
}

func elements[T any](l *list.List) iter.Seq2[T, *list.Element] {
	return func(yield func(T, *list.Element) bool) {
		for el := l.Front(); el != nil; {
			next := el.Next()
			if !yield(el.Value.(T), el) {
				return
			}
			el = next
		}
	}
}

func (d *Discovery) loop() {
	plist := list.New()
	for {
		select {
		case <-d.closing:
			for el := plist.Front(); el != nil; el = el.Next() {
				el.Value.(*matcher).errc <- errClosed
			}
			return
		case m := <-d.addMatcher:
			plist.PushBack(m)
		case r := <-d.gotReply:
			matched := false
			for m, el := range elements[*matcher](plist) {
				if m.from == r.from {
					matched = true
					m.errc <- nil
					plist.Remove(el)
				}
			}
			r.matched <- matched
		}
	}
}

// A slot that some request carries unbuffered can wait.
type lookup struct {
	key  string
	done chan string
}

// Resolver answers lookups from its loop.
type Resolver struct {
	lookups chan *lookup
	closing chan struct{}
}

func (s *Resolver) resolve(key string) string {
	l := &lookup{key: key, done: make(chan string, 1)}
	s.lookups <- l
	return <-l.done
}

func (s *Resolver) resolveAsync(key string) *lookup {
	done := make(chan string)
	l := &lookup{key: key, done: done}
	s.lookups <- l
	return l
}

func (s *Resolver) loop() {
	var pending []*lookup
	for {
		select {
		case l := <-s.lookups:
			pending = append(pending, l)
		case <-s.closing:
			for _, l := range pending {
				l.done <- "" // want `send on l.done may block forever`
			}
			return
		}
	}
}
