// Package pool is a feed reader's API on a capped database/sql pool: with
// the pool check on, each handler query that takes no context is
// flagged, since nothing ends its wait for a connection; the same query
// given the request's context is not.
package pool

import (
	"database/sql"
	"net/http"
)

type Store struct {
	db   *sql.DB
	byID *sql.Stmt
}

func Open(dsn string) (*Store, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(20)
	return &Store{db: db}, nil
}

// FeedCount hides the wait from its callers.
func (s *Store) FeedCount(user int) (n int, err error) { // want FeedCount:"may block forever: call to sql.\\(\\*DB\\).QueryRow at pool.go:28"
	err = s.db.QueryRow("SELECT count(*) FROM feeds WHERE user_id = $1", user).Scan(&n) // want `pool: call to sql.\(\*DB\).QueryRow may block forever: it waits for a free connection, without bound once the pool is exhausted \(HTTP handler \(\*API\).counters → \(\*Store\).FeedCount\); use QueryRowContext with the request's context`
	return n, err
}

type API struct {
	store *Store
}

func (a *API) counters(w http.ResponseWriter, r *http.Request) {
	if _, err := a.store.FeedCount(1); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func (a *API) markRead(w http.ResponseWriter, r *http.Request) {
	tx, err := a.store.db.Begin() // want `pool: call to sql.\(\*DB\).Begin may block forever`
	if err != nil {
		return
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE entries SET read = true"); err != nil { // the transaction's own connection
		return
	}
	tx.Commit()
}

func (a *API) entry(w http.ResponseWriter, r *http.Request) {
	_, _ = a.store.db.Prepare("SELECT 1")                                          // want `pool: call to sql.\(\*DB\).Prepare may block forever`
	_, _ = a.store.byID.Exec(1)                                                    // want `pool: call to sql.\(\*Stmt\).Exec may block forever`
	_ = a.store.byID.QueryRow(1)                                                   // want `pool: call to sql.\(\*Stmt\).QueryRow may block forever`
	_ = a.store.byID.QueryRowContext(r.Context(), 1)                               // bounded by the request
	_, _ = a.store.db.ExecContext(r.Context(), "UPDATE feeds SET checked = now()") // bounded by the request
}
