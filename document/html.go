package document

import (
	"html/template"
	"strings"
)

// HTML draws blocks as the browser preview of the document: the same
// blocks as the PDF, as semantic HTML (a heading for the title, paragraphs,
// a definition-like line for each label) in a <article class="doc-page">
// that zhifa.css styles like the printed page.
func HTML(blocks []Block) template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	b.WriteString(`<article class="doc-page">`)
	for _, bl := range blocks {
		switch bl.Kind {
		case Title:
			b.WriteString(`<h2 class="doc-title">` + esc(bl.Text) + `</h2>`)
		case Number:
			b.WriteString(`<p class="doc-number">` + esc(bl.Text) + `</p>`)
		case Heading:
			b.WriteString(`<h3 class="doc-heading">` + esc(bl.Text) + `</h3>`)
		case Labelled:
			b.WriteString(`<p class="doc-field"><b>` + esc(bl.Label) + `：</b>` + esc(bl.Text) + `</p>`)
		case Right:
			b.WriteString(`<p class="doc-sign">` + esc(bl.Text) + `</p>`)
		case Seal:
		default:
			b.WriteString(`<p class="doc-para">` + esc(bl.Text) + `</p>`)
		}
	}
	b.WriteString(`</article>`)
	return template.HTML(b.String())
}
