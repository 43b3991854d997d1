package protocols

import (
	"net/http"
	"sync"
)

// K2 through a goroutine's parameter: the pool takes a slot before it
// starts each job, and the job's goroutine, handed the slot channel as
// an argument, gives the slot back when it ends (k9s's worker pool). A
// pool that hands its goroutines the wrong channel never gets its slots
// back: once they are all taken, the next job waits forever.
type JobPool struct {
	semC  chan struct{}
	spare chan struct{}
	wg    sync.WaitGroup
}

func (p *JobPool) Add(job func()) { // want Add:"never blocks; starts its function argument on a goroutine"
	p.semC <- struct{}{}
	p.wg.Add(1)
	go func(wg *sync.WaitGroup, semC <-chan struct{}) {
		defer func() {
			<-semC
			wg.Done()
		}()
		job()
	}(&p.wg, p.semC)
}

func (p *JobPool) AddMiswired(job func()) { // want AddMiswired:"may block forever: send on p.semC at workerpool.go:32"
	p.semC <- struct{}{} // want `send on p.semC may block forever`
	go func(semC <-chan struct{}) {
		defer func() { <-semC }()
		job()
	}(p.spare)
}

type ResourceTree struct{ pool *JobPool }

func (t *ResourceTree) hydrate(w http.ResponseWriter, r *http.Request) {
	t.pool.Add(func() {})
	t.pool.AddMiswired(func() {})
}
