// Package commands is a document service whose handlers shell out to
// converters: with the exec check on, each command made without a
// context and run on a handler's path is flagged, since nothing kills a
// converter that never exits; the same command made with the request's
// context, or run on a goroutine of its own, is not.
package commands

import (
	"context"
	"net/http"
	"os/exec"
	"time"
)

type Converter struct {
	bin string
}

// PDF hides the wait from its callers.
func (c *Converter) PDF(src string) ([]byte, error) { // want PDF:"may block forever: call to exec.\\(\\*Cmd\\).Output on a value made by os/exec.Command at commands.go:21"
	return exec.Command(c.bin, "-o", "-", src).Output() // want `exec: call to exec.\(\*Cmd\).Output on a value made by os/exec.Command may block forever: the command may never exit, and nothing kills it \(HTTP handler \(\*API\).export → \(\*Converter\).PDF\)`
}

// PDFContext is PDF bounded by ctx.
func (c *Converter) PDFContext(ctx context.Context, src string) ([]byte, error) { // want PDFContext:"blocks until parameter 0 is done"
	return exec.CommandContext(ctx, c.bin, "-o", "-", src).Output()
}

type API struct {
	conv *Converter
}

func (a *API) export(w http.ResponseWriter, r *http.Request) {
	out, err := a.conv.PDF(r.URL.Query().Get("doc"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}

func (a *API) exportBounded(w http.ResponseWriter, r *http.Request) {
	out, err := a.conv.PDFContext(r.Context(), r.URL.Query().Get("doc"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}

func (a *API) thumbnail(w http.ResponseWriter, r *http.Request) {
	cmd := exec.Command("convert", "in.png", "-resize", "64x64", "out.png")
	if err := cmd.Start(); err != nil {
		return
	}
	_ = cmd.Wait() // want `exec: call to exec.\(\*Cmd\).Wait on a value made by os/exec.Command may block forever`

	_, _ = exec.Command("optipng", "out.png").CombinedOutput() // want `exec: call to exec.\(\*Cmd\).CombinedOutput on a value made by os/exec.Command may block forever`
	_ = exec.Command("sync").Run()                             // want `exec: call to exec.\(\*Cmd\).Run on a value made by os/exec.Command may block forever`
}

func (a *API) thumbnailBounded(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	_ = exec.CommandContext(ctx, "convert", "in.png", "out.png").Run()
	_ = exec.CommandContext(r.Context(), "optipng", "out.png").Run()
}

func (a *API) reindex(w http.ResponseWriter, r *http.Request) {
	// The indexer runs on its own goroutine: the handler answers at once.
	go exec.Command("reindex", "--all").Run()
	w.WriteHeader(http.StatusAccepted)
}

func (a *API) detached(w http.ResponseWriter, r *http.Request) {
	// Given a context that is never done, the command is the ctx check's.
	_ = exec.CommandContext(context.Background(), "sync").Run() // want `ctx: call to exec.\(\*Cmd\).Run with context.Background\(\) may block forever`
}

func (a *API) Routes(mux *http.ServeMux) {
	mux.HandleFunc("/export", a.export)
	mux.HandleFunc("/export2", a.exportBounded)
	mux.HandleFunc("/thumb", a.thumbnail)
	mux.HandleFunc("/thumb2", a.thumbnailBounded)
	mux.HandleFunc("/reindex", a.reindex)
	mux.HandleFunc("/detached", a.detached)
}
