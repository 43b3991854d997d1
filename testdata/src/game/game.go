// Package game uses the events library: its callbacks run on the bus's
// dispatch goroutine or the frame loop, as events declares, and its own
// Update is declared a hot path. A bare send in any of them stalls the
// game.
package game

import "events"

type Game struct {
	sounds chan string
	log    chan string
	bus    *events.Bus
	loop   *events.Loop
}

// Update runs once per frame.
//
//hotblock:hotpath the engine calls it 60 times a second
func (g *Game) Update() { // want Update:"may block forever: send on g.sounds at game.go:20: no default, ctx.Done\\(\\) or timeout case; hot path"
	g.sounds <- "tick" // want `send: send on g.sounds may block forever: .* \(hot path \(\*Game\).Update\)`
	g.bus.Emit(events.Event{Name: "frame"})
}

func (g *Game) wire() {
	g.bus.Subscribe(func(e events.Event) {
		g.log <- e.Name // want `send: .* \(events.Handler callback \(\*Game\).wire.func1\)`
	})
	g.bus.Subscribe(g.onScore)
	g.bus.Listen(&auditor{log: g.log})
	g.loop.Each(func(e events.Event) {
		g.sounds <- e.Name // want `send: .* \(\(\*Game\).wire.func2, called by hot path events.\(\*Loop\).Each\)`
	})
	go func() {
		g.log <- "not a callback"
	}()
	var h events.Handler = func(e events.Event) {
		select {
		case g.log <- e.Name:
		default:
		}
	}
	g.bus.Subscribe(h)
}

func (g *Game) onScore(e events.Event) {
	g.log <- "score" // want `send: .* \(events.Handler callback \(\*Game\).onScore\)`
}

type auditor struct{ log chan string }

func (a *auditor) OnEvent(e events.Event) { // want OnEvent:"may block forever: send on a.log"
	a.log <- e.Name // want `send: .* \(events.Listener method \(\*auditor\).OnEvent\)`
}

// helper is not a listener method.
func (a *auditor) helper() { a.log <- "helper" }

// misplaced directives are reported.
func (g *Game) misplaced() {
	//hotblock:hotpath inside a body it declares nothing // want `directive: //hotblock:hotpath belongs in the doc comment of a function, or of a function, interface or struct type`
	/* want `directive: malformed directive: //hotblock:nonblocking needs a reason` */ //hotblock:nonblocking
}
