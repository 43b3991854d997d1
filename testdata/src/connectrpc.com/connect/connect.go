// Package connect is a stub of connectrpc.com/connect for tests.
package connect

type Request[T any] struct{ Msg *T }

type Response[T any] struct{ Msg *T }

type ServerStream[T any] struct{}

func NewResponse[T any](msg *T) *Response[T] { return &Response[T]{Msg: msg} }
