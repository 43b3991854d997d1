package analyzer_test

import (
	"bufio"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/hotblock/hotblock/analyzer"
)

// frozenServerDir holds the Go port of the server hotblock exists for: a
// module of its own (to build and run), and a GOPATH tree of packages
// frozenserver/... (for analysistest).
var frozenServerDir = filepath.Join(testdata, "src", "frozenserver")

// TestFrozenServer runs hotblock over the port: in the broken forms, the
// unbounded Put in /transcribe and the event loop's hand-off are flagged;
// the fixed forms are silent; the queue's and the worker's facts say what
// each call may wait for.
func TestFrozenServer(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata, analyzer.Analyzer, "frozenserver/...")
}

// TestFrozenServerRuns builds the port and runs each of its four forms as
// a real server, reproducing the incident: after /transcribe?block=true
// (worker paused, queue full), the broken event loop freezes, /healthz
// too, while its heartbeat goes on; the broken threaded server hangs only
// that request; both fixed forms answer 503 "queue full" promptly and
// keep serving.
func TestFrozenServerRuns(t *testing.T) {
	t.Parallel()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH: cannot build the frozen server")
	}
	bin := filepath.Join(t.TempDir(), "frozenserver")
	build := exec.Command(goTool, "build", "-o", bin, "./cmd/frozenserver")
	build.Dir = frozenServerDir
	// The port has no dependencies: nothing is downloaded. GOFLAGS
	// replaces the user's, so it repeats -buildvcs=false: the port lives
	// inside this repository, whose VCS state is none of its business.
	build.Env = append(os.Environ(), "GOFLAGS=-mod=mod -buildvcs=false", "GOWORK=off")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build ./cmd/frozenserver:\n%s", out)

	t.Run("eventloop", func(t *testing.T) {
		t.Parallel()
		s := startFrozenServer(t, bin, "eventloop")
		s.requireServing(t)

		s.requireTimeout(t, "/transcribe?block=true")
		beats := s.count("heartbeat")
		s.requireTimeout(t, "/healthz")
		require.Eventually(t, func() bool { return s.count("heartbeat") >= beats+3 }, 3*time.Second, 20*time.Millisecond,
			"the heartbeat should go on while the event loop is frozen; stderr:\n%s", s.stderr())
	})

	t.Run("threaded", func(t *testing.T) {
		t.Parallel()
		s := startFrozenServer(t, bin, "threaded")
		s.requireServing(t)

		s.requireTimeout(t, "/transcribe?block=true")
		s.requireStatus(t, "/healthz", http.StatusOK, "ok")
	})

	for _, arch := range []string{"threadedfixed", "eventloopfixed"} {
		t.Run(arch, func(t *testing.T) {
			t.Parallel()
			s := startFrozenServer(t, bin, arch)
			s.requireServing(t)

			// The answer itself is the proof: the broken forms never give
			// one. No bound on how fast: this machine may be busy.
			s.requireStatus(t, "/transcribe?block=true", http.StatusServiceUnavailable, "queue full")
			s.requireStatus(t, "/healthz", http.StatusOK, "ok")
		})
	}
}

// listeningRE finds the address in the server's "listening on" log line.
var listeningRE = regexp.MustCompile(`listening on (\S+)`)

// A frozenServer is a running frozen server process.
type frozenServer struct {
	arch string
	url  string // http://host:port

	mu    sync.Mutex
	lines []string // logged on stderr so far
}

// startFrozenServer runs bin as the server of architecture arch on a free
// port, with a fast heartbeat, and kills it when the test ends.
func startFrozenServer(t *testing.T, bin, arch string) *frozenServer {
	t.Helper()
	cmd := exec.Command(bin, "-arch="+arch, "-addr=127.0.0.1:0", "-heartbeat=100ms")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())

	s := &frozenServer{arch: arch}
	addr := make(chan string, 1)
	logged := make(chan struct{})
	go func() {
		defer close(logged)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			s.mu.Lock()
			s.lines = append(s.lines, sc.Text())
			s.mu.Unlock()
			if m := listeningRE.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-logged // every read from the pipe is done before Wait closes it
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("%s server's stderr:\n%s", arch, s.stderr())
		}
	})

	select {
	case a := <-addr:
		s.url = "http://" + a
	case <-logged:
		t.Fatalf("%s server exited before listening", arch)
	case <-time.After(5 * time.Second):
		t.Fatalf("%s server did not say where it listens", arch)
	}
	return s
}

// get fetches path, giving up after timeout.
func (s *frozenServer) get(path string, timeout time.Duration) (status int, body string, err error) {
	client := &http.Client{Timeout: timeout}
	resp, err := client.Get(s.url + path)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// requireServing checks that the server answers before the incident.
func (s *frozenServer) requireServing(t *testing.T) {
	t.Helper()
	s.requireStatus(t, "/healthz", http.StatusOK, "ok")
	s.requireStatus(t, "/transcribe", http.StatusAccepted, "queued job-1")
}

// requireStatus checks that path answers, soon, with status and a body
// that contains want.
func (s *frozenServer) requireStatus(t *testing.T, path string, status int, want string) {
	t.Helper()
	code, body, err := s.get(path, 10*time.Second)
	require.NoError(t, err, "%s: GET %s", s.arch, path)
	require.Equal(t, status, code, "%s: GET %s: %s", s.arch, path, body)
	require.Contains(t, body, want, "%s: GET %s", s.arch, path)
}

// requireTimeout checks that path does not answer within half a second.
func (s *frozenServer) requireTimeout(t *testing.T, path string) {
	t.Helper()
	code, body, err := s.get(path, 500*time.Millisecond)
	var uerr *url.Error
	require.True(t, errors.As(err, &uerr) && uerr.Timeout(),
		"%s: GET %s should hang, got status %d %q, error %v", s.arch, path, code, body, err)
}

// count returns how many lines logged so far contain substr.
func (s *frozenServer) count(substr string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, line := range s.lines {
		if strings.Contains(line, substr) {
			n++
		}
	}
	return n
}

// stderr returns what the server has logged so far.
func (s *frozenServer) stderr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.lines, "\n")
}
