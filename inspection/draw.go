package inspection

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/zhifa/zhifa"
)

// DrawAlgorithm names the draw function below. It is published with every
// draw; a changed algorithm is a new name, and old draws keep theirs.
const DrawAlgorithm = "zhifa-draw-v1"

// Entry is one line of a published list: an object of the 检查对象名录 or
// an officer of the 执法检查人员名录. Both lists are public (the name of an
// enterprise, and an officer's name and 执法证号, are published by law);
// they hold nothing else.
type Entry struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// DrawRule is the rule of a 双随机 draw: how many objects are drawn, and
// how many officers are drawn for each object (two at least: on-site
// inspection is done by two certified officers).
type DrawRule struct {
	Objects           int `json:"objects"`
	OfficersPerObject int `json:"officers_per_object"`
}

// Assignment is one drawn object with the officers drawn to inspect it.
type Assignment struct {
	ObjectID   int64   `json:"object_id"`
	OfficerIDs []int64 `json:"officer_ids"`
}

// SortedEntries returns the entries ordered by ID, the order the draw and
// the digest use whatever order a list is given in.
func SortedEntries(es []Entry) []Entry {
	out := slices.Clone(es)
	slices.SortFunc(out, func(a, b Entry) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return out
}

// ListDigest is the digest of a list: "sha256:" and the hex SHA-256 of the
// JSON array of its entries ordered by ID, each {"id":…,"name":…}, with no
// spaces and no HTML escaping. Anyone can recompute it from the published
// list.
func ListDigest(es []Entry) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	sorted := SortedEntries(es)
	if sorted == nil {
		sorted = []Entry{}
	}
	_ = enc.Encode(sorted) // entries of an int and a string always encode
	sum := sha256.Sum256(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// CheckDrawRule returns the problems of a draw's rule against its lists,
// keyed by field code.
func CheckDrawRule(r DrawRule, objects, officers []Entry) map[string]string {
	p := map[string]string{}
	if len(objects) == 0 {
		p["objects"] = "抽查对象名录为空,无法抽取"
	}
	if r.Objects < 1 || r.Objects > len(objects) {
		p["count"] = fmt.Sprintf("抽取对象数应为 1 至 %d(名录中的对象数)", len(objects))
	}
	if r.OfficersPerObject < 2 {
		p["officers_per_object"] = "每个对象须抽取两名以上执法检查人员(《行政处罚法》第四十二条、" + Basis54 + ")"
	} else if r.OfficersPerObject > len(officers) {
		p["officers_per_object"] = fmt.Sprintf("执法检查人员名录只有 %d 人,少于每个对象须抽取的人数", len(officers))
	}
	if hasDup(objects) {
		p["objects"] = "抽查对象名录中有重复的对象"
	}
	if hasDup(officers) {
		p["officers"] = "执法检查人员名录中有重复的人员"
	}
	return p
}

func hasDup(es []Entry) bool {
	seen := map[int64]bool{}
	for _, e := range es {
		if seen[e.ID] {
			return true
		}
		seen[e.ID] = true
	}
	return false
}

// stream is the draw's source of random numbers: the SHA-256 of
// DrawAlgorithm, a label, the seed and a big-endian block counter, block
// after block.
type stream struct {
	prefix []byte
	n      uint64
	buf    []byte
}

func newStream(seed []byte, label string) *stream {
	p := []byte(DrawAlgorithm + "\x00" + label + "\x00")
	return &stream{prefix: append(p, seed...)}
}

func (s *stream) uint64() uint64 {
	if len(s.buf) < 8 {
		var c [8]byte
		binary.BigEndian.PutUint64(c[:], s.n)
		s.n++
		sum := sha256.Sum256(append(slices.Clone(s.prefix), c[:]...))
		s.buf = sum[:]
	}
	v := binary.BigEndian.Uint64(s.buf[:8])
	s.buf = s.buf[8:]
	return v
}

// below returns a uniform integer in [0, n) by rejection sampling.
func (s *stream) below(n int) int {
	limit := ^uint64(0) - (^uint64(0)%uint64(n)+1)%uint64(n)
	for {
		if v := s.uint64(); v <= limit {
			return int(v % uint64(n))
		}
	}
}

// pick returns k of the n positions 0…n-1 in drawn order: the first k
// steps of a Fisher–Yates shuffle, step i swapping position i with
// i + below(n-i).
func (s *stream) pick(n, k int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	for i := 0; i < k; i++ {
		j := i + s.below(n-i)
		idx[i], idx[j] = idx[j], idx[i]
	}
	return idx[:k]
}

// Draw is the 双随机 draw: a pure function of the two lists, the rule and
// the seed. Both lists are ordered by ID; the objects are the first
// r.Objects of a Fisher–Yates shuffle driven by the stream labelled
// "objects"; for each drawn object, in drawn order, its officers are the
// first r.OfficersPerObject of a shuffle of the officers driven by the
// stream labelled "officers/<object id>". The result lists the objects in
// drawn order. Anyone holding the published lists, rule and seed gets the
// same result (see Verify).
func Draw(objects, officers []Entry, r DrawRule, seed []byte) ([]Assignment, error) {
	if p := CheckDrawRule(r, objects, officers); len(p) > 0 {
		return nil, zhifa.Invalid(p)
	}
	if len(seed) == 0 {
		return nil, zhifa.Errorf(zhifa.ECONFLICT, "随机种子尚未产生,不能抽取")
	}
	objs, offs := SortedEntries(objects), SortedEntries(officers)
	var out []Assignment
	for _, i := range newStream(seed, "objects").pick(len(objs), r.Objects) {
		a := Assignment{ObjectID: objs[i].ID}
		for _, j := range newStream(seed, "officers/"+strconv.FormatInt(objs[i].ID, 10)).pick(len(offs), r.OfficersPerObject) {
			a.OfficerIDs = append(a.OfficerIDs, offs[j].ID)
		}
		out = append(out, a)
	}
	return out, nil
}

// PublicDraw is what the portal publishes of a draw: everything needed to
// recompute it. ObjectsDigest and OfficersDigest, the rule and SeedSize
// are fixed by the announcement, an event of the log (AnnouncedAt, its
// index) recorded while the log was smaller than SeedSize; Seed is the
// root hash of the log's tree of SeedSize leaves (RFC 6962), known only
// once the log has grown to that size.
type PublicDraw struct {
	Algorithm      string       `json:"algorithm"`
	Objects        []Entry      `json:"objects"`
	ObjectsDigest  string       `json:"objects_digest"`
	Officers       []Entry      `json:"officers"`
	OfficersDigest string       `json:"officers_digest"`
	Rule           DrawRule     `json:"rule"`
	AnnouncedAt    int64        `json:"announced_at"` // index of the announcement event
	SeedSize       int64        `json:"seed_size"`
	Seed           string       `json:"seed,omitempty"` // hex root hash at SeedSize
	Result         []Assignment `json:"result,omitempty"`
}

// CheckAnnouncement returns the refusal of an announcement whose seed would
// be known already: the seed size must exceed the log's size after the
// announcement event (logSize is the size before it).
func CheckAnnouncement(logSize, seedSize int64) error {
	if seedSize <= logSize+1 {
		return zhifa.Invalid(map[string]string{"seed_size": fmt.Sprintf("种子台账规模须大于公告后的台账规模 %d:随机种子须在公告时尚不可知", logSize+1)})
	}
	return nil
}

// Verify recomputes a published draw from public data alone: the lists
// must have the digests announced in the log (announcedObjects,
// announcedOfficers, read from the announcement event), the seed must be
// the root hash at SeedSize (seed, read from the log or a checkpoint), the
// seed size must exceed the announcement's index, and the draw of the
// lists, rule and seed must equal the published result. It returns the
// first discrepancy.
func Verify(d PublicDraw, announcedObjects, announcedOfficers string, seed []byte) error {
	if d.Algorithm != DrawAlgorithm {
		return fmt.Errorf("算法“%s”未知,本程序实现 %s", d.Algorithm, DrawAlgorithm)
	}
	if got := ListDigest(d.Objects); got != announcedObjects || got != d.ObjectsDigest {
		return fmt.Errorf("抽查对象名录的摘要 %s 与公告的 %s 不符:名录在公告后被改动", got, announcedObjects)
	}
	if got := ListDigest(d.Officers); got != announcedOfficers || got != d.OfficersDigest {
		return fmt.Errorf("执法检查人员名录的摘要 %s 与公告的 %s 不符:名录在公告后被改动", got, announcedOfficers)
	}
	if d.SeedSize <= d.AnnouncedAt+1 {
		return fmt.Errorf("种子台账规模 %d 不大于公告时的台账规模 %d", d.SeedSize, d.AnnouncedAt+1)
	}
	if hex.EncodeToString(seed) != d.Seed {
		return fmt.Errorf("公布的种子 %s 不是台账规模 %d 时的根哈希 %x", d.Seed, d.SeedSize, seed)
	}
	got, err := Draw(d.Objects, d.Officers, d.Rule, seed)
	if err != nil {
		return err
	}
	if !sameResult(got, d.Result) {
		return fmt.Errorf("重新计算的抽取结果与公布的结果不符")
	}
	return nil
}

func sameResult(a, b []Assignment) bool {
	return slices.EqualFunc(a, b, func(x, y Assignment) bool {
		return x.ObjectID == y.ObjectID && slices.Equal(x.OfficerIDs, y.OfficerIDs)
	})
}

// CheckDrawnOfficers returns the refusal of an on-site inspection of
// object, drawn in result, whose officers do not include the officers
// drawn for it: 双随机 means the inspectors are the drawn ones (国办发〔2024〕54号).
func CheckDrawnOfficers(result []Assignment, objectID int64, officerIDs []int64) error {
	for _, a := range result {
		if a.ObjectID != objectID {
			continue
		}
		for _, id := range a.OfficerIDs {
			if !slices.Contains(officerIDs, id) {
				return zhifa.Errorf(zhifa.ERULE, "该对象由双随机抽取确定,现场检查须由抽中的执法人员(编号 %s)实施(%s)", joinIDs(a.OfficerIDs), Basis54)
			}
		}
		return nil
	}
	return zhifa.Errorf(zhifa.ERULE, "该对象不在所依据的双随机抽取结果中(%s)", Basis54)
}

func joinIDs(ids []int64) string {
	var b []byte
	for i, id := range ids {
		if i > 0 {
			b = append(b, "、"...)
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(b)
}

// CheckRatio returns the refusal of a draw of objects out of a list of
// listSize that falls short of the item's 抽查比例 (ratio, percent): at
// least ⌈listSize × ratio / 100⌉ objects are drawn.
func CheckRatio(ratio, listSize, objects int) error {
	need := (listSize*ratio + 99) / 100
	if objects < need {
		return zhifa.Invalid(map[string]string{"objects": fmt.Sprintf("检查事项的抽查比例为 %d%%,名录中 %d 个对象至少应抽取 %d 个,本次只抽取 %d 个(%s)", ratio, listSize, need, objects, Basis54)})
	}
	return nil
}
