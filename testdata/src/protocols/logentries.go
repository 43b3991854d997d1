package protocols

import "errors"

// R2 for reply slots parked in a log: each command carries an event
// whose error slot has room for its one answer; the leader keeps the
// event in the command's log entry and answers it when the entry
// commits, walking the newly committed entries with a counting loop, one
// entry an iteration (seaweedfs/raft's log). A replay that answers the
// same entry on every turn of its loop sends into that one slot again
// and again, and the second answer waits forever.
type logEvent struct {
	cmd string
	c   chan error
}

type logEntry struct {
	cmd   string
	event *logEvent
}

type LogServer struct {
	events      chan *logEvent
	commits     chan int
	replays     chan int
	stopped     chan struct{}
	entries     []*logEntry
	commitIndex int
}

var errLogStopped = errors.New("log server stopped")

func (s *LogServer) Do(cmd string) error {
	ev := &logEvent{cmd: cmd, c: make(chan error, 1)}
	select {
	case s.events <- ev:
	case <-s.stopped:
		return errLogStopped
	}
	select {
	case err := <-ev.c:
		return err
	case <-s.stopped:
		return errLogStopped
	}
}

func (s *LogServer) leaderLoop() {
	for {
		select {
		case ev := <-s.events:
			s.entries = append(s.entries, &logEntry{cmd: ev.cmd, event: ev})
		case index := <-s.commits:
			s.setCommitIndex(index)
		case n := <-s.replays:
			s.replay(n)
		case <-s.stopped:
			return
		}
	}
}

func (s *LogServer) setCommitIndex(index int) {
	for i := s.commitIndex + 1; i <= index; i++ {
		entryIndex := i - 1
		entry := s.entries[entryIndex]
		if entry.event != nil {
			entry.event.c <- nil
		}
	}
	s.commitIndex = index
}

func (s *LogServer) replay(times int) {
	for i := 0; i < times; i++ {
		entry := s.entries[s.commitIndex-1]
		entry.event.c <- errors.New("replayed") // want `send on entry.event.c may block forever`
	}
}
