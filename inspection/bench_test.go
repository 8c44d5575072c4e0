package inspection

import (
	"crypto/sha256"
	"fmt"
	"testing"
)

func benchLists(nObjects, nOfficers int) ([]Entry, []Entry) {
	objs := make([]Entry, nObjects)
	for i := range objs {
		objs[i] = Entry{ID: int64(i + 1), Name: fmt.Sprintf("汉阴县第%d号市场主体有限公司", i+1)}
	}
	offs := make([]Entry, nOfficers)
	for i := range offs {
		offs[i] = Entry{ID: int64(i + 1), Name: fmt.Sprintf("执法人员%d 610921%05d", i+1, i+1)}
	}
	return objs, offs
}

// BenchmarkDraw is a county-sized draw: 250 of 5,000 objects (5 %), two of
// 40 officers each.
func BenchmarkDraw(b *testing.B) {
	objs, offs := benchLists(5000, 40)
	for b.Loop() {
		if _, err := Draw(objs, offs, DrawRule{Objects: 250, OfficersPerObject: 2}, seed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyDraw is the public recomputation of that draw: both list
// digests and the draw.
func BenchmarkVerifyDraw(b *testing.B) {
	objs, offs := benchLists(5000, 40)
	rule := DrawRule{Objects: 250, OfficersPerObject: 2}
	res, _ := Draw(objs, offs, rule, seed)
	d := PublicDraw{Algorithm: DrawAlgorithm, Objects: objs, ObjectsDigest: ListDigest(objs), Officers: offs, OfficersDigest: ListDigest(offs),
		Rule: rule, AnnouncedAt: 10, SeedSize: 20, Seed: fmt.Sprintf("%x", seed), Result: res}
	for b.Loop() {
		if err := Verify(d, d.ObjectsDigest, d.OfficersDigest, seed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReferenceSHA256 is the reference: SHA-256 of 1 MiB.
func BenchmarkReferenceSHA256(b *testing.B) {
	buf := make([]byte, 1<<20)
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		sha256.Sum256(buf)
	}
}
