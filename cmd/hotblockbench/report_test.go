package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestMedianIgnoresOutliers(t *testing.T) {
	samples := []sample{{wall: 9 * time.Second}, {wall: time.Second}, {wall: 2 * time.Second}}
	assert.Equal(t, 2*time.Second, median(samples, func(s sample) time.Duration { return s.wall }))
}

// TestReportRatiosAgainstTheFloorOfTheSameDriver checks that each row is
// divided by the floor measured under its own driver, standalone first.
func TestReportRatiosAgainstTheFloorOfTheSameDriver(t *testing.T) {
	mib := int64(1024)
	results := []*result{
		{driver: "go vet", tool: "floor", samples: []sample{{wall: 4 * time.Second, cpu: 8 * time.Second, rssKiB: 100 * mib}}},
		{driver: "go vet", tool: "hotblock", samples: []sample{{wall: 5 * time.Second, cpu: 10 * time.Second, rssKiB: 110 * mib}}},
		{driver: "standalone", tool: "floor", samples: []sample{{wall: 2 * time.Second, cpu: 2 * time.Second, rssKiB: 400 * mib}}},
		{driver: "standalone", tool: "hotblock", samples: []sample{{wall: 2 * time.Second, cpu: 3 * time.Second, rssKiB: 400 * mib}}},
	}
	var b strings.Builder
	writeCorpus(&b, corpus{name: "demo"}, results)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	assert.Equal(t, "| standalone | floor | 2.00 s | 2.00 s | 400 MiB | 1.00× | 1.00× | 1.00× |", lines[4])
	assert.Equal(t, "| standalone | hotblock | 2.00 s | 3.00 s | 400 MiB | 1.00× | 1.50× | 1.00× |", lines[5])
	assert.Equal(t, "| go vet | hotblock | 5.00 s | 10.00 s | 110 MiB | 1.25× | 1.25× | 1.10× |", lines[7])
}
