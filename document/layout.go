package document

import "strings"

// A template writes one block per line in a small markup, which the PDF
// and the HTML preview draw alike:
//
//	# 行政处罚决定书        title (heavy, 2号, centred)
//	@ 汉阴市监罚〔2026〕3号  文号 (3号, right)
//	## 一、违法事实          heading
//	: 当事人|张三            a labelled line: label, then the value
//	> 汉阴县市场监督管理局   right-aligned (signature, date)
//	seal                     the agency's seal over the line above
//	anything else            a paragraph, indented two characters
//
// Empty lines are dropped. A value with line breaks continues as
// paragraphs.
type Block struct {
	Kind  BlockKind
	Label string
	Text  string
}

// BlockKind is the kind of a layout block.
type BlockKind int

// The block kinds.
const (
	Para BlockKind = iota
	Title
	Number
	Heading
	Labelled
	Right
	Seal
)

// Parse splits a template's output into blocks.
func Parse(text string) []Block {
	var out []Block
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimRight(line, " \t")
		t := strings.TrimSpace(line)
		switch {
		case t == "":
		case t == "seal":
			out = append(out, Block{Kind: Seal})
		case strings.HasPrefix(t, "## "):
			out = append(out, Block{Kind: Heading, Text: strings.TrimSpace(t[3:])})
		case strings.HasPrefix(t, "# "):
			out = append(out, Block{Kind: Title, Text: strings.TrimSpace(t[2:])})
		case strings.HasPrefix(t, "@ "):
			out = append(out, Block{Kind: Number, Text: strings.TrimSpace(t[2:])})
		case strings.HasPrefix(t, "> "):
			out = append(out, Block{Kind: Right, Text: strings.TrimSpace(t[2:])})
		case strings.HasPrefix(t, ": "):
			label, value, _ := strings.Cut(t[2:], "|")
			out = append(out, Block{Kind: Labelled, Label: strings.TrimSpace(label), Text: strings.TrimSpace(value)})
		default:
			out = append(out, Block{Kind: Para, Text: t})
		}
	}
	return out
}

// Text is the document's plain text, one block a line, as the content
// digest covers it and as a reader of the PDF finds it.
func Text(blocks []Block) string {
	var b strings.Builder
	for _, bl := range blocks {
		switch bl.Kind {
		case Seal:
			continue
		case Labelled:
			b.WriteString(bl.Label + "：" + bl.Text)
		default:
			b.WriteString(bl.Text)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
