package ui

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
)

type actorKey struct{}

// WithActor returns ctx carrying the request's actor (set once, by the
// server's identify middleware).
func WithActor(ctx context.Context, a zhifa.Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom is the request's actor; the public (zero Actor) when none.
func ActorFrom(ctx context.Context) zhifa.Actor {
	a, _ := ctx.Value(actorKey{}).(zhifa.Actor)
	return a
}

// RequireLogin returns the actor, or an EUNAUTHORIZED error for the public.
func RequireLogin(r *http.Request) (zhifa.Actor, error) {
	a := ActorFrom(r.Context())
	return a, access.Check(a, access.WorkbenchEnter, 0)
}

type requestIDKey struct{}

// RequestIDs gives each request an id, in its context and in the
// X-Request-Id header: internal errors quote it to the user and log it.
func RequestIDs(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [6]byte
		rand.Read(b[:])
		id := hex.EncodeToString(b[:])
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// RequestID is the request's id, "-" outside RequestIDs.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	if id == "" {
		return "-"
	}
	return id
}
