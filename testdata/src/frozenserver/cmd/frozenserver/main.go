// Command frozenserver runs the frozen transcription server in one of its
// four forms, to watch the incident happen and the fixes hold:
//
//	frozenserver -arch=eventloop -addr=127.0.0.1:8080 -heartbeat=2s
//
// -arch picks threaded or eventloop (broken) or threadedfixed or
// eventloopfixed. GET /transcribe queues a job; GET /transcribe?block=true
// first pauses the worker and fills the queue, as in the incident; GET
// /healthz answers "ok". A heartbeat goroutine logs "heartbeat" every
// -heartbeat period: in the broken event-loop form it goes on while every
// request hangs. The server logs to stderr, starting with the address it
// listens on.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"frozenserver/eventloop"
	"frozenserver/eventloopfixed"
	"frozenserver/threaded"
	"frozenserver/threadedfixed"
)

// A server is one form of the transcription service.
type server interface {
	http.Handler
	// Start starts the server's goroutines, which run until ctx is done.
	Start(ctx context.Context)
}

// newServer returns the server of architecture arch.
func newServer(arch string, logger *log.Logger) (server, error) {
	switch arch {
	case "threaded":
		return threaded.New(logger), nil
	case "threadedfixed":
		return threadedfixed.New(logger), nil
	case "eventloop":
		return eventloop.New(logger), nil
	case "eventloopfixed":
		return eventloopfixed.New(logger), nil
	}
	return nil, fmt.Errorf("unknown -arch %q: want threaded, eventloop, threadedfixed or eventloopfixed", arch)
}

func main() {
	arch := flag.String("arch", "eventloop", "server architecture: threaded, eventloop, threadedfixed or eventloopfixed")
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	period := flag.Duration("heartbeat", 2*time.Second, "period of the heartbeat log line")
	flag.Parse()

	logger := log.New(os.Stderr, "", log.LstdFlags|log.Lmicroseconds)
	if err := run(*arch, *addr, *period, logger); err != nil {
		logger.Fatal(err)
	}
}

// run serves until SIGINT or SIGTERM.
func run(arch, addr string, period time.Duration, logger *log.Logger) error {
	srv, err := newServer(arch, logger)
	if err != nil {
		return err
	}
	if period <= 0 {
		return fmt.Errorf("-heartbeat must be positive, not %v", period)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv.Start(ctx)
	go heartbeat(ctx, period, logger)

	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          logger,
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	logger.Printf("%s server listening on %s", arch, ln.Addr())
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}

	// Handlers stuck in the broken forms never return: give up on them
	// after a while rather than wait forever.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// heartbeat logs "heartbeat" every period until ctx is done, as the
// original server's heartbeat thread did: proof that the process is
// alive, not that it serves.
func heartbeat(ctx context.Context, period time.Duration, logger *log.Logger) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			logger.Printf("heartbeat")
		case <-ctx.Done():
			return
		}
	}
}
