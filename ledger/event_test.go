package ledger

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestEventEncodeGolden(t *testing.T) {
	tests := []struct {
		name string
		e    Event
		want string
	}{
		{
			name: "minimal",
			e:    Event{Type: "user.login_failed", Object: "user/7", Actor: "public", Prev: -1},
			want: `{"actor":"public","object":"user/7","type":"user.login_failed","v":1}`,
		},
		{
			name: "full",
			e: Event{
				Type:   "case.opened",
				Object: "case/42",
				Agency: "3",
				Actor:  "user/7",
				Time:   time.Date(2025, 5, 6, 15, 8, 9, 123456789, time.FixedZone("CST", 8*3600)),
				Digest: "sha256:" + strings.Repeat("ab", 32),
				Files:  []string{"sha256:" + strings.Repeat("01", 32)},
				Prev:   17,
				Attrs:  map[string]string{"state": "opened", "code": "<a&b>"},
			},
			want: `{"actor":"user/7","agency":"3","attrs":{"code":"<a&b>","state":"opened"},` +
				`"digest":"sha256:abababababababababababababababababababababababababababababababab",` +
				`"files":["sha256:0101010101010101010101010101010101010101010101010101010101010101"],` +
				`"object":"case/42","prev":17,"time":"2025-05-06T07:08:09.123456789Z","type":"case.opened","v":1}`,
		},
		{
			name: "prev zero kept, empty slices and maps omitted",
			e:    Event{Type: "t", Object: "o", Actor: "system", Prev: 0, Files: []string{}, Attrs: map[string]string{}},
			want: `{"actor":"system","object":"o","prev":0,"type":"t","v":1}`,
		},
		{
			name: "chinese text not escaped",
			e:    Event{Type: "case.closed", Object: "case/1", Actor: "system", Prev: -1, Attrs: map[string]string{"结果": "结案"}},
			want: `{"actor":"system","attrs":{"结果":"结案"},"object":"case/1","type":"case.closed","v":1}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.e.Encode()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("Encode =\n%s\nwant\n%s", got, tt.want)
			}
			// Deterministic: maps iterate randomly, the encoding must not.
			for range 20 {
				again, _ := tt.e.Encode()
				if string(again) != string(got) {
					t.Fatalf("Encode not deterministic:\n%s\n%s", got, again)
				}
			}
			back, err := DecodeEvent(got)
			if err != nil {
				t.Fatalf("DecodeEvent: %v", err)
			}
			again, err := back.Encode()
			if err != nil || string(again) != string(got) {
				t.Errorf("Encode(DecodeEvent(b)) = %s, %v; want %s", again, err, got)
			}
		})
	}
}

func TestEventRoundTrip(t *testing.T) {
	e := testEvent(5)
	e.Files = []string{"sha256:" + strings.Repeat("0f", 32), "sha256:" + strings.Repeat("f0", 32)}
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeEvent(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, e) {
		t.Errorf("DecodeEvent(Encode(e)) = %+v, want %+v", got, e)
	}
	none := Event{Type: "t", Object: "o", Actor: "a", Prev: -1}
	b, _ = none.Encode()
	got, err = DecodeEvent(b)
	if err != nil || got.Prev != -1 || !got.Time.IsZero() {
		t.Errorf("DecodeEvent(%s) = %+v, %v; want Prev -1, zero time", b, got, err)
	}
}

func TestEventEncodeErrors(t *testing.T) {
	ok := Event{Type: "t", Object: "o", Actor: "a", Prev: -1}
	big := ok
	big.Attrs = map[string]string{"x": strings.Repeat("a", MaxEventSize)}
	justFits := ok
	// {"actor":"a","attrs":{"x":"…"},"object":"o","type":"t","v":1}
	overhead := len(`{"actor":"a","attrs":{"x":""},"object":"o","type":"t","v":1}`)
	justFits.Attrs = map[string]string{"x": strings.Repeat("a", MaxEventSize-overhead)}
	tooBig := ok
	tooBig.Attrs = map[string]string{"x": strings.Repeat("a", MaxEventSize-overhead+1)}
	tests := []struct {
		name    string
		e       Event
		wantErr bool
	}{
		{"ok", ok, false},
		{"no type", Event{Object: "o", Actor: "a", Prev: -1}, true},
		{"no object", Event{Type: "t", Actor: "a", Prev: -1}, true},
		{"no actor", Event{Type: "t", Object: "o", Prev: -1}, true},
		{"prev below -1", Event{Type: "t", Object: "o", Actor: "a", Prev: -2}, true},
		{"bad digest", Event{Type: "t", Object: "o", Actor: "a", Prev: -1, Digest: "md5:00"}, true},
		{"upper-case digest", Event{Type: "t", Object: "o", Actor: "a", Prev: -1, Digest: "sha256:" + strings.Repeat("AB", 32)}, true},
		{"bad file digest", Event{Type: "t", Object: "o", Actor: "a", Prev: -1, Files: []string{"x"}}, true},
		{"way too big", big, true},
		{"exactly the limit", justFits, false},
		{"one byte over", tooBig, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.e.Encode()
			if got := err != nil; got != tt.wantErr {
				t.Fatalf("Encode err = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && len(b) > MaxEventSize {
				t.Errorf("len = %d > %d", len(b), MaxEventSize)
			}
			if tt.name == "exactly the limit" && len(b) != MaxEventSize {
				t.Errorf("len = %d, want %d", len(b), MaxEventSize)
			}
		})
	}
}

func TestDecodeEventRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ``},
		{"not json", `hello`},
		{"array", `[]`},
		{"version 2", `{"actor":"a","object":"o","type":"t","v":2}`},
		{"no version", `{"actor":"a","object":"o","type":"t"}`},
		{"unknown field", `{"actor":"a","name":"张三","object":"o","type":"t","v":1}`},
		{"unsorted", `{"object":"o","actor":"a","type":"t","v":1}`},
		{"whitespace", `{"actor": "a","object":"o","type":"t","v":1}`},
		{"trailing newline", "{\"actor\":\"a\",\"object\":\"o\",\"type\":\"t\",\"v\":1}\n"},
		{"trailing data", `{"actor":"a","object":"o","type":"t","v":1}{}`},
		{"duplicate key", `{"actor":"a","actor":"a","object":"o","type":"t","v":1}`},
		{"capitalised key", `{"Actor":"a","object":"o","type":"t","v":1}`},
		{"non-UTC time", `{"actor":"a","object":"o","time":"2025-01-01T08:00:00+08:00","type":"t","v":1}`},
		{"empty files", `{"actor":"a","files":[],"object":"o","type":"t","v":1}`},
		{"prev -1 written", `{"actor":"a","object":"o","prev":-1,"type":"t","v":1}`},
		{"html escaped", `{"actor":"\u003c","object":"o","type":"t","v":1}`},
		{"missing actor", `{"object":"o","type":"t","v":1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if e, err := DecodeEvent([]byte(tt.in)); err == nil {
				t.Errorf("DecodeEvent(%s) = %+v, want error", tt.in, e)
			}
		})
	}
}

