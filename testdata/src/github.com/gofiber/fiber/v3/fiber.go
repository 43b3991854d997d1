// Package fiber is a stub of github.com/gofiber/fiber/v3 for tests.
package fiber

import "context"

type Ctx interface {
	Context() context.Context
}

type Handler = func(Ctx) error
