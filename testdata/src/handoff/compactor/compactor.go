// Package compactor runs compactions on its own loop, with at most a few
// table builders at once.
package compactor

import "handoff/throttle"

// Job asks for the tables of one level to be merged.
type Job struct {
	Level  int
	Splits []string
}

// Compactor takes jobs and stop requests on one loop.
type Compactor struct {
	jobs     chan Job
	flushes  chan string
	stop     chan struct{}
	builders *throttle.Throttle
	upload   *throttle.Gate
	notices  *throttle.Mailbox
}

func (c *Compactor) loop() {
	for {
		select {
		case j := <-c.jobs:
			c.compact(j)
		case name := <-c.flushes:
			c.flush(name)
		case <-c.stop:
			return
		}
	}
}

// compact starts one builder per split; each builder gives its slot back
// when it is done, so the loop waits only for one of them to finish.
func (c *Compactor) compact(j Job) {
	inflight := throttle.New(4)
	for _, s := range j.Splits {
		if err := inflight.Do(); err != nil {
			return
		}
		go func(split string) {
			defer inflight.Done(nil)
			build(split)
		}(s)
	}
	// The builders of the whole run share c.builders: the same, through a
	// field.
	for _, s := range j.Splits {
		c.builders.Do()
		go func(split string) {
			err := build(split)
			c.builders.Done(err)
		}(s)
	}
	c.notices.Put("compacted") // want `call to throttle.\(\*Mailbox\).Put may block forever`
}

// flush takes the upload gate and gives it back only if the upload
// fails: the next flush waits for a release that may never come.
func (c *Compactor) flush(name string) {
	c.upload.Enter() // want `call to throttle.\(\*Gate\).Enter may block forever`
	go func() {
		if err := build(name); err != nil {
			c.upload.Leave()
		}
	}()
	// A throttle whose builders run elsewhere: nothing here gives its
	// slots back.
	c.builders.Do() // want `call to throttle.\(\*Throttle\).Do may block forever`
	start(name)
}

// start hands a build to a goroutine that releases another throttle.
func start(name string) {
	other := throttle.New(1)
	go func() {
		defer other.Done(nil)
		build(name)
	}()
}

func build(split string) error { return nil }
