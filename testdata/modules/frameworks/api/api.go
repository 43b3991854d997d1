// Package api serves one job queue through the real gin, echo v4 and v5,
// fiber v2 and v3, chi, gRPC and connect modules: each handler does a
// bare send on the queue, and hotblock must recognise every one of them
// as a root by its framework's types.
package api

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

	"example.com/frameworks/pb"
)

// Queue is the job queue every handler feeds.
type Queue struct{ jobs chan string }

func (q *Queue) gin(c *gin.Context)                         { q.jobs <- "gin" }
func (q *Queue) echo4(c echo4.Context) error                { q.jobs <- "echo4"; return nil }
func (q *Queue) echo5(c *echo5.Context) error               { q.jobs <- "echo5"; return nil }
func (q *Queue) fiber2(c *fiber2.Ctx) error                 { q.jobs <- "fiber2"; return nil }
func (q *Queue) fiber3(c fiber3.Ctx) error                  { q.jobs <- "fiber3"; return nil }
func (q *Queue) chi(w http.ResponseWriter, r *http.Request) { q.jobs <- "chi" }

// bounded is the fix, for contrast: not flagged.
func (q *Queue) bounded(c *gin.Context) {
	select {
	case q.jobs <- "bounded":
	case <-c.Request.Context().Done():
	}
}

// Routes registers every handler with its framework.
func (q *Queue) Routes() {
	g := gin.New()
	g.POST("/gin", q.gin, q.bounded)
	e4 := echo4.New()
	e4.POST("/echo4", q.echo4)
	e5 := echo5.New()
	e5.POST("/echo5", q.echo5)
	f2 := fiber2.New()
	f2.Post("/fiber2", q.fiber2)
	f3 := fiber3.New()
	f3.Post("/fiber3", q.fiber3)
	r := chi.NewRouter()
	r.Post("/chi", q.chi)
	srv := grpc.NewServer()
	pb.RegisterJobsServer(srv, &jobsServer{q: q})
}

type jobsServer struct {
	pb.UnimplementedJobsServer
	q *Queue
}

func (s *jobsServer) Submit(ctx context.Context, req *pb.SubmitRequest) (*pb.SubmitReply, error) {
	s.q.jobs <- req.Name
	return &pb.SubmitReply{}, nil
}

type JobRequest struct{ Name string }

type JobReply struct{}

// connectJobs is a connect-go service.
type connectJobs struct{ q *Queue }

func (c *connectJobs) Submit(ctx context.Context, req *connect.Request[JobRequest]) (*connect.Response[JobReply], error) {
	c.q.jobs <- req.Msg.Name
	return connect.NewResponse(&JobReply{}), nil
}
