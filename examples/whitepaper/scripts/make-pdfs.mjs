// Writes the gated PDFs of the example as small, real files (PDF 1.4, the standard
// Helvetica fonts, no dependencies). The output is deterministic: running it again gives the same
// bytes, so the committed files only change when this script does.
//   node examples/whitepaper/scripts/make-pdfs.mjs
import { Buffer } from 'node:buffer'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stdout } from 'node:process'
import { papers } from './papers.mjs'

const outDir = join(import.meta.dirname, '..', 'assets')
const page = { width: 595, height: 842, margin: 64 }
const brand = [0.05, 0.33, 0.31]
const accent = [0.96, 0.62, 0.2]

// Helvetica advance widths (per 1000 em) for the characters we use; others count as 556.
const narrow = { ' ': 278, '.': 278, ',': 278, ':': 278, ';': 278, "'": 191, '!': 278, '|': 260 }
const widths = {
  ...narrow,
  i: 222,
  j: 222,
  l: 222,
  f: 278,
  t: 278,
  r: 333,
  I: 278,
  '(': 333,
  ')': 333,
  '-': 333,
  '/': 278,
  m: 833,
  w: 722,
  M: 833,
  W: 944,
  '%': 889,
  '&': 667,
  '€': 556,
  '–': 556,
  '—': 1000,
  '“': 333,
  '”': 333,
  '•': 350,
  A: 667,
  B: 667,
  C: 722,
  D: 722,
  E: 667,
  F: 611,
  G: 778,
  H: 722,
  K: 667,
  N: 722,
  O: 778,
  P: 667,
  Q: 778,
  R: 722,
  S: 667,
  T: 611,
  U: 722,
  V: 667,
  X: 667,
  Y: 667,
  Z: 611,
  J: 500,
  L: 556,
  c: 500,
  k: 500,
  s: 500,
  v: 500,
  x: 500,
  y: 500,
  z: 500,
}

function textWidth(text, size, bold = false) {
  let units = 0
  for (const char of text) units += widths[char] ?? 556
  return (units * size * (bold ? 1.05 : 1)) / 1000
}

function wrap(text, size, maxWidth, bold = false) {
  const lines = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word
    if (line && textWidth(next, size, bold) > maxWidth) {
      lines.push(line)
      line = word
    } else line = next
  }
  if (line) lines.push(line)
  return lines
}

// WinAnsiEncoding for the few characters outside Latin-1 that the texts use.
const winAnsi = { '€': 0x80, '•': 0x95, '–': 0x96, '—': 0x97, '“': 0x93, '”': 0x94, '’': 0x92 }

function pdfString(text) {
  let out = '('
  for (const char of text) {
    const code = winAnsi[char] ?? char.charCodeAt(0)
    if (code > 0xff) throw new Error(`No WinAnsi code for ${JSON.stringify(char)} in "${text}"`)
    if (char === '(' || char === ')' || char === '\\') out += `\\${char}`
    else if (code < 0x20 || code > 0x7e) out += `\\${code.toString(8).padStart(3, '0')}`
    else out += char
  }
  return `${out})`
}

const rgb = ([r, g, b], op) => `${r} ${g} ${b} ${op}`

class PageWriter {
  ops = []
  y = page.height - page.margin

  rect(x, y, w, h, color) {
    this.ops.push(`${rgb(color, 'rg')} ${x} ${y} ${w} ${h} re f`)
  }

  text(x, y, content, { size = 11, bold = false, color = [0.13, 0.15, 0.17] } = {}) {
    const font = bold ? 'F2' : 'F1'
    this.ops.push(
      `BT ${rgb(color, 'rg')} /${font} ${size} Tf ${x} ${y} Td ${pdfString(content)} Tj ET`,
    )
  }

  paragraph(content, { size = 11, bold = false, gap = 10, indent = 0, color } = {}) {
    const leading = size * 1.45
    const maxWidth = page.width - 2 * page.margin - indent
    for (const line of wrap(content, size, maxWidth, bold)) {
      this.text(page.margin + indent, this.y, line, { size, bold, ...(color && { color }) })
      this.y -= leading
    }
    this.y -= gap
  }

  heading(content) {
    this.y -= 6
    this.paragraph(content, { size: 15, bold: true, gap: 4, color: brand })
  }