func TestContentDigest(t *testing.T) {
	type rec struct {
		B string `json:"b"`
		A int    `json:"a"`
	}
	// The same content as a struct (fields out of order) and as a map.
	d1, err := ContentDigest(rec{B: "<x>", A: 1})
	if err != nil {
		t.Fatal(err)
	}
	d2, err := ContentDigest(map[string]any{"a": 1, "b": "<x>"})
	if err != nil {
		t.Fatal(err)
	}
	// sha256 of {"a":1,"b":"<x>"}
	want := "sha256:836f01bed2d0b38eadd56d2ce0bada6a9e237f179452b10364f92e5b45ab2d1b"
	if d1 != want || d2 != want {
		t.Errorf("ContentDigest(struct) = %s, ContentDigest(map) = %s; want %s", d1, d2, want)
	}
	d3, _ := ContentDigest(rec{B: "<x>", A: 2})
	if d3 == d1 {
		t.Errorf("different content, same digest %s", d1)
	}
	if _, err := ContentDigest(func() {}); err == nil {
		t.Error("ContentDigest(func) succeeded, want error")
	}
}

func FuzzDecodeEvent(f *testing.F) {
	for i := range 3 {
		b, _ := testEvent(i).Encode()
		f.Add(b)
	}
	f.Add([]byte(`{"actor":"a","object":"o","type":"t","v":1}`))
	f.Add([]byte(`{"actor":"a","attrs":{"结果":"结案"},"object":"o","prev":0,"type":"t","v":1}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := DecodeEvent(b)
		if err != nil {
			return
		}
		got, err := e.Encode()
		if err != nil {
			t.Fatalf("Encode(DecodeEvent(%q)): %v", b, err)
		}
		if string(got) != string(b) {
			t.Fatalf("Encode(DecodeEvent(b)) = %q, want %q", got, b)
		}
		e2, err := DecodeEvent(got)
		if err != nil || !reflect.DeepEqual(e2, e) {
			t.Fatalf("DecodeEvent not stable: %+v, %v; want %+v", e2, err, e)
		}
	})
}
