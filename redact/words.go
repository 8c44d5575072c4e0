package redact

import "strings"

// wordClass says what a context word introduces.
type wordClass uint8

const (
	wOfficer wordClass = iota // officers' names follow: they survive
	wCert                     // an officer's 执法证号 follows: it survives
	wDocNo                    // 〔 opens the year of a 文号
	wPerson                   // another natural person's name follows
	wAddress                  // a home address follows
	wParty                    // 当事人
)

type word struct {
	w     string
	class wordClass
}

// hit is an occurrence of a context word.
type hit struct {
	at   int
	word *word
}

var (
	words     []word
	byFirst   = map[rune][]*word{}
	firstSeen [1 << 16 / 64]uint64 // bitmap of the first runes of words
)

func init() {
	add := func(c wordClass, ws ...string) {
		for _, w := range ws {
			words = append(words, word{w, c})
		}
	}
	add(wOfficer, officerWords...)
	add(wCert, "执法证号", "执法证编号", "执法证件号", "执法证件编号")
	add(wDocNo, "〔") // ［ is folded to [, found by protectPublic
	add(wPerson, personWords...)
	add(wAddress, addressWords...)
	add(wParty, "当事人")
	for i := range words {
		w := &words[i]
		r := []rune(w.w)[0]
		byFirst[r] = append(byFirst[r], w)
		firstSeen[r>>6] |= 1 << (r & 63)
	}
}

// findWords finds every context word in one pass over the text: each
// three-byte rune (all of CJK) is tested against a bitmap of first runes and
// only a hit compares whole words.
func (s *scanner) findWords() {
	t := s.text
	for i := 0; i < len(t); {
		c := t[i]
		if c < 0xE0 || c >= 0xF0 || i+2 >= len(t) {
			i++
			continue
		}
		r := rune(c&0x0F)<<12 | rune(t[i+1]&0x3F)<<6 | rune(t[i+2]&0x3F)
		if firstSeen[r>>6]&(1<<(r&63)) != 0 {
			for _, w := range byFirst[r] {
				if strings.HasPrefix(t[i:], w.w) {
					s.hits = append(s.hits, hit{i, w})
				}
			}
		}
		i += 3
	}
}