  bullets(items) {
    for (const item of items) {
      this.text(page.margin + 4, this.y, '•', { size: 11, color: brand })
      this.paragraph(item, { indent: 18, gap: 4 })
    }
    this.y -= 6
  }

  bars(title, rows) {
    this.paragraph(title, { size: 11, bold: true, gap: 6 })
    const labelWidth = 190
    const maxBar = page.width - 2 * page.margin - labelWidth - 40
    for (const [label, value] of rows) {
      this.text(page.margin, this.y, label, { size: 10 })
      this.rect(page.margin + labelWidth, this.y - 3, (maxBar * value) / 100, 12, brand)
      this.text(page.margin + labelWidth + (maxBar * value) / 100 + 6, this.y, `${value} %`, {
        size: 10,
      })
      this.y -= 20
    }
    this.y -= 8
  }

  footer(company, pageNumber, total) {
    this.rect(page.margin, 48, page.width - 2 * page.margin, 0.6, [0.8, 0.82, 0.84])
    this.text(page.margin, 34, company, { size: 8, color: [0.4, 0.43, 0.46] })
    const label = `${pageNumber} / ${total}`
    this.text(page.width - page.margin - textWidth(label, 8), 34, label, {
      size: 8,
      color: [0.4, 0.43, 0.46],
    })
  }
}

function cover(paper) {
  const w = new PageWriter()
  w.rect(0, 0, page.width, page.height, [0.97, 0.98, 0.97])
  w.rect(0, page.height - 330, page.width, 330, paper.color)
  w.rect(page.margin, page.height - 352, 96, 6, accent)
  w.text(page.margin, page.height - 90, paper.kicker.toUpperCase(), {
    size: 10,
    bold: true,
    color: [0.8, 0.93, 0.9],
  })
  let y = page.height - 150
  for (const line of wrap(paper.title, 30, page.width - 2 * page.margin, true)) {
    w.text(page.margin, y, line, { size: 30, bold: true, color: [1, 1, 1] })
    y -= 38
  }
  w.y = page.height - 400
  w.paragraph(paper.subtitle, { size: 14, gap: 24 })
  w.paragraph(paper.summary, { size: 11 })
  w.text(page.margin, 90, paper.company, { size: 12, bold: true, color: brand })
  w.text(page.margin, 72, paper.edition, { size: 10, color: [0.4, 0.43, 0.46] })
  return w
}

function body(paper, section) {
  const w = new PageWriter()
  w.text(page.margin, page.height - 40, paper.title, { size: 8, color: [0.4, 0.43, 0.46] })
  w.y = page.height - page.margin - 10
  for (const block of section) {
    if (block.h) w.heading(block.h)
    if (block.p) w.paragraph(block.p)
    if (block.list) w.bullets(block.list)
    if (block.bars) w.bars(block.bars.title, block.bars.rows)
    if (w.y < 80) throw new Error(`"${paper.title}": a page overflows; move text to a new page.`)
  }
  return w
}

function pdf(paper) {
  const writers = [cover(paper), ...paper.pages.map((section) => body(paper, section))]
  writers.forEach((w, index) => {
    if (index > 0) w.footer(paper.company, index + 1, writers.length)
  })
  const objects = []
  const add = (content) => objects.push(content) // object number = index + 1
  add('<< /Type /Catalog /Pages 2 0 R >>')
  add('') // pages, filled in below
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>')
  add(`<< /Title ${pdfString(paper.title)} /Author ${pdfString(paper.company)} >>`)
  const kids = []
  for (const w of writers) {
    const stream = w.ops.join('\n')
    add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`)
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${page.width} ${page.height}] ` +
        `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${objects.length} 0 R >>`,
    )
    kids.push(`${objects.length} 0 R`)
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'
  const offsets = []
  objects.forEach((content, index) => {
    offsets.push(Buffer.byteLength(out, 'latin1'))
    out += `${index + 1} 0 obj\n${content}\nendobj\n`
  })
  const xref = Buffer.byteLength(out, 'latin1')
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

mkdirSync(outDir, { recursive: true })
for (const paper of papers) {
  const bytes = pdf(paper)
  writeFileSync(join(outDir, `${paper.id}.pdf`), bytes)
  const size = (bytes.length / 1024).toFixed(1)
  stdout.write(`${paper.id}.pdf  ${size} kB, ${paper.pages.length + 1} pages\n`)
}
