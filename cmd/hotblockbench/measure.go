package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// A sample is one measured run.
type sample struct {
	wall, cpu time.Duration
	rssKiB    int64
	exit      int
}

// A result is the samples of one tool under one driver on one corpus.
type result struct {
	driver, tool string
	samples      []sample
}

// measureCorpus warms a build cache for the corpus, then measures every
// tool under every driver runs times, interleaved so that the machine's
// noise spreads over all of them.
func measureCorpus(c corpus, tools []tool, runs int, work string) ([]*result, error) {
	warmCache := filepath.Join(work, "cache-warm")
	os.RemoveAll(warmCache)
	env := []string{"GOCACHE=" + warmCache}
	log.Printf("%s: warming the build cache", c.name)
	// Export data for go vet and for the drivers that load it.
	_, _ = goCmd(c.dir, env, append([]string{"vet", "-vettool=" + warmer(work)}, c.patterns...)...)
	if _, err := goCmd(c.dir, env, append([]string{"list", "-export", "-deps", "-test"}, c.patterns...)...); err != nil {
		return nil, fmt.Errorf("warming the cache: %w", err)
	}

	var results []*result
	type job struct {
		r    *result
		args []string
	}
	var jobs []job
	for _, t := range tools {
		if t.standalone != nil {
			r := &result{driver: "standalone", tool: t.name}
			results = append(results, r)
			jobs = append(jobs, job{r, append(append([]string(nil), t.standalone...), c.patterns...)})
		}
		if t.vetOK {
			args := []string{"go", "vet"}
			if t.vet != "" {
				args = append(args, "-vettool="+t.vet)
			}
			r := &result{driver: "go vet", tool: t.name}
			results = append(results, r)
			jobs = append(jobs, job{r, append(args, c.patterns...)})
		}
	}
	for i := range runs {
		for k := range jobs {
			j := jobs[(k+i)%len(jobs)] // rotate the order run after run
			s, err := measureOnce(c.dir, warmCache, filepath.Join(work, "cache-run"), j.args)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", strings.Join(j.args, " "), err)
			}
			log.Printf("%s: %s, %s: %v wall, %v CPU, %d MiB", c.name, j.r.driver, j.r.tool, s.wall.Round(time.Millisecond), s.cpu.Round(time.Millisecond), s.rssKiB/1024)
			j.r.samples = append(j.r.samples, s)
		}
	}
	return results, nil
}

// measureOnce runs args in dir with a fresh copy of the warm cache and
// returns its wall time, CPU time (user and system, its descendants
// included) and peak resident memory (the largest of its processes).
func measureOnce(dir, warmCache, runCache string, args []string) (sample, error) {
	os.RemoveAll(runCache)
	if err := exec.Command("cp", "-a", warmCache, runCache).Run(); err != nil {
		return sample{}, fmt.Errorf("copying the warm cache: %w", err)
	}
	defer os.RemoveAll(runCache)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	// staticcheck keeps a cache of its own: give it a fresh one too.
	cmd.Env = append(os.Environ(), "GOCACHE="+runCache, "STATICCHECK_CACHE="+filepath.Join(runCache, "staticcheck"),
		"GOFLAGS=-mod=mod -buildvcs=false", "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return sample{}, err
	}
	if out := stderr.String(); strings.Contains(out, "internal error") || strings.Contains(out, "panic:") {
		return sample{}, fmt.Errorf("crashed:\n%s", out)
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 && code != 1 && code != 3 || strings.Contains(stderr.String(), "setup failed") {
		// 1 and 3 are "found something"; anything else did not analyze.
		return sample{}, fmt.Errorf("failed (exit %d):\n%s", code, stderr.String())
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return sample{
		wall:   wall,
		cpu:    time.Duration(ru.Utime.Nano() + ru.Stime.Nano()),
		rssKiB: ru.Maxrss,
		exit:   cmd.ProcessState.ExitCode(),
	}, nil
}

// median returns the median of the samples' field f.
func median[T int64 | time.Duration](samples []sample, f func(sample) T) T {
	vals := make([]T, len(samples))
	for i, s := range samples {
		vals[i] = f(s)
	}
	slices.Sort(vals)
	return vals[len(vals)/2]
}
