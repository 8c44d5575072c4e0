package document

import (
	"bytes"
	_ "embed"
	"fmt"
	"image"
	"strings"
	"sync"

	"github.com/signintech/gopdf"
	"rsc.io/qr"
)

//go:embed fonts/uming-gb2312.ttf
var songTTF []byte

// The page geometry of GB/T 9704-2012 (党政机关公文格式) §5, in points:
// A4; top margin 37 mm, left 28 mm; a text area of 156 × 225 mm with 22
// lines of 28 characters in 3号 (16 pt); the title in 2号 (22 pt); the page
// number in 4号 (14 pt) 7 mm below the text area.
const (
	mm        = 72 / 25.4
	pageW     = 210 * mm
	pageH     = 297 * mm
	marginTop = 37 * mm
	marginL   = 28 * mm
	textW     = 156 * mm
	textH     = 225 * mm
	bodySize  = 16.0
	lineH     = textH / 22
	titleSize = 22.0
	pageNoSz  = 14.0
	qrSize    = 20 * mm
)

var (
	fontOnce  sync.Once
	fonts     *gopdf.FontContainer
	fontErr   error
	widthMu   sync.Mutex
	measurer  gopdf.GoPdf          // measures widths only, never written
	widthUnit = map[rune]float64{} // advance width at 1 pt
)

const family = "song"

func fontContainer() (*gopdf.FontContainer, error) {
	fontOnce.Do(func() {
		fonts = &gopdf.FontContainer{}
		if fontErr = fonts.AddTTFFontData(family, songTTF); fontErr != nil {
			return
		}
		measurer.Start(gopdf.Config{PageSize: gopdf.Rect{W: pageW, H: pageH}, Unit: gopdf.UnitPT})
		if fontErr = measurer.AddTTFFontFromFontContainer(family, fonts); fontErr != nil {
			return
		}
		fontErr = measurer.SetFont(family, "", 1000)
	})
	return fonts, fontErr
}

// Page is what PDF draws besides the blocks: the QR code's text (the URL of
// the public check) and the agency's seal, if any.
type Page struct {
	QR   string
	Seal image.Image
}

// PDF draws blocks as an A4 document in the official layout. The same
// blocks and page always give the same bytes (no dates, no random ids), so
// an issued document's digest can be recomputed from its record.
func PDF(blocks []Block, pg Page) ([]byte, error) {
	fc, err := fontContainer()
	if err != nil {
		return nil, fmt.Errorf("文书字体: %w", err)
	}
	r := &pdfWriter{seal: pg.Seal}
	r.pdf.Start(gopdf.Config{PageSize: gopdf.Rect{W: pageW, H: pageH}, Unit: gopdf.UnitPT})
	r.pdf.SetCompressLevel(1) // zlib.BestSpeed: the fonts dominate and compress alike
	if err := r.pdf.AddTTFFontFromFontContainer(family, fc); err != nil {
		return nil, fmt.Errorf("文书字体: %w", err)
	}
	if err := r.newPage(); err != nil {
		return nil, err
	}
	for i, b := range blocks {
		if err := r.block(b, i); err != nil {
			return nil, err
		}
	}
	if pg.QR != "" {
		if err := r.qr(pg.QR); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if _, err := r.pdf.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("生成 PDF: %w", err)
	}
	return buf.Bytes(), nil
}

type pdfWriter struct {
	pdf    gopdf.GoPdf
	y      float64 // baseline top of the next line
	pages  int
	lastR  float64     // y of the last right-aligned line on this page
	lastRX float64     // its horizontal centre
	seal   image.Image // the agency's seal, nil: none
}

// newPage starts a page and writes its number, "— n —" (GB/T 9704 7.5),
// under the text area: odd pages right, even pages left, one character in
// from the edge.
func (r *pdfWriter) newPage() error {
	r.pdf.AddPage()
	r.pages++
	r.y, r.lastR = marginTop, 0
	if err := r.pdf.SetFont(family, "", pageNoSz); err != nil {
		return err
	}
	s := fmt.Sprintf("— %d —", r.pages)
	x := marginL + textW - r.measure(s, pageNoSz) - pageNoSz
	if r.pages%2 == 0 {
		x = marginL + pageNoSz
	}
	r.pdf.SetXY(x, marginTop+textH+7*mm)
	return r.pdf.Text(s)
}

func (r *pdfWriter) need(h float64) error {
	if r.y+h > marginTop+textH+0.5 {
		return r.newPage()
	}
	return nil
}

// width is the advance of ch at size, measured once on a separate
// document: measuring on the document being written would change its font
// size and the order of its font subset, and so its bytes.
func width(ch rune, size float64) float64 {
	widthMu.Lock()
	defer widthMu.Unlock()
	w, ok := widthUnit[ch]
	if !ok {
		m, err := measurer.MeasureTextWidth(string(ch))
		if err != nil {
			m = 1000
		}
		w = m / 1000
		widthUnit[ch] = w
	}
	return w * size
}

// noLineStart are the characters a line may not start with (标点禁则):
// they stay at the end of the previous line, overhanging it.
const noLineStart = "，。、；：？！）》」』】〕”’…,.;:?!)%"

