package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
	"golang.org/x/mod/sumdb/note"
)

// publicationRecord is the body of GET /publications/{id}/record.
type publicationRecord struct {
	Publication int64 `json:"publication"`
	Record      struct {
		V        int               `json:"v"`
		Table    string            `json:"table"`
		Key      int64             `json:"key"`
		Row      map[string]any    `json:"row"`
		Withheld map[string]string `json:"withheld"`
	} `json:"record"`
	RecordDigest string              `json:"record_digest"`
	EventIndex   int64               `json:"event_index"`
	Event        string              `json:"event"`
	Changes      []store.ChangeEntry `json:"changes"`
	Proof        string              `json:"proof"`
}

// publicFields are the fields of the portal's JSON that must equal the
// logged record's columns of the same name.
var publicFields = []string{"number", "party_kind", "party_name", "party_id_no", "facts", "basis", "penalty_kind", "penalty", "fine", "payment", "remedy"}

// verifyPublication checks a published decision from outside, with the
// log's key only: its canonical record digests to the digest the event's
// change set names; the change set digests to the event's digest; the
// event is in the log (inclusion proof against a checkpoint signed by the
// key); and the portal's JSON of the decision shows the same text as the
// record. Each check prints one line; any failure exits 1.
func verifyPublication(ctx context.Context, e *env, pageURL, vkey, origin string) error {
	u, err := url.Parse(strings.TrimSpace(pageURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--publication 须为公示页面的完整地址,如 http://主机:端口/publications/12,而不是“%s”", pageURL)
	}
	path := strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), "/record")
	idText, ok := strings.CutPrefix(path, "/publications/")
	id, perr := strconv.ParseInt(idText, 10, 64)
	if !ok || perr != nil || id <= 0 {
		return fmt.Errorf("--publication 须为公示页面的地址 /publications/<编号>,而不是“%s”", u.Path)
	}
	base := u.Scheme + "://" + u.Host
	client := &http.Client{Timeout: 30 * time.Second}
	fails := 0
	check := func(ok bool, good, bad string, args ...any) {
		if ok {
			fmt.Fprintln(e.stdout, "  通过:"+good)
			return
		}
		fails++
		fmt.Fprintf(e.stdout, "  不通过:"+bad+"\n", args...)
	}

	body, err := getBody(ctx, client, base+"/publications/"+idText+"/record")
	if err != nil {
		return err
	}
	var rec publicationRecord
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // numbers exactly as written, as the digest saw them
	if err := dec.Decode(&rec); err != nil {
		return fmt.Errorf("公示存证格式错误:%v", err)
	}
	if vkey == "" {
		k, err := getBody(ctx, client, base+"/log/key")
		if err != nil {
			return err
		}
		vkey = strings.TrimSpace(string(k))
		fmt.Fprintln(e.stdout, "说明:未给出 --vkey,使用服务器 /log/key 提供的公钥(首次信任);请与机关公布的公钥比对。")
	}
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return fmt.Errorf("验证公钥格式错误:%v", err)
	}
	fmt.Fprintf(e.stdout, "公示 %d 的台账存证核验(%s):\n", id, base)

	// 1. The record and its digest.
	d, err := store.RecordDigest(rec.Record.Table, rec.Record.Key, rec.Record.V, rec.Record.Row, rec.Record.Withheld)
	check(err == nil && d == rec.RecordDigest && rec.Record.Table == "publications" && rec.Record.Key == id,
		"规范记录的 SHA-256 为 "+d, "规范记录的摘要 %s 与声明的 %s 不符,或记录不是公示 %d", d, rec.RecordDigest, id)
	named := false
	for _, c := range rec.Changes {
		named = named || c.Table == "publications" && c.Key == id && c.Digest == d
	}
	check(named, "事件所写记录中列有该记录及其摘要", "事件 %d 所写的记录中没有该记录的这一摘要", rec.EventIndex)

	// 2. The event digests the change set.
	leaf := []byte(rec.Event)
	ev, err := ledger.DecodeEvent(leaf)
	if err != nil {
		return fmt.Errorf("事件 %d 格式错误:%v", rec.EventIndex, err)
	}
	cs, err := store.ChangeSetDigest(rec.Changes)
	check(err == nil && cs == ev.Digest && ev.Object == "publication/"+idText,
		fmt.Sprintf("事件 %d(%s)的摘要覆盖这些记录", rec.EventIndex, ev.Type),
		"事件 %d 的摘要 %s 与所列记录的摘要 %s 不符,或事件不属于公示 %d", rec.EventIndex, ev.Digest, cs, id)

	// 3. The event is in the log the key signs.
	if origin == "" {
		origin = proofOrigin(rec.Proof)
	}
	idx, err := ledger.VerifyProof([]byte(rec.Proof), leaf, v, origin)
	check(err == nil && idx == rec.EventIndex, fmt.Sprintf("存在证明:事件 %d 在公钥签名的台账(%s)中", idx, origin),
		"存在证明无效:%v", errText(err, idx, rec.EventIndex))

	// 4. The portal shows what was logged.
	pub, err := getBody(ctx, client, base+"/api/v1/publications/"+idText)
	if err != nil {
		return err
	}
	var shown map[string]any
	dec = json.NewDecoder(bytes.NewReader(pub))
	dec.UseNumber()
	if err := dec.Decode(&shown); err != nil {
		return fmt.Errorf("公示数据格式错误:%v", err)
	}
	var differ []string
	for _, f := range publicFields {
		got, logged := fmt.Sprint(shown[f]), fmt.Sprint(rec.Record.Row[f])
		if shown[f] == nil {
			got = ""
		}
		if got != logged {
			differ = append(differ, f)
		}
	}
	check(len(differ) == 0, "门户公示的文号、当事人、事实、依据、处罚内容与金额与台账记录一致",
		"门户公示的内容与台账记录不一致:%s", strings.Join(differ, "、"))

	if fails > 0 {
		fmt.Fprintf(e.stdout, "结果:不通过,%d 项核验失败。\n", fails)
		return &exitError{code: 1, err: fmt.Errorf("公示 %d 核验失败", id)}
	}
	fmt.Fprintln(e.stdout, "结果:通过。公示内容即台账所记录的内容。")
	return nil
}

// proofOrigin is the origin line of the checkpoint a tlog-proof carries.
func proofOrigin(proof string) string {
	_, _, cp, err := ledger.ParseProof([]byte(proof))
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(string(cp), "\n")
	return line
}

func errText(err error, got, want int64) string {
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("证明的是事件 %d,而不是 %d", got, want)
}

func getBody(ctx context.Context, client *http.Client, u string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("无法访问 %s:%v", u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return nil, fmt.Errorf("读取 %s:%v", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s 返回 HTTP %d:%s", u, resp.StatusCode, strings.TrimSpace(string(b[:min(len(b), 300)])))
	}
	return b, nil
}
