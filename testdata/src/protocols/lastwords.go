package protocols

import (
	"net/http"
	"sync"
)

// C: a subscription's error channel has room for one value, and every
// send on it closes it right after, so each channel carries one value.
type subscription struct {
	err chan error
}

// Notifier ends subscriptions when their connection goes.
type Notifier struct {
	mu   sync.Mutex
	subs map[int]*subscription
}

func (n *Notifier) subscribe(id int) *subscription {
	s := &subscription{err: make(chan error, 1)}
	n.mu.Lock()
	n.subs[id] = s
	n.mu.Unlock()
	return s
}

func (n *Notifier) closeAll(w http.ResponseWriter, r *http.Request) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for id, s := range n.subs {
		s.err <- http.ErrServerClosed
		close(s.err)
		delete(n.subs, id)
	}
}

// A channel sent on twice before it is closed can fill up.
type stream struct {
	events chan string
}

// Streamer ends streams with a last event.
type Streamer struct {
	mu      sync.Mutex
	streams map[int]*stream
}

func (st *Streamer) open(id int) *stream {
	s := &stream{events: make(chan string, 1)}
	st.mu.Lock()
	st.streams[id] = s
	st.mu.Unlock()
	return s
}

func (st *Streamer) publish(w http.ResponseWriter, r *http.Request) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, s := range st.streams {
		s.events <- "tick" // want `send on s.events may block forever while holding st.mu`
	}
}

func (st *Streamer) closeAll(w http.ResponseWriter, r *http.Request) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for id, s := range st.streams {
		s.events <- "bye" // want `send on s.events may block forever while holding st.mu`
		close(s.events)
		delete(st.streams, id)
	}
}

// C through a local copy, as an IMAP client completes its commands: done
// := cmd.base().done; done <- err; close(done). Every command that can be
// pending gets a slot with room; one that fails before it is sent gets a
// channel closed at birth, which nothing can wait on.
type commandBase struct {
	done chan error
}

type command interface{ base() *commandBase }

type fetchCommand struct{ commandBase }

func (c *fetchCommand) base() *commandBase { return &c.commandBase }

type IMAPClient struct {
	mu      sync.Mutex
	pending []command
	failing bool
}

func (c *IMAPClient) fetch() *fetchCommand {
	if c.failing {
		done := make(chan error)
		close(done)
		return &fetchCommand{commandBase{done: done}}
	}
	cmd := &fetchCommand{commandBase{done: make(chan error, 1)}}
	c.mu.Lock()
	c.pending = append(c.pending, cmd)
	c.mu.Unlock()
	return cmd
}

func (c *IMAPClient) completeCommand(cmd command, err error) {
	done := cmd.base().done
	done <- err
	close(done)
}

func (c *IMAPClient) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, cmd := range c.pending {
		c.completeCommand(cmd, http.ErrServerClosed)
	}
	c.pending = nil
}

// The same completion without the close: a command completed twice
// (after a reconnect, say) finds its slot full.
type replayBase struct {
	done chan error
}

type replayCommand struct{ replayBase }

func (c *replayCommand) base() *replayBase { return &c.replayBase }

type ReplayClient struct {
	pending []*replayCommand
}

func (c *ReplayClient) fetch() *replayCommand {
	cmd := &replayCommand{replayBase{done: make(chan error, 1)}}
	c.pending = append(c.pending, cmd)
	return cmd
}

func (c *ReplayClient) completeCommand(cmd *replayCommand, err error) {
	done := cmd.base().done
	done <- err // want `send on done may block forever`
}

func (c *ReplayClient) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want ServeHTTP:"may block forever: send on done at lastwords.go:145"
	for _, cmd := range c.pending {
		c.completeCommand(cmd, http.ErrServerClosed)
	}
}
