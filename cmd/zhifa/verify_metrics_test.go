package main

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// readTextfile parses a textfile-collector file into gauge values by name.
func readTextfile(t *testing.T, file string) map[string]float64 {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s does not parse: %v\n%s", file, err, b)
	}
	out := map[string]float64{}
	for name, f := range fams {
		if f.GetType() != dto.MetricType_GAUGE || len(f.Metric) != 1 {
			t.Fatalf("%s: %s is not one gauge:\n%s", file, name, b)
		}
		out[name] = f.Metric[0].GetGauge().GetValue()
	}
	return out
}

// TestVerifyMetricsFile: verify --metrics-file writes the outcome, passing
// and failing, in a file the textfile collector parses.
func TestVerifyMetricsFile(t *testing.T) {
	data := t.TempDir()
	if _, _, err := runCmd(t, "", "migrate", "--data", data); err != nil {
		t.Fatal(err)
	}
	seedLedger(t, data, 3)
	prom := filepath.Join(t.TempDir(), "zhifa_verify.prom")
	out, _, err := runCmd(t, "", "verify", "--data", data, "--origin", "test.example/zhifa", "--metrics-file", prom)
	if err != nil || !strings.Contains(out, "结果:通过") {
		t.Fatalf("verify: %v\n%s", err, out)
	}
	m := readTextfile(t, prom)
	if m["zhifa_verify_ok"] != 1 || m["zhifa_verify_findings"] != 0 || m["zhifa_verify_events"] < 3 || m["zhifa_verify_timestamp_seconds"] <= 0 {
		t.Errorf("passing run: %v", m)
	}
	events := m["zhifa_verify_events"]

	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "zhifa.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE ledger_leaves SET data = CAST(REPLACE(CAST(data AS TEXT), 'user.created', 'user.deleted') AS BLOB) WHERE idx = 1`); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCmd(t, "", "verify", "--data", data, "--origin", "test.example/zhifa", "--metrics-file", prom)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("verify tampered log: err = %v\n%s", err, out)
	}
	m = readTextfile(t, prom)
	if m["zhifa_verify_ok"] != 0 || m["zhifa_verify_findings"] < 1 || m["zhifa_verify_events"] != events {
		t.Errorf("failing run: %v", m)
	}
	if left, _ := filepath.Glob(prom + "?*"); len(left) > 0 {
		t.Errorf("temporary files left beside the metrics file: %v", left)
	}
}

// TestVerifyMetricsIncomplete: a run that could not complete reports
// zhifa_verify_ok 0 and its time, and nothing it did not learn.
func TestVerifyMetricsIncomplete(t *testing.T) {
	prom := filepath.Join(t.TempDir(), "v.prom")
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	if err := writeVerifyMetrics(prom, nil, 0, false, at); err != nil {
		t.Fatal(err)
	}
	m := readTextfile(t, prom)
	if len(m) != 2 || m["zhifa_verify_ok"] != 0 || m["zhifa_verify_timestamp_seconds"] != float64(at.Unix()) {
		t.Errorf("incomplete run: %v", m)
	}
	if _, _, err := runCmd(t, "", "verify", "--data", filepath.Join(t.TempDir(), "missing"), "--db", "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2",
		"--metrics-file", prom); err == nil {
		t.Fatal("verify of an unreachable database passed")
	}
	if m := readTextfile(t, prom); m["zhifa_verify_ok"] != 0 || m["zhifa_verify_timestamp_seconds"] == float64(at.Unix()) {
		t.Errorf("unreachable database: %v", m)
	}
}
