package protocols

import "net/http"

// B1 through a constructor and a feed method: the pipeline is made with
// room for one receipt per transaction, and the processor feeds it once
// per transaction, and the final summary once.
type stage[In any] struct {
	in   chan In
	done chan struct{}
}

type digestPipeline struct {
	receipts stage[string]
	summary  stage[int]
}

func newDigestPipeline(txs int) *digestPipeline {
	p := &digestPipeline{
		receipts: stage[string]{in: make(chan string, txs), done: make(chan struct{})},
		summary:  stage[int]{in: make(chan int, 1), done: make(chan struct{})},
	}
	go p.run(txs)
	return p
}

func (p *digestPipeline) run(txs int) {
	for range txs {
		if _, ok := <-p.receipts.in; !ok {
			return
		}
	}
	close(p.receipts.done)
	<-p.summary.in
	close(p.summary.done)
}

func (p *digestPipeline) feedReceipt(r string) { p.receipts.in <- r }

func (p *digestPipeline) feedSummary(n int) { p.summary.in <- n }

func process(w http.ResponseWriter, r *http.Request) {
	txs := r.URL.Query()["tx"]
	pipeline := newDigestPipeline(len(txs))
	for _, tx := range txs {
		pipeline.feedReceipt(tx)
	}
	pipeline.feedSummary(len(txs))
}

// Fed twice per transaction, the buffer is too small.
type auditPipeline struct {
	entries stage[string]
}

func newAuditPipeline(n int) *auditPipeline {
	return &auditPipeline{entries: stage[string]{in: make(chan string, n)}}
}

func (p *auditPipeline) feed(e string) {
	p.entries.in <- e // want `send on p.entries.in may block forever`
}

func audit(w http.ResponseWriter, r *http.Request) {
	txs := r.URL.Query()["tx"]
	pipeline := newAuditPipeline(len(txs))
	for _, tx := range txs {
		pipeline.feed("begin " + tx)
		pipeline.feed("end " + tx)
	}
}
