// Package echo is a stub of github.com/labstack/echo/v5 for tests.
package echo

import "net/http"

type Context struct{ request *http.Request }

func (c *Context) Request() *http.Request { return c.request }

type HandlerFunc func(c *Context) error
