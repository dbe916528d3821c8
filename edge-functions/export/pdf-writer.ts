// The export's blocks (domain/export/export-model.ts) as a PDF with PDFKit: one language in one
// column, or both side by side (English left, French right). Lines are laid out in rows — the
// k-th English line beside the k-th French one, at the same height — and a row that does not fit
// on the page starts the next one, so the two columns never drift apart across pages.
//
// The standard Helvetica fonts need no font file; they cover Windows-1252 (every French
// letter, guillemets, the em dash), not scripts beyond it.
import PDFDocument from 'pdfkit';
import { blockLines, columnsOf, type ExportBlock, type ExportLanguages } from '../../domain/export/export-model.ts';

const PAGE = { size: 'LETTER', margin: 54 } as const;
const GUTTER = 24;

interface LineStyle {
  font: 'Helvetica' | 'Helvetica-Bold';
  size: number;
  color: string;
  /** Space before the row, in points. */
  before: number;
}

const BODY: LineStyle = { font: 'Helvetica', size: 10.5, color: '#1b1b1b', before: 4 };
const HEADING: LineStyle = { font: 'Helvetica-Bold', size: 13, color: '#1f3a60', before: 14 };

/** The style of line `index` of a block. */
function styleOf(block: ExportBlock, index: number): LineStyle {
  if (block.kind === 'title') return { font: 'Helvetica-Bold', size: 18, color: '#1b1b1b', before: 0 };
  if (block.kind === 'stamp') return { font: 'Helvetica-Bold', size: 11, color: block.approved ? '#1d6b2f' : '#8a1f11', before: 14 };
  return index === 0 ? HEADING : BODY;
}

/**
 * `text` cut at spaces into pieces no taller than `room` at the current font: one piece for any
 * ordinary paragraph. (A single word wider than the column is broken by PDFKit itself.)
 */
function piecesThatFit(doc: PDFKit.PDFDocument, text: string, width: number, room: number): string[] {
  if (!text || doc.heightOfString(text, { width }) <= room) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const longer = current ? `${current} ${word}` : word;
    if (current && doc.heightOfString(longer, { width }) > room) {
      pieces.push(current);
      current = word;
    } else {
      current = longer;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** The PDF bytes of an export. */
export function writePdf(blocks: readonly ExportBlock[], languages: ExportLanguages): Promise<Uint8Array<ArrayBuffer>> {
  const columns = columnsOf(languages);
  const title = blocks.find((b) => b.kind === 'title');
  const doc = new PDFDocument({ size: PAGE.size, margin: PAGE.margin, info: { Title: title ? title.text[columns[0]!] : 'Job description', Creator: 'jd-kit' } });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const done = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    doc.on('end', () => {
      const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      resolve(bytes);
    });
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const columnWidth = columns.length === 1 ? width : (width - GUTTER) / 2;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  let y = doc.page.margins.top;

  const room = bottom() - doc.page.margins.top;

  /** Draws one row: each column's text from the same height, on a new page when it does not fit. */
  const drawRow = (block: ExportBlock, style: LineStyle, cells: string[]) => {
    const height = Math.max(...cells.map((text) => (text ? doc.heightOfString(text, { width: columnWidth }) : 0)));
    const before = y === doc.page.margins.top ? 0 : style.before;
    if (y + before + height > bottom()) {
      doc.addPage();
      y = doc.page.margins.top;
    } else {
      y += before;
    }
    cells.forEach((text, column) => {
      if (!text) return;
      const x = left + column * (columnWidth + GUTTER);
      if (block.kind === 'stamp') doc.rect(x - 4, y - 4, columnWidth + 8, height + 8).lineWidth(1).strokeColor(style.color).stroke();
      doc.fillColor(style.color).text(text, x, y, { width: columnWidth, lineBreak: true });
    });
    y += height + (block.kind === 'stamp' ? 6 : 0);
  };

  for (const block of blocks) {
    const lines = columns.map((lang) => blockLines(block, lang));
    const rows = Math.max(...lines.map((l) => l.length));
    for (let index = 0; index < rows; index++) {
      const style = styleOf(block, index);
      doc.font(style.font).fontSize(style.size);
      // A paragraph taller than a page goes in page-sized pieces, each row still side by side.
      const pieces = lines.map((l) => piecesThatFit(doc, l[index] ?? '', columnWidth, room));
      const count = Math.max(...pieces.map((p) => p.length));
      for (let piece = 0; piece < count; piece++) drawRow(block, style, pieces.map((p) => p[piece] ?? ''));
    }
  }
  doc.end();
  return done;
}
