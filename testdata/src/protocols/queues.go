package protocols

import "net/http"

// A client's outbound queue is no reply slot: the client travels over
// the register channel like a request, but its send channel, made with
// room for fifty, takes one message per call; once the client's writer
// is stuck it fills, and the handler waits forever (btcd's websocket
// clients).
type wsClient struct{ sendChan chan []byte }

type WSManager struct{ register chan *wsClient }

func (m *WSManager) serveWS(w http.ResponseWriter, r *http.Request) {
	c := &wsClient{sendChan: make(chan []byte, 50)}
	m.register <- c // want `send on m.register may block forever`
	c.sendMessage([]byte("hello"))
}

func (c *wsClient) sendMessage(b []byte) {
	c.sendChan <- b // want `send on c.sendChan may block forever`
}
