package protocols

// R2 for a reply slot shared by a batch: the sender builds one request
// per wanted key, each carrying the same results channel, made with room
// for len(keys) answers, and the workers answer each request once
// (boxo's wantlists). A sender that asks every mirror for every key
// builds more requests than its channel has room for: once it has the
// answers it needs and leaves, the rest wait forever.
type blockRequest struct {
	key    string
	result chan<- blockResult
}

type mirrorRequest struct {
	key    string
	result chan<- blockResult
}

type blockResult struct{ key string }

type Bitswap struct {
	requests chan blockRequest
	mirrored chan mirrorRequest
	closing  chan struct{}
}

func (b *Bitswap) GetBlocks(keys []string) []blockResult {
	results := make(chan blockResult, len(keys))
	sent := 0
	for _, k := range keys {
		req := blockRequest{key: k, result: results}
		select {
		case b.requests <- req:
			sent++
		case <-b.closing:
			return nil
		}
	}
	return b.collect(results, sent)
}

func (b *Bitswap) GetBlocksEverywhere(keys, mirrors []string) []blockResult {
	results := make(chan blockResult, len(keys))
	for _, k := range keys {
		for _, m := range mirrors {
			req := mirrorRequest{key: k + "@" + m, result: results}
			select {
			case b.mirrored <- req:
			case <-b.closing:
				return nil
			}
		}
	}
	return b.collect(results, len(keys))
}

func (b *Bitswap) collect(results chan blockResult, n int) []blockResult {
	out := make([]blockResult, 0, n)
	for range n {
		select {
		case r := <-results:
			out = append(out, r)
		case <-b.closing:
			return out
		}
	}
	return out
}

func (b *Bitswap) worker() {
	for {
		select {
		case <-b.closing:
			return
		case req := <-b.requests:
			req.result <- blockResult{key: req.key}
		case req := <-b.mirrored:
			req.result <- blockResult{key: req.key} // want `send on req.result may block forever`
		}
	}
}
