// Package orders keeps the order book of a shop: new orders go to a
// bounded channel drained by the fulfilment worker. Push waits for room
// without bound; PushContext gives up when its context is done.
package orders

import "context"

// Order is one customer order.
type Order struct{ ID string }

// Book is the queue of orders waiting for fulfilment.
type Book struct{ pending chan Order }

// NewBook returns a book with room for n pending orders.
func NewBook(n int) *Book { return &Book{pending: make(chan Order, n)} }

// Push waits for room in the book.
func (b *Book) Push(o Order) { b.add(o) }

func (b *Book) add(o Order) { b.pending <- o }

// PushContext waits for room until ctx is done.
func (b *Book) PushContext(ctx context.Context, o Order) error {
	select {
	case b.pending <- o:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Next returns the next order to fulfil.
func (b *Book) Next() Order { return <-b.pending }
