package protocols

// A test hook: the message queue tells its tests what it did on events,
// a channel that only tests give it. NewMessageQueue, the constructor
// the package's own code calls, passes nil there, and every send checks
// the hook first, so in production the send never runs (boxo's message
// queue). Its observer channel looks the same, but the constructor does
// pass the caller's channel on, one that nothing may drain once the
// observer has gone: that send stays reported.
type queueEvent int

type MessageQueue struct {
	outgoing chan string
	events   chan<- queueEvent
	observer chan<- queueEvent
	done     chan struct{}
}

func NewMessageQueue(observer chan<- queueEvent) *MessageQueue {
	return newMessageQueue(nil, observer)
}

func newMessageQueue(events, observer chan<- queueEvent) *MessageQueue {
	return &MessageQueue{outgoing: make(chan string), events: events, observer: observer, done: make(chan struct{})}
}

func (mq *MessageQueue) runQueue() {
	for {
		select {
		case msg := <-mq.outgoing:
			mq.transmit(msg)
			if mq.events != nil {
				mq.events <- 1
			}
			if mq.observer != nil {
				mq.observer <- 1 // want `send on mq.observer may block forever`
			}
		case <-mq.done:
			return
		}
	}
}

func (mq *MessageQueue) transmit(msg string) {}
