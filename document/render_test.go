package document

import (
	"bytes"
	"errors"
	"flag"
	"image"
	"image/color"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestTemplatesGolden renders every document of the fixture case and
// compares its text with testdata/golden/<code>.txt (-update refreshes).
func TestTemplatesGolden(t *testing.T) {
	var tp Templates
	src := fixture()
	for _, k := range Kinds {
		t.Run(k.Code, func(t *testing.T) {
			blocks, err := tp.Render(k, src, stepOf(src, k))
			if err != nil {
				t.Fatal(err)
			}
			got := Text(blocks)
			path := filepath.Join("testdata", "golden", k.Code+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n%s", k.Name, path, got)
			}
		})
	}
}

// TestDecisionPDFText checks that the text of the 决定书's PDF holds what
// 处罚法 Art 59 requires, as pdftotext reads it.
func TestDecisionPDFText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext 不可用(apt-get install poppler-utils),跳过 PDF 文字检查")
	}
	var tp Templates
	src := fixture()
	k, _ := KindOf("decision")
	blocks, err := tp.Render(k, src, stepOf(src, k))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := PDF(blocks, Page{QR: "https://zhifa.example/verify/document/sha256:00"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "d.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// Lines and pages are broken by the layout: compare without line
	// breaks and page numbers.
	pageNo := regexp.MustCompile(`— (\d+) —`)
	var pages []string
	for _, m := range pageNo.FindAllStringSubmatch(string(out), -1) {
		pages = append(pages, m[1])
	}
	if got := strings.Join(pages, ","); got != "1,2,3" {
		t.Errorf("page numbers %q, want 1,2,3", got)
	}
	text := strings.NewReplacer("\n", "", " ", "", "\f", "").Replace(pageNo.ReplaceAllString(string(out), ""))
	dec, _ := DecisionOf(src.Steps)
	for name, want := range map[string]string{
		"文号": dec.Number, "当事人": src.Case.Party.Name, "统一社会信用代码": src.Case.Party.IDNumber,
		"处罚内容": dec.Penalty, "罚款": "罚款人民币5000元", "违法事实": dec.Facts, "处罚依据": dec.Basis,
		"裁量基准": dec.Standard, "救济途径": dec.Remedy, "复议期限": "六十日", "诉讼期限": "六个月",
		"履行期限": dec.Payment, "执法主体": src.Agency.Name,
	} {
		if !strings.Contains(text, strings.ReplaceAll(want, " ", "")) {
			t.Errorf("pdftotext of the 决定书 lacks %s %q", name, want)
		}
	}
	if strings.Contains(text, "行行行") {
		t.Errorf("the heavy title is read three times: %q", text[:60])
	}
	// The same record renders to the same bytes.
	again, err := PDF(blocks, Page{QR: "https://zhifa.example/verify/document/sha256:00"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pdf, again) {
		t.Error("two renderings of the same record differ")
	}
	if os.Getenv("ZHIFA_DOC_PNG") != "" {
		os.WriteFile(os.Getenv("ZHIFA_DOC_PNG"), pdf, 0o644)
	}
}

// TestHTMLPreviewSameContent shows that the preview carries the same
// text as the PDF's blocks, escaped.
func TestHTMLPreviewSameContent(t *testing.T) {
	blocks := Parse("# 行政处罚决定书\n@ 汉阴市监罚〔2026〕7号\n: 当事人|A<b>公司\n## 一、违法事实\n事实。\n> 汉阴县市场监督管理局\nseal\n")
	got := string(HTML(blocks))
	for _, want := range []string{`<h2 class="doc-title">行政处罚决定书</h2>`, `<b>当事人：</b>A&lt;b&gt;公司`, `<h3 class="doc-heading">一、违法事实</h3>`,
		`<p class="doc-para">事实。</p>`, `<p class="doc-sign">汉阴县市场监督管理局</p>`, `<p class="doc-number">汉阴市监罚〔2026〕7号</p>`} {
		if !strings.Contains(got, want) {
			t.Errorf("preview lacks %s:\n%s", want, got)
		}
	}
	if want := "行政处罚决定书\n汉阴市监罚〔2026〕7号\n当事人：A<b>公司\n一、违法事实\n事实。\n汉阴县市场监督管理局\n"; Text(blocks) != want {
		t.Errorf("Text = %q, want %q", Text(blocks), want)
	}
}

// TestWrapKeepsNumbers: a line is not broken inside a number, and every
// line but the last is full.
func TestWrapKeepsNumbers(t *testing.T) {
	if _, err := fontContainer(); err != nil {
		t.Fatal(err)
	}
	var r pdfWriter
	text := strings.Repeat("汉", 26) + "值12345元"
	lines := r.wrap(text, bodySize, textW, 0)
	if len(lines) != 2 || lines[1] != "12345元" || strings.Join(lines, "") != text {
		t.Errorf("wrap = %q", lines)
	}
}

// TestEveryKindRendersPDF renders each document of the fixture case to a
// PDF and, when pdftotext is there, finds its title in the text.
func TestEveryKindRendersPDF(t *testing.T) {
	var tp Templates
	src := fixture()
	_, err := exec.LookPath("pdftotext")
	for _, k := range Kinds {
		blocks, rerr := tp.Render(k, src, stepOf(src, k))
		if rerr != nil {
			t.Fatal(rerr)
		}
		pdf, perr := PDF(blocks, Page{QR: "/verify/document/sha256:00"})
		if perr != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatalf("%s: %v", k.Name, perr)
		}
		if err != nil {
			continue
		}
		cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
		cmd.Stdin = bytes.NewReader(pdf)
		out, xerr := cmd.Output()
		if xerr != nil {
			t.Fatal(xerr)
		}
		title := ""
		for _, b := range blocks {
			if b.Kind == Title {
				title = b.Text
			}
		}
		if !strings.Contains(strings.ReplaceAll(string(out), "\n", ""), title) {
			t.Errorf("%s: pdftotext lacks its title %q", k.Name, title)
		}
	}
}

// testSeal is a red ring with a transparent inside, 200 px, as an
// agency's seal-<id>.png would be.
func testSeal() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 200, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 200; x++ {
			d := math.Hypot(float64(x-100), float64(y-100))
			if d > 88 && d < 98 || d < 18 {
				img.Set(x, y, color.NRGBA{R: 220, A: 200})
			}
		}
	}
	return img
}

