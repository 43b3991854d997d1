// Package frameworks serves the same job queue through every framework
// hotblock knows: gin, echo v4 and v5, fiber v2 and v3, chi middleware,
// gRPC (unary and streaming) and connect. Each handler is a root: a bare
// send to the queue is flagged, a send bounded by the request's context
// is not.
package frameworks

import (
	"context"
	"net/http"

	"connectrpc.com/connect"
	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	fiber2 "github.com/gofiber/fiber/v2"
	fiber3 "github.com/gofiber/fiber/v3"
	echo4 "github.com/labstack/echo/v4"
	echo5 "github.com/labstack/echo/v5"
	"google.golang.org/grpc"

	"greeterpb"
)

type Service struct{ jobs chan string }

func (s *Service) ginSubmit(c *gin.Context) {
	s.jobs <- c.Request.URL.Path // want `send: send on s.jobs may block forever: .* \(gin handler \(\*Service\).ginSubmit\); add a case <-c.Request.Context\(\).Done\(\)`
}

func (s *Service) ginSubmitBounded(c *gin.Context) {
	select {
	case s.jobs <- c.Request.URL.Path:
	case <-c.Request.Context().Done():
	}
}

func (s *Service) echo4Submit(c echo4.Context) error {
	s.jobs <- "echo4" // want `send: .* \(echo handler \(\*Service\).echo4Submit\); add a case <-c.Request\(\).Context\(\).Done\(\)`
	return nil
}

func (s *Service) echo5Submit(c *echo5.Context) error {
	s.jobs <- "echo5" // want `send: .* \(echo handler \(\*Service\).echo5Submit\)`
	return nil
}

func (s *Service) fiber2Submit(c *fiber2.Ctx) error {
	s.jobs <- "fiber2" // want `send: .* \(fiber handler \(\*Service\).fiber2Submit\); add a case <-c.UserContext\(\).Done\(\)`
	return nil
}

func (s *Service) fiber3Submit(c fiber3.Ctx) error {
	select {
	case s.jobs <- "fiber3":
	case <-c.Context().Done():
	}
	return nil
}

func (s *Service) fiber3Detached(c fiber3.Ctx) error {
	s.jobs <- "fiber3" // want `send: .* \(fiber handler \(\*Service\).fiber3Detached\); add a case <-c.Context\(\).Done\(\)`
	return nil
}

// Routes registers the handlers; the literals are handlers too.
func (s *Service) Routes() {
	g := gin.New()
	g.POST("/jobs", func(c *gin.Context) {
		s.jobs <- "literal" // want `send: .* \(gin handler for "/jobs"\)`
	})
	app := fiber2.New()
	app.Post("/jobs", s.fiber2Submit)

	r := chi.NewRouter()
	r.Use(s.audit)
	r.Get("/jobs", func(w http.ResponseWriter, r *http.Request) {})
}

// audit is chi middleware; the handler it returns is a root.
func (s *Service) audit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.jobs <- r.URL.Path // want `send: .* \(HTTP handler \(\*Service\).audit.func1\)`
		next.ServeHTTP(w, r)
	})
}

// greeter implements the generated gRPC service.
type greeter struct {
	greeterpb.UnimplementedGreeterServer
	jobs chan string
}

func (g *greeter) SayHello(ctx context.Context, req *greeterpb.HelloRequest) (*greeterpb.HelloReply, error) { // want SayHello:"may block forever: send on g.jobs"
	g.jobs <- req.Name // want `send: .* \(gRPC method \(\*greeter\).SayHello\); add a case <-ctx.Done\(\)`
	return &greeterpb.HelloReply{}, nil
}

func (g *greeter) Chat(stream greeterpb.Greeter_ChatServer) error {
	select {
	case g.jobs <- "chat":
	case <-stream.Context().Done():
	}
	return nil
}

// record is a helper of the same type, not a service method: not a root.
func (g *greeter) record(name string) {
	g.jobs <- name
}

// Publish calls generated code that waits: flagged here.
func (g *greeter) publish(w http.ResponseWriter, r *http.Request) {
	greeterpb.Publish(r.URL.Path) // want `call: call to greeterpb.Publish may block forever`
}

func Serve() {
	srv := grpc.NewServer()
	greeterpb.RegisterGreeterServer(srv, &greeter{})
}

type JobRequest struct{ Name string }

type JobReply struct{}

// jobs is a connect service.
type jobs struct{ queue chan string }

func (j *jobs) Submit(ctx context.Context, req *connect.Request[JobRequest]) (*connect.Response[JobReply], error) { // want Submit:"may block forever: send on j.queue"
	j.queue <- req.Msg.Name // want `send: .* \(connect handler \(\*jobs\).Submit\); add a case <-ctx.Done\(\)`
	return connect.NewResponse(&JobReply{}), nil
}

func (j *jobs) Watch(ctx context.Context, req *connect.Request[JobRequest], stream *connect.ServerStream[JobReply]) error { // want Watch:"blocks until parameter 0 is done"
	select {
	case j.queue <- req.Msg.Name:
	case <-ctx.Done():
	}
	return nil
}
