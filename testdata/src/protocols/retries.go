package protocols

import "errors"

// R2 with the answer inside a retry loop: each request carries a result
// slot with room for its one answer, and the worker tries mirror after
// mirror, answering only on the way out of its retry loop (boxo's HTTP
// workers). A worker that reports every attempt answers as often as it
// tries, and its second report waits forever on a slot with room for one.
type fetchRequest struct {
	key    string
	result chan fetchResult
}

type fetchResult struct {
	body []byte
	err  error
}

type MirrorFetcher struct {
	requests chan fetchRequest
	attempts chan fetchRequest
	closing  chan struct{}
	mirrors  []string
}

var errClosing = errors.New("fetcher closing")

func (f *MirrorFetcher) Fetch(key string) fetchResult {
	return f.ask(f.requests, key)
}

func (f *MirrorFetcher) FetchEach(key string) fetchResult {
	return f.ask(f.attempts, key)
}

func (f *MirrorFetcher) ask(q chan fetchRequest, key string) fetchResult {
	req := fetchRequest{key: key, result: make(chan fetchResult, 1)}
	select {
	case q <- req:
	case <-f.closing:
		return fetchResult{err: errClosing}
	}
	select {
	case r := <-req.result:
		return r
	case <-f.closing:
		return fetchResult{err: errClosing}
	}
}

func (f *MirrorFetcher) worker() {
	for {
		select {
		case <-f.closing:
			return
		case req := <-f.requests:
			tried := 0
			for {
				if tried == len(f.mirrors) {
					req.result <- fetchResult{err: errors.New("no mirror left")}
					break
				}
				body, err := f.get(f.mirrors[tried], req.key)
				tried++
				if err != nil {
					continue
				}
				req.result <- fetchResult{body: body}
				break
			}
		case req := <-f.attempts:
			for _, m := range f.mirrors {
				body, err := f.get(m, req.key)
				req.result <- fetchResult{body: body, err: err} // want `send on req.result may block forever`
				if err == nil {
					break
				}
			}
		}
	}
}

func (f *MirrorFetcher) get(mirror, key string) ([]byte, error) {
	if mirror == "" {
		return nil, errors.New("no mirror")
	}
	return []byte(key), nil
}
