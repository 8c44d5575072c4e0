package ledger

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// EventVersion is the value of the "v" field of every encoded event. A new
// encoding gets a new version; old leaves keep theirs forever.
const EventVersion = 1

// MaxEventSize is the largest encoded event, in bytes. It is 64 KiB less one
// byte because tlog-tiles entry bundles prefix each entry with a uint16 length.
const MaxEventSize = 1<<16 - 1

// Event is one leaf of the log: what changed, on which object, by whom, when,
// and digests of the content. It must carry no personal data (see the package
// documentation): only ids, types, states, codes and digests.
type Event struct {
	Type   string            // e.g. "case.opened", "user.login_failed"
	Object string            // e.g. "case/42", "user/7"
	Agency string            // agency id as string, "" if none
	Actor  string            // "user/7", "system", "public"
	Time   time.Time         // server time; encoded in UTC, RFC 3339 with nanoseconds
	Digest string            // "sha256:<hex>" of the record's canonical content, may be ""
	Files  []string          // "sha256:<hex>" of attached files
	Prev   int64             // index of the previous event of the same object; -1 if none
	Attrs  map[string]string // small non-personal attributes (ids, states, codes)
}

// wireEvent is Event as encoded. Its fields are declared in sorted key order
// so that encoding/json writes sorted keys; maps are sorted by encoding/json.
type wireEvent struct {
	Actor  string            `json:"actor"`
	Agency string            `json:"agency,omitempty"`
	Attrs  map[string]string `json:"attrs,omitempty"`
	Digest string            `json:"digest,omitempty"`
	Files  []string          `json:"files,omitempty"`
	Object string            `json:"object"`
	Prev   *int64            `json:"prev,omitempty"`
	Time   string            `json:"time,omitempty"`
	Type   string            `json:"type"`
	V      int               `json:"v"`
}

// Encode returns the canonical encoding of e: JSON with sorted keys, no
// insignificant whitespace, a "v":1 version field, empty fields omitted
// (Prev when negative, Time when zero). The same event always encodes to the
// same bytes. Encode fails if Type, Object or Actor is empty, if Digest or a
// file digest is not "sha256:" and 64 lower-case hex digits, if Prev < -1, or
// if the result exceeds MaxEventSize.
func (e Event) Encode() ([]byte, error) {
	switch {
	case e.Type == "":
		return nil, errors.New("ledger: event has no type")
	case e.Object == "":
		return nil, errors.New("ledger: event has no object")
	case e.Actor == "":
		return nil, errors.New("ledger: event has no actor")
	case e.Prev < -1:
		return nil, fmt.Errorf("ledger: event prev %d < -1", e.Prev)
	}
	if e.Digest != "" && !validDigest(e.Digest) {
		return nil, fmt.Errorf("ledger: event digest %q is not sha256:<hex>", e.Digest)
	}
	for _, f := range e.Files {
		if !validDigest(f) {
			return nil, fmt.Errorf("ledger: event file digest %q is not sha256:<hex>", f)
		}
	}
	w := wireEvent{
		Actor:  e.Actor,
		Agency: e.Agency,
		Attrs:  e.Attrs,
		Digest: e.Digest,
		Files:  e.Files,
		Object: e.Object,
		Type:   e.Type,
		V:      EventVersion,
	}
	if e.Prev >= 0 {
		prev := e.Prev
		w.Prev = &prev
	}
	if !e.Time.IsZero() {
		w.Time = e.Time.UTC().Format(time.RFC3339Nano)
	}
	b, err := marshalCanonical(w)
	if err != nil {
		return nil, fmt.Errorf("ledger: encode event: %w", err)
	}
	if len(b) > MaxEventSize {
		return nil, fmt.Errorf("ledger: encoded event is %d bytes, more than %d", len(b), MaxEventSize)
	}
	return b, nil
}

// DecodeEvent parses an encoded event. It accepts only canonical encodings,
// exactly as Encode writes them (so Encode(DecodeEvent(b)) == b): unknown
// fields, another version, reordered keys, extra whitespace or duplicate keys
// are errors.
func DecodeEvent(b []byte) (Event, error) {
	if len(b) > MaxEventSize {
		return Event{}, fmt.Errorf("ledger: event is %d bytes, more than %d", len(b), MaxEventSize)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var w wireEvent
	if err := dec.Decode(&w); err != nil {
		return Event{}, fmt.Errorf("ledger: decode event: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Event{}, errors.New("ledger: decode event: trailing data")
	}
	if w.V != EventVersion {
		return Event{}, fmt.Errorf("ledger: decode event: unsupported version %d", w.V)
	}
	e := Event{
		Type:   w.Type,
		Object: w.Object,
		Agency: w.Agency,
		Actor:  w.Actor,
		Digest: w.Digest,
		Files:  w.Files,
		Prev:   -1,
		Attrs:  w.Attrs,
	}
	if w.Prev != nil {
		e.Prev = *w.Prev
	}
	if w.Time != "" {
		t, err := time.Parse(time.RFC3339Nano, w.Time)
		if err != nil {
			return Event{}, fmt.Errorf("ledger: decode event: time: %w", err)
		}
		e.Time = t.UTC()
	}
	again, err := e.Encode()
	if err != nil {
		return Event{}, fmt.Errorf("ledger: decode event: %w", err)
	}
	if !bytes.Equal(again, b) {
		return Event{}, errors.New("ledger: decode event: not in canonical form")
	}
	return e, nil
}

// ContentDigest returns "sha256:" and the hex SHA-256 of the canonical JSON
// of v: v is marshalled with encoding/json, then decoded and re-encoded
// through generic maps so that every object's keys are sorted, with no
// insignificant whitespace and numbers kept as written. Services use it to
// digest a record's content for Event.Digest; the record itself stays in the
// database, only its digest goes to the public log.
func ContentDigest(v any) (string, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("ledger: content digest: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return "", fmt.Errorf("ledger: content digest: %w", err)
	}
	b, err := marshalCanonical(generic)
	if err != nil {
		return "", fmt.Errorf("ledger: content digest: %w", err)
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// marshalCanonical is json.Marshal without HTML escaping (so "<" stays "<")
// and without the trailing newline of json.Encoder.
func marshalCanonical(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func validDigest(s string) bool {
	const prefix = "sha256:"
	if len(s) != len(prefix)+64 || s[:len(prefix)] != prefix {
		return false
	}
	for _, c := range s[len(prefix):] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
