// Package informers is a Kubernetes provider (the Traefik shape): its
// informer callbacks push every object into a 10-slot channel. client-go
// runs the callbacks on the informer's own dispatch goroutine, so the
// eleventh event wedges the informer.
package informers

import "k8s.io/client-go/tools/cache"

type Provider struct {
	events chan interface{}
}

func NewProvider() *Provider { return &Provider{events: make(chan interface{}, 10)} }

func (p *Provider) watch(informer cache.SharedInformer) {
	informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj interface{}) {
			p.events <- obj // want `send: send on p.events may block forever: .* \(informer callback \(\*Provider\).watch.func1\)`
		},
		UpdateFunc: func(_, obj interface{}) {
			p.events <- obj // want `send: .* \(informer callback \(\*Provider\).watch.func2\)`
		},
		DeleteFunc: p.onDelete,
	})
	informer.AddEventHandler(&handler{events: p.events})
}

func (p *Provider) onDelete(obj interface{}) {
	p.events <- obj // want `send: .* \(informer callback \(\*Provider\).onDelete\)`
}

// watchFixed only signals that something changed, and never waits.
func (p *Provider) watchFixed(informer cache.SharedInformer) {
	signal := func(obj interface{}) {
		select {
		case p.events <- obj:
		default:
		}
	}
	informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    signal,
		DeleteFunc: signal,
	})
}

type handler struct{ events chan interface{} }

func (h *handler) OnAdd(obj interface{}, _ bool) { // want OnAdd:"may block forever: send on h.events"
	h.events <- obj // want `send: .* \(informer callback \(\*handler\).OnAdd\)`
}

func (h *handler) OnUpdate(_, obj interface{}) {
	select {
	case h.events <- obj:
	default:
	}
}

func (h *handler) OnDelete(obj interface{}) {}
