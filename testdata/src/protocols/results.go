package protocols

import "time"

// B1 across a type: the session's error channel has room for one error
// per protocol and one for the ping loop, and each of those goroutines
// reports once, as it exits. The buffer holds them all, even once run
// has stopped reading after the first.
type protocol struct{ name string }

func (p *protocol) Run() error { return nil }

type Session struct {
	running  map[string]*protocol
	protoErr chan error
	pings    <-chan time.Time
	closed   chan struct{}
}

func newSession(protos map[string]*protocol) *Session {
	return &Session{
		running:  protos,
		protoErr: make(chan error, len(protos)+1), // protocols + pingLoop
		closed:   make(chan struct{}),
	}
}

func (s *Session) run() error {
	go s.pingLoop()
	for _, proto := range s.running {
		go func() {
			err := proto.Run()
			s.protoErr <- err
		}()
	}
	err := <-s.protoErr
	close(s.closed)
	return err
}

func (s *Session) pingLoop() {
	for {
		select {
		case <-s.pings:
			if err := ping(); err != nil {
				s.protoErr <- err
				return
			}
		case <-s.closed:
			return
		}
	}
}

func ping() error { return nil }

// A ping loop that goes on after reporting can fill the buffer.
type ChattySession struct {
	running  map[string]*protocol
	protoErr chan error
	pings    <-chan time.Time
	closed   chan struct{}
}

func newChattySession(protos map[string]*protocol) *ChattySession {
	return &ChattySession{running: protos, protoErr: make(chan error, len(protos)+1)}
}

func (s *ChattySession) pingLoop() {
	for {
		select {
		case <-s.pings:
			if err := ping(); err != nil {
				s.protoErr <- err // want `send on s.protoErr may block forever`
			}
		case <-s.closed:
			return
		}
	}
}

func (s *ChattySession) run() {
	go s.pingLoop()
}
