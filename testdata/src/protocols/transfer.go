package protocols

import (
	"errors"
	"time"
)

// B1, an exit report through a parameter: transfer reports once, as it
// exits, on done; its caller makes done with room for one and fills it
// itself only on the paths where it does not start the transfer.
type Leader struct {
	transfers chan string
	commits   chan int
	replicas  map[string]chan error
}

func (l *Leader) loop() {
	for {
		select {
		case id := <-l.transfers:
			stop := make(chan struct{})
			done := make(chan error, 1)
			go func() {
				select {
				case <-time.After(time.Second):
					close(stop)
					<-done
				case <-done:
				}
			}()
			repl, ok := l.replicas[id]
			if !ok {
				done <- errors.New("no such replica")
				continue
			}
			go l.transfer(repl, stop, done)
		case <-l.commits:
		}
	}
}

func (l *Leader) transfer(repl chan error, stop chan struct{}, done chan error) {
	for {
		select {
		case err := <-repl:
			if err != nil {
				done <- err
				return
			}
		case <-stop:
			done <- nil
			return
		}
	}
}

// A caller that reports and still starts the transfer overfills it.
type Follower struct {
	transfers chan string
	commits   chan int
}

func (f *Follower) loop() {
	for {
		select {
		case <-f.transfers:
			stop := make(chan struct{})
			done := make(chan error, 1)
			done <- errors.New("starting late") // fits: done is made anew each iteration
			go f.transfer(stop, done)
		case <-f.commits:
		}
	}
}

func (f *Follower) transfer(stop chan struct{}, done chan error) {
	for {
		select {
		case <-stop:
			done <- nil // want `send on done may block forever`
			return
		case <-f.commits:
		}
	}
}
