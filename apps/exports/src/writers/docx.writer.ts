import { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { documentPlaceAndDate } from '@dtp/domain';
import { displayCell, isStatus, STATUS_COLOURS } from '../documents/cell-display';
import { Cell, cellKind, cellValue, Column, ExportDocument, ExportFailure } from '../documents/export-document';
import { FormatWriter, writeChunk } from './format-writer';

/** A Word document is read and signed, not scrolled: beyond this many rows, Excel or CSV. */
export const DOCX_MAX_ROWS = 3000;

const FONT = 'Times New Roman';
// Half-points, as Word counts them.
const PT = (points: number) => points * 2;
// Twentieths of a point; 1 mm = 56.7 twips.
const MM = (millimetres: number) => Math.round(millimetres * 56.7);
const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

const run = (text: string, style: RunStyle = {}) => new TextRun({ text, font: FONT, size: PT(style.size ?? 14), bold: style.bold, italics: style.italics });

const line = (text: string, style: RunStyle & { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number } = {}) =>
  new Paragraph({ alignment: style.align ?? AlignmentType.CENTER, spacing: { after: style.after ?? 0 }, children: [run(text, style)] });

/**
 * The report the steering committee signs, in the layout of Decree 30/2020 (appendix I): A4,
 * margins 20–25 mm top and bottom, 30–35 mm left, 15–20 mm right; agency top left and the
 * national motto top right; number and symbol; place and date; title; the body with the
 * scorecard tables; "Nơi nhận" and the signature block. Times New Roman, 13–14 pt in the body.
 */
@Injectable()
export class DocxWriter implements FormatWriter {
  readonly format = 'docx' as const;
  readonly contentType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  readonly extension = 'docx';

  async write(document: ExportDocument, out: Writable, onRow: () => void): Promise<void> {
    const { letterhead } = document;
    const body: Array<Paragraph | Table> = [
      headerTable(letterhead, document),
      line(''),
      line(document.title, { bold: true, size: 14 }),
      line(document.subtitle, { bold: true, size: 14, after: 240 }),
      ...document.lead.map((text) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: MM(10) }, spacing: { after: 120, line: 300 }, children: [run(text)] })),
    ];
    if (document.summary) {
      body.push(new Paragraph({ spacing: { before: 120, after: 120 }, children: [run(document.summary.title, { bold: true })] }));
      body.push(dataTable(document.summary.columns, document.summary.rows));
    }
    let rows = 0;
    for (const group of document.details.groups) {
      const groupRows: Cell[][] = [];
      for await (const row of group.rows()) {
        if (++rows > DOCX_MAX_ROWS) throw new ExportFailure(`more than ${DOCX_MAX_ROWS} rows is too long for a Word document: choose XLSX, CSV or PDF`, `quá ${DOCX_MAX_ROWS} dòng, quá dài cho văn bản Word: hãy chọn XLSX, CSV hoặc PDF`);
        groupRows.push(row);
        onRow();
      }
      body.push(new Paragraph({ spacing: { before: 240, after: 120 }, children: [run(group.title, { bold: true })] }));
      body.push(dataTable(document.details.columns, groupRows));
    }
    body.push(line(''), closingTable(letterhead));
    const file = new Document({
      creator: 'Nền tảng báo cáo chuyển đổi số',
      title: `${document.title} ${document.subtitle}`,
      styles: { default: { document: { run: { font: FONT, size: PT(14) } } } },
      sections: [{ properties: { page: { size: { width: MM(210), height: MM(297) }, margin: { top: MM(20), bottom: MM(20), left: MM(30), right: MM(15) } } }, children: body }],
    });
    await writeChunk(out, await Packer.toBuffer(file));
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

/** Two blocks side by side without borders, as the letterhead and the closing are laid out. */
function sideBySide(left: { width: number; children: Paragraph[] }, right: { width: number; children: Paragraph[] }): Table {
  const cell = ({ width, children }: { width: number; children: Paragraph[] }) => new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, layout: TableLayoutType.FIXED, rows: [new TableRow({ children: [cell(left), cell(right)] })] });
}

/** Agency and number on the left, motto and place-date on the right. */
function headerTable(letterhead: ExportDocument['letterhead'], document: ExportDocument): Table {
  return sideBySide(
    { width: 40, children: [line(letterhead.agencyParent.toUpperCase(), { size: 13 }), line(letterhead.agencyName.toUpperCase(), { bold: true, size: 13 }), line('———', { size: 13, after: 120 }), line(`Số:        /${letterhead.symbol}`, { size: 13 })] },
    {
      width: 60,
      children: [
        line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 13 }),
        line('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 14 }),
        line('———————————', { size: 13, after: 120 }),
        line(documentPlaceAndDate(letterhead.place || document.provinceName, letterhead.date), { italics: true, size: 14 }),
      ],
    },
  );
}

function dataTable(columns: Column[], rows: Cell[][]): Table {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const cell = (column: Column, text: string, options: { bold?: boolean; fill?: string; colour?: string }) =>
    new TableCell({
      width: { size: Math.round((column.width / total) * 100), type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlign.CENTER,
      shading: options.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } : undefined,
      children: [
        new Paragraph({
          alignment: ['integer', 'decimal', 'percent'].includes(column.kind) && !options.bold ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, font: FONT, size: PT(12), bold: options.bold, color: options.colour })],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      // Repeated at the top of every page the table runs over.
      new TableRow({ tableHeader: true, children: columns.map((c) => cell(c, c.header, { bold: true, fill: 'D9E1F2' })) }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: columns.map((c, i) => {
              const kind = cellKind(c, row[i] ?? null);
              const value = cellValue(row[i] ?? null);
              const colour = kind === 'status' && isStatus(value) ? STATUS_COLOURS[value] : undefined;
              return cell(c, displayCell(kind, value), { fill: colour?.fill, colour: colour?.text });
            }),
          }),
      ),
    ],
  });
}

/** "Nơi nhận" on the left (12 pt bold italic, the list 11 pt); the signature block on the right. */
function closingTable(letterhead: ExportDocument['letterhead']): Table {
  return sideBySide(
    { width: 50, children: [line('Nơi nhận:', { bold: true, italics: true, size: 12, align: AlignmentType.LEFT }), ...letterhead.recipients.map((r) => line(`- ${r}`, { size: 11, align: AlignmentType.LEFT }))] },
    {
      width: 50,
      children: [
        line(letterhead.signature.authority.toUpperCase(), { bold: true, size: 14 }),
        line(letterhead.signature.title.toUpperCase(), { bold: true, size: 14, after: 1400 }),
        line(letterhead.signature.name, { bold: true, size: 14 }),
      ],
    },
  );
}
