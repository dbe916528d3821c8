// The export's blocks (domain/export/export-model.ts) as a Word document with `docx`: one
// language as headings and paragraphs, or both side by side as a two-column table (English
// left, French right), one row per block, so each French paragraph faces its English one.
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { blockLines, columnsOf, fieldLine, type ExportBlock, type ExportLanguages } from '../../domain/export/export-model.ts';
import type { Lang } from '../../domain/sections.ts';

const FONT = 'Arial';
/** US Letter in twentieths of a point, the paper of Government of Canada documents (as the PDF). */
const LETTER = { width: 12240, height: 15840, orientation: PageOrientation.PORTRAIT };

function paragraphsOf(block: ExportBlock, lang: Lang): Paragraph[] {
  switch (block.kind) {
    case 'title':
      return [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: block.text[lang], font: FONT, bold: true })] })];
    case 'stamp':
      return [
        new Paragraph({
          alignment: AlignmentType.LEFT,
          border: { top: { style: BorderStyle.SINGLE, size: 6, color: '1F3A60' }, bottom: { style: BorderStyle.SINGLE, size: 6, color: '1F3A60' } },
          children: [new TextRun({ text: block.text[lang], font: FONT, bold: true, color: block.approved ? '1D6B2F' : '8A1F11' })],
        }),
      ];
    case 'identification':
      return [
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: block.heading[lang], font: FONT })] }),
        ...block.fields.map((field) => {
          const line = fieldLine(field, lang);
          const label = line.slice(0, line.length - field.value[lang].length);
          return new Paragraph({ children: [new TextRun({ text: label, font: FONT, bold: true }), new TextRun({ text: field.value[lang], font: FONT })] });
        }),
      ];
    case 'section': {
      const [heading, ...body] = blockLines(block, lang);
      return [
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: heading!, font: FONT })] }),
        ...body.map((text) => new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text, font: FONT })] })),
      ];
    }
  }
}

function sideBySide(blocks: readonly ExportBlock[]): Table {
  const cell = (block: ExportBlock, lang: Lang) => new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: paragraphsOf(block, lang) });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: blocks.map((block) => new TableRow({ cantSplit: block.kind !== 'section', children: [cell(block, 'en'), cell(block, 'fr')] })),
  });
}

/** The DOCX bytes of an export. */
export async function writeDocx(blocks: readonly ExportBlock[], languages: ExportLanguages): Promise<Uint8Array<ArrayBuffer>> {
  const columns = columnsOf(languages);
  const children = languages === 'both' ? [sideBySide(blocks)] : blocks.flatMap((block) => paragraphsOf(block, columns[0]!));
  const title = blocks.find((b) => b.kind === 'title');
  const document = new Document({
    creator: 'jd-kit',
    title: title ? title.text[columns[0]!] : 'Job description',
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [{ properties: { page: { size: LETTER } }, children }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
