package zhifa

import (
	"errors"
	"fmt"
	"io"
	"testing"
)

func TestErrorMessageShowsOnlySafeErrors(t *testing.T) {
	cause := errors.New("open /var/lib/zhifa/blobs/sha256/ab: permission denied")
	tests := []struct {
		name string
		err  error
		want string
		safe bool
	}{
		{"nil", nil, "", false},
		{"plain error", cause, InternalMessage, false},
		{"wrapped plain", fmt.Errorf("store: %w", cause), InternalMessage, false},
		{"internal *Error", Errorf(EINTERNAL, "证据文件 %s 缺失: %v", "sha256:ab", cause), InternalMessage, false},
		{"safe", Errorf(ENOTFOUND, "案件不存在"), "案件不存在", true},
		{"safe wrapped", fmt.Errorf("service: %w", Errorf(ECONFLICT, "案件已结案")), "案件已结案", true},
		{"invalid", Invalid(map[string]string{"name": "请填写名称"}), "输入有误;请填写名称", true},
	}
	for _, tt := range tests {
		if got := ErrorMessage(tt.err); got != tt.want {
			t.Errorf("%s: ErrorMessage = %q, want %q", tt.name, got, tt.want)
		}
		if got := Safe(tt.err); got != tt.safe {
			t.Errorf("%s: Safe = %v, want %v", tt.name, got, tt.safe)
		}
	}
}

func TestErrorfKeepsCause(t *testing.T) {
	e := Errorf(EINVALID, "请求体不是有效的 JSON:%v", io.ErrUnexpectedEOF)
	if !errors.Is(e, io.ErrUnexpectedEOF) {
		t.Fatal("Errorf lost its error argument")
	}
	if Errorf(EINVALID, "第 %d 项", 3).Err != nil {
		t.Fatal("Errorf invented a cause")
	}
}
