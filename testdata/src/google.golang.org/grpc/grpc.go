// Package grpc is a stub of google.golang.org/grpc for tests.
package grpc

import "context"

type ServiceDesc struct{ ServiceName string }

type ServiceRegistrar interface {
	RegisterService(desc *ServiceDesc, impl any)
}

type ServerStream interface{}

type Server struct{}

func NewServer() *Server { return &Server{} }

func (s *Server) RegisterService(desc *ServiceDesc, impl any) {}

type ClientConn struct{}

func (cc *ClientConn) Invoke(ctx context.Context, method string, args, reply any) error { return nil }

type StreamDesc struct{}

type ClientStream interface{}

func (cc *ClientConn) NewStream(ctx context.Context, desc *StreamDesc, method string) (ClientStream, error) {
	return nil, nil
}
