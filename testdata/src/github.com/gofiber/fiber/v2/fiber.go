// Package fiber is a stub of github.com/gofiber/fiber/v2 for tests.
package fiber

import "context"

type Ctx struct{ ctx context.Context }

func (c *Ctx) UserContext() context.Context { return c.ctx }

type Handler = func(*Ctx) error

type App struct{}

func New() *App { return &App{} }

func (a *App) Post(path string, handlers ...Handler) {}
