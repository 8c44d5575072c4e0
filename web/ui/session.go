package ui

import (
	"net/http"
	"strings"
	"time"
)

// SessionCookie is the name of the session cookie.
const SessionCookie = "zhifa_session"

// SessionToken returns the session token of a request: the cookie, or an
// "Authorization: Bearer" header for API clients.
func SessionToken(r *http.Request) string {
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		return strings.TrimPrefix(h, "Bearer ")
	}
	if c, err := r.Cookie(SessionCookie); err == nil {
		return c.Value
	}
	return ""
}

// SetSessionCookie sets the session cookie (maxAge < 0 removes it); secure
// marks it Secure.
func SetSessionCookie(w http.ResponseWriter, token string, maxAge int, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode, MaxAge: maxAge})
}

// SessionMaxAge is the cookie's Max-Age for a session of absolute lifetime
// d, so that the browser drops the cookie when the server ends the
// session; 0 (a browser-session cookie) when d is not positive.
func SessionMaxAge(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return int(d.Seconds())
}
