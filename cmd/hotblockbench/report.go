package main

import (
	"cmp"
	"fmt"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"
)

// writeHeader describes the run: when, on what, how many samples.
func writeHeader(b *strings.Builder, runs int) {
	goVersion, _ := exec.Command("go", "version").Output()
	fmt.Fprintf(b, "Measured %s on %s, %d CPUs, %s; median of %d runs per row.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), cpuModel(), runtime.NumCPU(), strings.TrimSpace(string(goVersion)), runs)
}

// writeCorpus writes one corpus's table: each tool under each driver,
// with ratios to the floor of the same driver.
func writeCorpus(b *strings.Builder, c corpus, results []*result) {
	fmt.Fprintf(b, "### %s\n\n", c.name)
	b.WriteString("| driver | tool | wall | CPU | peak RSS | wall / floor | CPU / floor | RSS / floor |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|\n")
	slices.SortStableFunc(results, func(a, b *result) int {
		return cmp.Compare(driverRank(a.driver), driverRank(b.driver))
	})
	floors := make(map[string]*result)
	for _, r := range results {
		if r.tool == "floor" {
			floors[r.driver] = r
		}
	}
	for _, r := range results {
		wall := median(r.samples, func(s sample) time.Duration { return s.wall })
		cpu := median(r.samples, func(s sample) time.Duration { return s.cpu })
		rss := median(r.samples, func(s sample) int64 { return s.rssKiB })
		f := floors[r.driver]
		fw := median(f.samples, func(s sample) time.Duration { return s.wall })
		fc := median(f.samples, func(s sample) time.Duration { return s.cpu })
		fr := median(f.samples, func(s sample) int64 { return s.rssKiB })
		fmt.Fprintf(b, "| %s | %s | %.2f s | %.2f s | %d MiB | %.2f× | %.2f× | %.2f× |\n",
			r.driver, r.tool, wall.Seconds(), cpu.Seconds(), rss/1024,
			wall.Seconds()/fw.Seconds(), cpu.Seconds()/fc.Seconds(), float64(rss)/float64(fr))
	}
	b.WriteString("\n")
}

// driverRank orders the drivers in tables: standalone first.
func driverRank(driver string) int {
	if driver == "standalone" {
		return 0
	}
	return 1
}

// cpuModel names the processor, from /proc/cpuinfo where there is one.
func cpuModel() string {
	out, err := exec.Command("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").Output()
	if err != nil || len(strings.TrimSpace(string(out))) == 0 {
		return runtime.GOARCH
	}
	return strings.TrimSpace(string(out))
}
