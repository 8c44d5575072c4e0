package ledger

import (
	"fmt"

	"golang.org/x/mod/sumdb/note"
)

// SignNote signs text (which must end in a newline) as a C2SP signed note
// with s's key: a detached signature over something other than a
// checkpoint, such as the digests of an issued document (package
// document). The note's text says what it is, so a signature cannot be
// taken for a checkpoint's.
func (s *Signer) SignNote(text string) ([]byte, error) {
	msg, err := note.Sign(&note.Note{Text: text}, s.signer)
	if err != nil {
		return nil, fmt.Errorf("签署失败:%w", err)
	}
	return msg, nil
}
