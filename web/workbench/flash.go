package workbench

import (
	"encoding/base64"
	"net/http"
	"unicode/utf8"
)

// flash keeps a message across a redirect in a short-lived cookie.
type flash struct{ secure bool } // Secure cookie

const flashCookie = "zhifa_flash"

// setFlash keeps a message for the next page of path (after a redirect).
func (s *flash) setFlash(w http.ResponseWriter, path, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: base64.RawURLEncoding.EncodeToString([]byte(msg)), Path: path,
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode, MaxAge: 60})
}

// takeFlash returns the kept message of path, if any, and forgets it.
func (s *flash) takeFlash(w http.ResponseWriter, r *http.Request, path string) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: path, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || !utf8.Valid(b) || len(b) > 2000 {
		return ""
	}
	return string(b)
}
