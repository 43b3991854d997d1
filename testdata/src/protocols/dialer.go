package protocols

import (
	"context"
	"errors"
)

// R2 in a dial worker, as libp2p's swarm answers dial requests: every
// request carries a reply slot with room, made by the dialer that waits
// on it. The worker answers a request at once and leaves its handling
// (continue dials, even from inside the address loop), or parks it in a
// map of pending requests and answers it once when a dial ends, taking
// it out of the map. Each slot gets one reply, into its room, whether or
// not the dialer still waits.
type dialReply struct {
	conn int
	err  error
}

type dialReq struct {
	ctx   context.Context
	reply chan dialReply
}

type pendingDial struct {
	req   dialReq
	addrs map[string]bool
}

type DialWorker struct {
	reqs    chan dialReq
	done    chan string
	pending map[*pendingDial]bool
	conns   map[string]int
}

func (w *DialWorker) dial(ctx context.Context) (int, error) {
	reply := make(chan dialReply, 1)
	select {
	case w.reqs <- dialReq{ctx: ctx, reply: reply}:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	select {
	case r := <-reply:
		return r.conn, r.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func (w *DialWorker) loop() {
dials:
	for {
		select {
		case req, ok := <-w.reqs:
			if !ok {
				return
			}
			pd := &pendingDial{req: req, addrs: make(map[string]bool)}
			for addr, conn := range w.conns {
				if conn > 0 {
					req.reply <- dialReply{conn: conn}
					continue dials
				}
				pd.addrs[addr] = true
			}
			w.pending[pd] = true
		case addr := <-w.done:
			for pd := range w.pending {
				if pd.addrs[addr] {
					pd.req.reply <- dialReply{conn: w.conns[addr]}
					delete(w.pending, pd)
				}
			}
			w.dispatchError(addr)
		}
	}
}

func (w *DialWorker) dispatchError(addr string) {
	for pd := range w.pending {
		delete(pd.addrs, addr)
		if len(pd.addrs) == 0 {
			pd.req.reply <- dialReply{err: errors.New("all dials failed")}
			delete(w.pending, pd)
		}
	}
}

// The same worker with a dialer that gives the slot no room: once the
// dialer leaves on its context, the answer waits forever.
type tightReq struct {
	ctx   context.Context
	reply chan dialReply
}

type tightPending struct{ req tightReq }

type TightDialWorker struct {
	reqs    chan tightReq
	pending map[*tightPending]bool
	conns   map[string]int
}

func (w *TightDialWorker) dial(ctx context.Context) (int, error) {
	reply := make(chan dialReply)
	select {
	case w.reqs <- tightReq{ctx: ctx, reply: reply}:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	select {
	case r := <-reply:
		return r.conn, r.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func (w *TightDialWorker) loop(done chan string) {
dials:
	for {
		select {
		case req := <-w.reqs:
			for _, conn := range w.conns {
				if conn > 0 {
					req.reply <- dialReply{conn: conn} // want `send on req.reply may block forever`
					continue dials
				}
			}
			w.pending[&tightPending{req: req}] = true
		case <-done:
			for pd := range w.pending {
				pd.req.reply <- dialReply{err: errors.New("closed")} // want `send on pd.req.reply may block forever`
				delete(w.pending, pd)
			}
		}
	}
}
