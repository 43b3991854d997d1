// Package gin is a stub of github.com/gin-gonic/gin for tests.
package gin

import "net/http"

type Context struct{ Request *http.Request }

type HandlerFunc func(*Context)

type Engine struct{}

func New() *Engine { return &Engine{} }

func (e *Engine) POST(path string, handlers ...HandlerFunc) {}

func (c *Context) Param(key string) string { return "" }

func (c *Context) AbortWithStatus(code int) {}
