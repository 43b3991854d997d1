// Package peer delivers responses from remote peers to the fetchers that
// asked for them, and waits until each is processed.
package peer

// Response is a peer's answer, sent to the fetcher's sink; Done carries
// the fetcher's verdict back.
type Response struct {
	Items []string
	Done  chan error // want Done:"awaited reply"
}

// Announcement tells a fetcher of new items; Ack is read if there is
// time.
type Announcement struct {
	Items []string
	Ack   chan error
}

// Peer is one remote connection.
type Peer struct {
	term chan struct{}
}

// Deliver hands res to the sink and waits for the verdict.
func (p *Peer) Deliver(sink chan *Response, res *Response) error {
	res.Done = make(chan error)
	select {
	case sink <- res:
		return <-res.Done
	case <-p.term:
		return nil
	}
}

// Announce hands a to the sink and leaves if the peer goes meanwhile.
func (p *Peer) Announce(sink chan *Announcement, a *Announcement) error {
	a.Ack = make(chan error)
	select {
	case sink <- a:
	case <-p.term:
		return nil
	}
	select {
	case err := <-a.Ack:
		return err
	case <-p.term:
		return nil
	}
}
