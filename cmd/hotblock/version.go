package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// printVersion answers -V and -V=full, and reports whether it did.
//
// go vet asks a vet tool for -V=full and keys its cache on the answer: a
// "devel" version must end with buildID=<hash of the executable>, so that
// a rebuilt tool invalidates the cache. singlechecker answers the same
// way; this adds the module version in the free-form middle, so that a
// user can tell which hotblock they run.
func printVersion(args []string) bool {
	if len(args) != 1 || (args[0] != "-V=full" && args[0] != "-V" && args[0] != "--V=full") {
		return false
	}
	version := moduleVersion()
	if args[0] == "-V" {
		fmt.Printf("hotblock version %s\n", version)
		return true
	}
	id, err := executableID()
	if err != nil {
		fmt.Fprintf(os.Stderr, "hotblock: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("hotblock version devel %s buildID=%x\n", version, id)
	return true
}

// moduleVersion returns the version of the hotblock module this binary
// was built from: a tag when installed with go install ...@version, else
// the VCS revision if known, else "(devel)".
func moduleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "(devel " + s.Value[:12] + ")"
		}
	}
	return "(devel)"
}

// executableID hashes the running executable.
func executableID() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}
