package protocols

import "sync"

// K2 through a started method: submit acquires a task slot, and the
// drainer it starts releases one per job it runs. Waiting for a slot is
// back-pressure from the package's own workers.
type syncRunner struct {
	lock   sync.Mutex
	queues map[string][]func()
	tasks  chan struct{}
	update chan int
}

func newSyncRunner() *syncRunner {
	return &syncRunner{queues: make(map[string][]func()), tasks: make(chan struct{}, 512), update: make(chan int)}
}

func (e *syncRunner) submit(key string, run func()) {
	e.tasks <- struct{}{}
	e.lock.Lock()
	e.queues[key] = append(e.queues[key], run)
	if len(e.queues[key]) > 1 {
		e.lock.Unlock()
		return
	}
	e.lock.Unlock()
	go e.drain(key)
}

func (e *syncRunner) drain(key string) {
	for {
		e.lock.Lock()
		run := e.queues[key][0]
		e.queues[key] = e.queues[key][1:]
		empty := len(e.queues[key]) == 0
		e.lock.Unlock()
		run()
		<-e.tasks
		if empty {
			return
		}
	}
}

// progress reports to a listener that the drainer never serves.
func (e *syncRunner) progress(n int) {
	e.update <- n // want `send on e.update may block forever`
	go e.drain("")
}

func (e *syncRunner) loop(keys chan string, quit chan struct{}) {
	for {
		select {
		case key := <-keys:
			e.submit(key, func() {})
			e.progress(len(key))
		case <-quit:
			return
		}
	}
}
