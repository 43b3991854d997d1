// Package rate is a stub of golang.org/x/time/rate for tests.
package rate

import "context"

type Limiter struct{}

func (l *Limiter) Wait(ctx context.Context) error { return nil }

func (l *Limiter) WaitN(ctx context.Context, n int) error { return nil }

func (l *Limiter) Allow() bool { return true }
