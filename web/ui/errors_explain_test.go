package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/zhifa/zhifa"
)

// decodeErr is what decoding body into a small struct returns, wrapped the
// way handlers wrap it.
func decodeErr(body string) error {
	var v struct {
		Name  string `json:"name"`
		Party struct {
			Kind string `json:"kind"`
		} `json:"party"`
		IDs []int64 `json:"handler_ids"`
	}
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return zhifa.Errorf(zhifa.EINVALID, "请求体不是有效的 JSON:%v", err)
	}
	return nil
}

func TestExplain(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		code    string // "" for nil (left as it is)
		message string
		field   string
	}{
		{"syntax", decodeErr(`{"name" 1}`), zhifa.EINVALID, "第 9 个字节附近有语法错误", "body"},
		{"type", decodeErr(`{"party":{"kind":1}}`), zhifa.EINVALID, "字段“party.kind”应为文本", "party.kind"},
		{"array", decodeErr(`{"handler_ids":"1,2"}`), zhifa.EINVALID, "字段“handler_ids”应为数组", "handler_ids"},
		{"whole body", decodeErr(`[1]`), zhifa.EINVALID, "整个请求体应为JSON 对象", "body"},
		{"unknown field", decodeErr(`{"idcard":"x"}`), zhifa.EINVALID, "不认识的字段“idcard”", "idcard"},
		{"empty", decodeErr(``), zhifa.EINVALID, "请求体为空", "body"},
		{"cut short", decodeErr(`{"name":`), zhifa.EINVALID, "提前结束", "body"},
		{"too large", fmt.Errorf("read: %w", &http.MaxBytesError{Limit: 1 << 20}), zhifa.ETOOLARGE, "请求体超过 1 MiB 上限", "body"},
		{"slow", &os.PathError{Op: "read", Path: "tcp", Err: os.ErrDeadlineExceeded}, zhifa.ETIMEOUT, "过慢", ""},
		{"disk full", &os.PathError{Op: "write", Path: "/srv/zhifa/blobs/tmp/upload-1", Err: syscall.ENOSPC}, zhifa.ESTORAGE, "存储空间不足", ""},
		{"sqlite full", errors.New("commit: database or disk is full (13)"), zhifa.ESTORAGE, "存储空间不足", ""},
		{"safe error kept", zhifa.Errorf(zhifa.ESTORAGE, "今日上传已达个人限额"), "", "", ""},
		{"safe error with a cause kept", zhifa.Errorf(zhifa.ETOOLARGE, "上传超过单次上限 %v", &http.MaxBytesError{Limit: 5}), "", "", ""},
		{"internal left internal", errors.New("open /srv/zhifa/x: permission denied"), "", "", ""},
		{"nil", nil, "", "", ""},
		{"eof of a plain error", io.EOF, zhifa.EINVALID, "请求体为空", "body"},
	}
	for _, tt := range tests {
		got := explain(tt.err)
		if tt.code == "" {
			if got != nil {
				t.Errorf("%s: explain = %+v, want nil", tt.name, got)
			}
			continue
		}
		if got == nil || got.Code != tt.code || !strings.Contains(got.Message, tt.message) {
			t.Errorf("%s: explain = %+v, want %s %q", tt.name, got, tt.code, tt.message)
			continue
		}
		if tt.field != "" && got.Problems[tt.field] == "" {
			t.Errorf("%s: no problem for field %q: %v", tt.name, tt.field, got.Problems)
		}
		for _, l := range []string{"json:", "Go struct", "http:", "/srv/", "database or disk"} {
			if strings.Contains(got.Message, l) {
				t.Errorf("%s: message %q holds %q", tt.name, got.Message, l)
			}
		}
	}
}
