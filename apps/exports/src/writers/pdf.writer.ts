import { Writable } from 'node:stream';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { displayCell, isStatus, STATUS_COLOURS } from '../documents/cell-display';
import { Cell, cellKind, cellValue, Column, ExportDocument } from '../documents/export-document';
import { finished, FormatWriter } from './format-writer';
import { PdfFonts } from './pdf-fonts';

export const PDF_FONTS = Symbol('PDF_FONTS');

const MARGIN = 40;
const PADDING = 3;
const BODY_SIZE = 9;
const HEADER_FILL = '#D9E1F2';
const GRID = '#808080';

/**
 * A4 landscape, the fonts embedded (subset) so Vietnamese prints the same everywhere; tables
 * wrap text in their cells and carry their header onto every page they run over. pdfkit writes
 * pages out as they fill, so a long table does not stay in memory.
 */
@Injectable()
export class PdfWriter implements FormatWriter {
  readonly format = 'pdf' as const;
  readonly contentType = 'application/pdf';
  readonly extension = 'pdf';

  constructor(@Inject(PDF_FONTS) private readonly fonts: PdfFonts) {}

  async write(document: ExportDocument, out: Writable, onRow: () => void): Promise<void> {
    const pdf = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, bufferPages: false, info: { Title: `${document.title} – ${document.subtitle}`, Creator: 'Nền tảng báo cáo chuyển đổi số' } });
    pdf.registerFont('body', this.fonts.regular);
    pdf.registerFont('bold', this.fonts.bold);
    const done = finished(out);
    pdf.pipe(out);
    const width = pdf.page.width - 2 * MARGIN;
    pdf.font('bold').fontSize(14).text(document.title, { align: 'center', width });
    pdf.font('bold').fontSize(12).text(document.subtitle, { align: 'center', width });
    pdf.moveDown(0.5);
    pdf.font('body').fontSize(10);
    for (const sentence of document.lead) pdf.text(sentence, { align: 'justify', width });
    pdf.moveDown(0.5);
    if (document.summary) {
      heading(pdf, document.summary.title);
      const table = new PdfTable(pdf, document.summary.columns);
      for (const row of document.summary.rows) table.row(row);
      pdf.moveDown(1);
    }
    for (const group of document.details.groups) {
      heading(pdf, group.title);
      const table = new PdfTable(pdf, document.details.columns);
      let written = 0;
      for await (const row of group.rows()) {
        table.row(row);
        onRow();
        // Lets the finished pages flow to the file before more are drawn.
        if (++written % 200 === 0) await yieldToIo();
      }
      pdf.moveDown(1);
    }
    pdf.end();
    await done;
  }
}

function heading(pdf: PDFKit.PDFDocument, text: string): void {
  if (pdf.y > pdf.page.height - MARGIN - 60) pdf.addPage();
  pdf.font('bold').fontSize(11).text(text, MARGIN, pdf.y, { width: pdf.page.width - 2 * MARGIN });
  pdf.moveDown(0.3);
}

/** Draws rows one at a time; a row that does not fit starts a new page under a repeated header. */
class PdfTable {
  private readonly widths: number[];

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly columns: Column[],
  ) {
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const width = pdf.page.width - 2 * MARGIN;
    this.widths = columns.map((c) => (c.width / total) * width);
    this.header();
  }

  row(values: Cell[]): void {
    const texts = values.map((v, i) => displayCell(cellKind(this.columns[i] as Column, v), cellValue(v)));
    const height = this.heightOf(texts, 'body');
    if (this.pdf.y + height > this.pdf.page.height - MARGIN) {
      this.pdf.addPage();
      this.header();
    }
    this.draw(
      texts,
      'body',
      values.map((v, i) => (this.columns[i].kind === 'status' && isStatus(v) ? STATUS_COLOURS[v] : undefined)),
    );
  }

  private header(): void {
    const texts = this.columns.map((c) => c.header);
    this.draw(texts, 'bold', texts.map(() => ({ fill: HEADER_FILL.slice(1), text: '000000' })));
  }

  private heightOf(texts: string[], font: 'body' | 'bold'): number {
    this.pdf.font(font).fontSize(BODY_SIZE);
    return Math.max(...texts.map((t, i) => this.pdf.heightOfString(t, { width: this.widths[i] - 2 * PADDING }))) + 2 * PADDING;
  }

  private draw(texts: string[], font: 'body' | 'bold', colours: Array<{ fill: string; text: string } | undefined>): void {
    const height = this.heightOf(texts, font);
    const top = this.pdf.y;
    let x = MARGIN;
    texts.forEach((text, i) => {
      const w = this.widths[i];
      const colour = colours[i];
      if (colour) this.pdf.rect(x, top, w, height).fill(`#${colour.fill}`);
      this.pdf.rect(x, top, w, height).lineWidth(0.5).stroke(GRID);
      const numeric = ['integer', 'decimal', 'percent'].includes(this.columns[i].kind);
      this.pdf
        .fillColor(colour ? `#${colour.text}` : '#000000')
        .font(font)
        .fontSize(BODY_SIZE)
        .text(text, x + PADDING, top + PADDING, { width: w - 2 * PADDING, align: numeric && font === 'body' ? 'right' : 'left', lineBreak: true });
      x += w;
    });
    this.pdf.fillColor('#000000');
    this.pdf.x = MARGIN;
    this.pdf.y = top + height;
  }
}