// wrap breaks text into lines no wider than w, the first narrower by
// indent. A run of ASCII letters and digits (a number, a code) is kept
// whole when it fits on a line.
func (r *pdfWriter) wrap(text string, size, w, indent float64) []string {
	var lines []string
	var cur []rune
	x := indent
	for _, ch := range text {
		cw := width(ch, size)
		if x+cw > w+0.01 && len(cur) > 0 && !strings.ContainsRune(noLineStart, ch) {
			// Carry a word being broken over to the next line.
			k := len(cur)
			if asciiWord(ch) {
				for k > 0 && asciiWord(cur[k-1]) {
					k--
				}
				if k == 0 {
					k = len(cur)
				}
			}
			lines = append(lines, string(cur[:k]))
			cur = append([]rune{}, cur[k:]...)
			x = 0
			for _, c := range cur {
				x += width(c, size)
			}
		}
		cur = append(cur, ch)
		x += cw
	}
	if len(cur) > 0 || len(lines) == 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

func asciiWord(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '-'
}

func (r *pdfWriter) text(s string, x, size float64, heavy bool) error {
	if err := r.pdf.SetFont(family, "", size); err != nil {
		return err
	}
	// The baseline sits low in the line, as in a ruled 公文 page.
	y := r.y + (lineH-size)/2
	if heavy {
		// No free 小标宋 exists: the song face is drawn three times,
		// a fraction of a point apart, which thickens the strokes.
		for _, dx := range []float64{0.25, 0.5} {
			r.pdf.SetXY(x+dx, y)
			if err := r.pdf.Text(s); err != nil {
				return err
			}
		}
	}
	r.pdf.SetXY(x, y)
	return r.pdf.Text(s)
}

func (r *pdfWriter) measure(s string, size float64) float64 {
	w := 0.0
	for _, ch := range s {
		w += width(ch, size)
	}
	return w
}

func (r *pdfWriter) block(b Block, i int) error {
	switch b.Kind {
	case Title:
		h := lineH * 1.3
		if err := r.need(h); err != nil {
			return err
		}
		if i == 0 {
			r.y += lineH * 0.5
		}
		for _, ln := range r.wrap(b.Text, titleSize, textW, 0) {
			w := r.measure(ln, titleSize)
			if err := r.text(ln, marginL+(textW-w)/2, titleSize, true); err != nil {
				return err
			}
			r.y += h
		}
	case Number:
		if err := r.need(lineH); err != nil {
			return err
		}
		w := r.measure(b.Text, bodySize)
		if err := r.text(b.Text, marginL+textW-w, bodySize, false); err != nil {
			return err
		}
		r.y += lineH * 1.5
	case Heading:
		if err := r.need(lineH * 2); err != nil {
			return err
		}
		for _, ln := range r.wrap(b.Text, bodySize, textW, 2*bodySize) {
			if err := r.text(ln, marginL+2*bodySize, bodySize, true); err != nil {
				return err
			}
			r.y += lineH
		}
	case Right:
		if err := r.need(lineH); err != nil {
			return err
		}
		w := r.measure(b.Text, bodySize)
		x := marginL + textW - w - 2*bodySize // 右空四字 for the agency, GB/T 9704 7.3.5.1
		if x < marginL {
			x = marginL
		}
		if err := r.text(b.Text, x, bodySize, false); err != nil {
			return err
		}
		r.lastR, r.lastRX = r.y, x+w/2
		r.y += lineH
	case Seal:
		if r.seal != nil && r.lastR > 0 {
			return r.drawSeal(r.seal, r.lastR)
		}
	case Labelled:
		return r.para(b.Label+"：", b.Text, 0)
	default:
		return r.para("", b.Text, 2*bodySize)
	}
	return nil
}

func (r *pdfWriter) para(label, text string, indent float64) error {
	lines := r.wrap(label+text, bodySize, textW, indent)
	for j, ln := range lines {
		if err := r.need(lineH); err != nil {
			return err
		}
		x := marginL
		if j == 0 {
			x += indent
		}
		if j == 0 && label != "" && strings.HasPrefix(ln, label) {
			if err := r.text(label, x, bodySize, false); err != nil {
				return err
			}
			x += r.measure(label, bodySize)
			ln = ln[len(label):]
		}
		if err := r.text(ln, x, bodySize, false); err != nil {
			return err
		}
		r.y += lineH
	}
	return nil
}

// drawSeal draws the seal, 42 mm wide (an agency seal), centred on the
// agency's signature and pressing down on it so that the signature and the
// date below sit a little above the seal's centre (GB/T 9704 7.3.5.1).
func (r *pdfWriter) drawSeal(img image.Image, at float64) error {
	d := 42 * mm
	x := r.lastRX - d/2
	y := at + lineH*1.4 - d/2
	return r.pdf.ImageFrom(img, x, y, &gopdf.Rect{W: d, H: d})
}

// qr draws the public check's QR code centred below the text area of the
// last page (the page numbers sit at the sides), as vector squares.
func (r *pdfWriter) qr(text string) error {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return fmt.Errorf("二维码: %w", err)
	}
	n := code.Size
	m := qrSize / float64(n+2)
	x0, y0 := marginL+(textW-qrSize)/2, marginTop+textH+2*mm
	r.pdf.SetFillColor(0, 0, 0)
	for y := 0; y < n; y++ {
		// One rectangle per horizontal run of dark modules.
		for x := 0; x < n; {
			if !code.Black(x, y) {
				x++
				continue
			}
			run := 1
			for x+run < n && code.Black(x+run, y) {
				run++
			}
			r.pdf.RectFromUpperLeftWithStyle(x0+float64(x+1)*m, y0+float64(y+1)*m, float64(run)*m+0.05, m+0.05, "F")
			x += run
		}
	}
	return nil
}
