// Package fetcher processes what peers deliver, on one loop.
package fetcher

import "handoff/peer"

// Fetcher is the loop that takes responses and announcements.
type Fetcher struct {
	responses     chan *peer.Response
	announcements chan *peer.Announcement
	quit          chan struct{}
}

func (f *Fetcher) loop() {
	for {
		select {
		case res := <-f.responses:
			res.Done <- f.process(res.Items) // the delivering peer waits for it
		case a := <-f.announcements:
			a.Ack <- f.process(a.Items) // want `send on a.Ack may block forever`
		case <-f.quit:
			return
		}
	}
}

func (f *Fetcher) process(items []string) error { return nil }
