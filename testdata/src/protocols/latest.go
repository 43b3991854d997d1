package protocols

import (
	"net/http"
	"sync"
)

// L, latest-value slots (the MongoDB driver's server descriptions): each
// subscriber's channel has room for one value, and the publisher, under
// the mutex every publisher holds, drops what the subscriber has not read
// and puts the newest in its place. The slot is empty at every send, so
// the send never waits, however long the subscriber leaves it unread.
type Health struct {
	Healthy bool
}

type HealthFeed struct {
	mu     sync.Mutex
	status Health
	subs   map[int]chan Health
	next   int
}

func (m *HealthFeed) Subscribe() <-chan Health {
	ch := make(chan Health, 1)
	ch <- m.status
	m.mu.Lock()
	defer m.mu.Unlock()
	m.subs[m.next] = ch
	m.next++
	return ch
}

func (m *HealthFeed) publish(st Health) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.status = st
	for _, c := range m.subs {
		select {
		case <-c: // the value the subscriber has not read yet
		default:
		}
		c <- st
	}
}

func (m *HealthFeed) report(w http.ResponseWriter, r *http.Request) {
	m.publish(Health{Healthy: r.URL.Query().Get("ok") != ""})
}

// The same drain with no room behind it: an unbuffered channel has no
// value to drop, and the send waits for the subscriber.
type BeatFeed struct {
	mu   sync.Mutex
	subs []chan int
}

func (t *BeatFeed) Subscribe() <-chan int {
	ch := make(chan int)
	t.mu.Lock()
	t.subs = append(t.subs, ch)
	t.mu.Unlock()
	return ch
}

func (t *BeatFeed) tick(w http.ResponseWriter, r *http.Request) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, c := range t.subs {
		select {
		case <-c:
		default:
		}
		c <- 1 // want `send: send on c may block forever`
	}
}

// Room for one, but publishers that hold no common mutex: two of them
// may both drain, and the second send waits for the subscriber.
type GaugeFeed struct {
	mu   sync.Mutex
	subs map[string]chan float64
}

func (g *GaugeFeed) Watch(name string) <-chan float64 {
	ch := make(chan float64, 1)
	g.mu.Lock()
	g.subs[name] = ch
	g.mu.Unlock()
	return ch
}

func (g *GaugeFeed) set(w http.ResponseWriter, r *http.Request) {
	for _, c := range g.subs {
		select {
		case <-c:
		default:
		}
		c <- 1 // want `send: send on c may block forever`
	}
}

// Publishers that only read-lock: two of them may both drain, and the
// second send waits for the subscriber.
type StatusFeed struct {
	mu   sync.RWMutex
	subs map[int]chan bool
	next int
}

func (f *StatusFeed) Subscribe() <-chan bool {
	ch := make(chan bool, 1)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.subs[f.next] = ch
	f.next++
	return ch
}

func (f *StatusFeed) publish(w http.ResponseWriter, r *http.Request) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	for _, c := range f.subs {
		select {
		case <-c:
		default:
		}
		c <- true // want `send: send on c may block forever`
	}
}

// A second publisher under a mutex of the same name on another struct:
// Broker.mu does not exclude Quotes.publish, which holds Quotes.mu.
type Quotes struct {
	mu   sync.Mutex
	subs []chan float64
	last float64
}

func (q *Quotes) Subscribe() <-chan float64 {
	ch := make(chan float64, 1)
	q.mu.Lock()
	q.subs = append(q.subs, ch)
	q.mu.Unlock()
	return ch
}

func (q *Quotes) publish(price float64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.last = price
	for _, c := range q.subs {
		select {
		case <-c:
		default:
		}
		c <- price // want `send: send on c may block forever`
	}
}

type QuoteBroker struct {
	mu     sync.Mutex
	quotes *Quotes
}

func (b *QuoteBroker) replay() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, c := range b.quotes.subs {
		select {
		case <-c:
		default:
		}
		c <- b.quotes.last // want `send: send on c may block forever while holding b.mu`
	}
}

func (b *QuoteBroker) Start() {
	go func() {
		for {
			b.replay()
		}
	}()
}

func (b *QuoteBroker) quote(w http.ResponseWriter, r *http.Request) {
	b.quotes.publish(1)
}

