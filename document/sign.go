package document

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/emmansun/gmsm/sm3"
	"golang.org/x/mod/sumdb/note"
)

// Signer signs the digests of an issued document with the agency's key as
// a detached signed note; *ledger.Signer implements it (the log's Ed25519
// key, whose verifier key is public at /log/key).
type Signer interface {
	SignNote(text string) ([]byte, error)
	VerifierKey() string
}

// signedText is the text the agency signs for d: what it issued, where,
// and the digests of the bytes — never the content.
func signedText(d *Document) string {
	return "zhifa document v1\n" + "agency " + strconv.FormatInt(d.AgencyID, 10) + "\n" + "case " + strconv.FormatInt(d.CaseID, 10) + "\n" +
		"kind " + d.Kind + "\n" + "content " + d.ContentDigest + "\n" + "pdf " + d.PDFDigest + "\n" + "sm3 " + d.PDFSM3 + "\n"
}

// VerifySignature checks that d's signature is a valid signed note by the
// key vkey over d's digests.
func VerifySignature(d *Document, vkey string) error {
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return fmt.Errorf("验证密钥无效: %w", err)
	}
	n, err := note.Open([]byte(d.Signature), note.VerifierList(v))
	if err != nil {
		return fmt.Errorf("文书签名无效: %w", err)
	}
	if n.Text != signedText(d) {
		return fmt.Errorf("文书签名所签的摘要与登记不符")
	}
	return nil
}

// Digests returns the SHA-256 and SM3 digests of b, as "sha256:<hex>" and
// "sm3:<hex>".
func Digests(b []byte) (string, string) {
	s := sha256.Sum256(b)
	m := sm3.Sum(b)
	return "sha256:" + hex.EncodeToString(s[:]), "sm3:" + hex.EncodeToString(m[:])
}

// contentDigest identifies a document by what it says: its kind, case and
// step, and its text.
func contentDigest(k Kind, caseID, stepID int64, text string) string {
	s := sha256.Sum256([]byte("zhifa document content v1\n" + k.Code + "\n" + strconv.FormatInt(caseID, 10) + "\n" +
		strconv.FormatInt(stepID, 10) + "\n" + text))
	return "sha256:" + hex.EncodeToString(s[:])
}

// ValidDigest reports whether s is "sha256:" and 64 lower-case hex digits.
func ValidDigest(s string) bool {
	h, ok := strings.CutPrefix(s, "sha256:")
	if !ok || len(h) != 64 {
		return false
	}
	_, err := hex.DecodeString(h)
	return err == nil && strings.ToLower(h) == h
}
