// Package rootsflag is checked with the roots setting naming
// rootsflag.(*Renderer).Frame and the callback type events.Legacy, code
// whose authors did not annotate it; and with the blocking setting naming
// rootsflag.(*Renderer).upload, which waits in a way the analysis cannot
// see.
package rootsflag

import "events"

type Renderer struct{ frames chan int }

func (r *Renderer) Frame() { // want Frame:"may block forever: .*; hot path"
	r.frames <- 1 // want `send: .* \(hot path \(\*Renderer\).Frame\)`
	r.upload()    // want `call: call to rootsflag.\(\*Renderer\).upload may block forever: the blocking setting says it may block forever \(hot path \(\*Renderer\).Frame\)`
}

func (r *Renderer) upload() {}

// idle is not named anywhere.
func (r *Renderer) idle() { r.frames <- 0 }

func (r *Renderer) wire(bus *events.Bus) {
	bus.SubscribeLegacy(func(e events.Event) {
		r.frames <- 2 // want `send: .* \(events.Legacy callback \(\*Renderer\).wire.func1\)`
	})
}