// Slots added from a slice of channels: make([]chan T, 2) makes
// unbuffered channels' slots, not room.
type PairFeed struct {
	mu   sync.Mutex
	subs []chan int
}

func (p *PairFeed) SubscribePair() []chan int {
	pair := make([]chan int, 2)
	p.mu.Lock()
	p.subs = append(p.subs, pair...)
	p.mu.Unlock()
	return pair
}

func (p *PairFeed) publish(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.subs {
		select {
		case <-c:
		default:
		}
		c <- 1 // want `send: send on c may block forever`
	}
}

// Slots that something else can send on after they are listed: a
// goroutine started before the store, a replay helper the slot is handed
// to, a second field that keeps the same channel. The drain and send of
// the publisher no longer has the slot to itself.
type ProbeFeed struct {
	mu   sync.Mutex
	subs map[int]chan bool
	next int
}

func probeOnce() bool { return true }

func (p *ProbeFeed) Subscribe() <-chan bool {
	ch := make(chan bool, 1)
	go func() { ch <- probeOnce() }()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.subs[p.next] = ch
	p.next++
	return ch
}

func (p *ProbeFeed) report(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.subs {
		select {
		case <-c:
		default:
		}
		c <- true // want `send: send on c may block forever`
	}
}

type LogTail struct {
	mu      sync.Mutex
	subs    []chan string
	backlog []string
}

func replayBacklog(ch chan string, backlog []string) {
	for _, line := range backlog {
		ch <- line
	}
}

func (l *LogTail) Tail() <-chan string {
	ch := make(chan string, 1)
	l.mu.Lock()
	l.subs = append(l.subs, ch)
	backlog := l.backlog
	l.mu.Unlock()
	go replayBacklog(ch, backlog)
	return ch
}

func (l *LogTail) write(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	line := r.URL.Query().Get("line")
	l.backlog = append(l.backlog, line)
	for _, c := range l.subs {
		select {
		case <-c:
		default:
		}
		c <- line // want `send: send on c may block forever`
	}
}

type ChatRoom struct {
	mu       sync.Mutex
	subs     []chan string
	sessions map[string]chan string
}

func (c *ChatRoom) Join(id string) <-chan string {
	ch := make(chan string, 1)
	c.mu.Lock()
	c.subs = append(c.subs, ch)
	c.sessions[id] = ch
	c.mu.Unlock()
	return ch
}

func (c *ChatRoom) say(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.subs {
		select {
		case <-s:
		default:
		}
		s <- r.URL.Query().Get("text") // want `send: send on s may block forever`
	}
}

func (c *ChatRoom) kick(id string) {
	select {
	case c.sessions[id] <- "bye":
	default:
	}
}

// The MongoDB driver's shape: the slot is primed before it is listed and
// handed out in a subscription's receive-only field, so the publisher's
// drain and send still has it to itself. Handed out in a field the
// subscriber can send on, it does not.
type TopologyFeed struct {
	mu   sync.Mutex
	subs map[uint64]chan string
	next uint64
	desc string
}

type TopologySubscription struct {
	C  <-chan string
	id uint64
}

func (t *TopologyFeed) Subscribe() *TopologySubscription {
	ch := make(chan string, 1)
	ch <- t.desc
	t.mu.Lock()
	defer t.mu.Unlock()
	t.subs[t.next] = ch
	t.next++
	return &TopologySubscription{C: ch, id: t.next - 1}
}

func (t *TopologyFeed) apply(w http.ResponseWriter, r *http.Request) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.desc = r.URL.Query().Get("desc")
	for _, c := range t.subs {
		select {
		case <-c:
		default:
		}
		c <- t.desc
	}
}

type PeerFeed struct {
	mu   sync.Mutex
	subs map[uint64]chan string
	next uint64
}

type PeerSubscription struct {
	C chan string // the subscriber may send on it too
}

func (p *PeerFeed) Subscribe() *PeerSubscription {
	ch := make(chan string, 1)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.subs[p.next] = ch
	p.next++
	return &PeerSubscription{C: ch}
}

func (p *PeerFeed) apply(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.subs {
		select {
		case <-c:
		default:
		}
		c <- r.URL.Query().Get("peer") // want `send: send on c may block forever`
	}
}