// TestSealDrawn: a configured seal adds an image to the PDF; without one
// there is none.
func TestSealDrawn(t *testing.T) {
	var tp Templates
	src := fixture()
	k, _ := KindOf("decision")
	blocks, err := tp.Render(k, src, stepOf(src, k))
	if err != nil {
		t.Fatal(err)
	}
	with, err := PDF(blocks, Page{Seal: testSeal()})
	if err != nil {
		t.Fatal(err)
	}
	without, err := PDF(blocks, Page{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(with, []byte("/Subtype /Image")) || bytes.Contains(without, []byte("/Subtype /Image")) {
		t.Error("the seal is not drawn exactly when configured")
	}
	if f := os.Getenv("ZHIFA_DOC_SEAL_PDF"); f != "" {
		os.WriteFile(f, with, 0o644)
	}
}

// TestConcurrentPDF renders from several goroutines at once, as a server
// issuing documents does (the font is parsed once and shared).
func TestConcurrentPDF(t *testing.T) {
	var tp Templates
	src := fixture()
	k, _ := KindOf("notice")
	blocks, err := tp.Render(k, src, stepOf(src, k))
	if err != nil {
		t.Fatal(err)
	}
	want, err := PDF(blocks, Page{QR: "x"})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			got, err := PDF(blocks, Page{QR: "x"})
			if err == nil && !bytes.Equal(got, want) {
				err = errors.New("a concurrent rendering differs")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
