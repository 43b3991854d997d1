package protocols

import (
	"context"
	"time"
)

// K3, a lock handed out by a loop: a caller gets in by sending its
// request on reqInit, writes, and releases with a send on reqSent. The
// dispatch loop closes its gate when it takes a request and opens it only
// on the release, so reqSent's one slot is free whenever a holder sends.
type requestOp struct{ id int }

// RPCClient sends requests over one connection.
type RPCClient struct {
	reqInit chan *requestOp
	reqSent chan error
	closing chan struct{}
}

func NewRPCClient() *RPCClient {
	c := &RPCClient{reqInit: make(chan *requestOp), reqSent: make(chan error, 1), closing: make(chan struct{})}
	go c.dispatch()
	return c
}

// Call waits for the gate until ctx is done or the client closes, and
// its release never waits.
func (c *RPCClient) Call(ctx context.Context, op *requestOp) error {
	select {
	case c.reqInit <- op:
		err := c.write(op)
		c.reqSent <- err
		return err
	case <-ctx.Done():
		return ctx.Err()
	case <-c.closing:
		return context.Canceled
	}
}

func (c *RPCClient) write(op *requestOp) error { return nil }

func (c *RPCClient) dispatch() {
	reqInitLock := c.reqInit
	for {
		select {
		case <-reqInitLock:
			reqInitLock = nil
		case <-c.reqSent:
			reqInitLock = c.reqInit
		case <-c.closing:
			return
		}
	}
}

// A gate that a timer opens lets a second holder in while the first one
// has not released yet.
type LeakyClient struct {
	reqInit chan *requestOp
	reqSent chan error
	ticks   <-chan time.Time
}

func NewLeakyClient() *LeakyClient {
	c := &LeakyClient{reqInit: make(chan *requestOp), reqSent: make(chan error, 1)}
	go c.dispatch()
	return c
}

func (c *LeakyClient) Call(ctx context.Context, op *requestOp) error { // want Call:"may block forever: send on c.reqSent"
	select {
	case c.reqInit <- op:
		c.reqSent <- nil
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *LeakyClient) dispatch() {
	reqInitLock := c.reqInit
	for {
		select {
		case <-reqInitLock:
			reqInitLock = nil
		case <-c.ticks:
			reqInitLock = c.reqInit
		}
	}
}
