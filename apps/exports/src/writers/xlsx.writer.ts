import { Writable } from 'node:stream';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { isStatus, STATUS_COLOURS, statusWord } from '../documents/cell-display';
import { Cell, CellKind, cellKind, cellValue, Column, ExportDocument } from '../documents/export-document';
import { finished, FormatWriter } from './format-writer';

/**
 * Excel number formats. The separators follow the reader's locale, so on a Vietnamese Windows
 * 630485 shows as 630.485 and 0.86 as 86,0 %: the cells stay numbers people can sum.
 */
export const NUMBER_FORMATS: Record<CellKind, string | undefined> = {
  text: undefined,
  status: undefined,
  integer: '#,##0',
  decimal: '#,##0.00',
  percent: '0.0%',
  date: 'dd/mm/yyyy',
  flag: undefined,
};

const HEADER_FILL = 'D9E1F2';
// Rows handed to the zip between pauses: lets it compress and write before more pile up.
const ROWS_PER_PAUSE = 500;
// Excel stops at 1,048,576 rows a sheet; a longer group goes on in a second sheet.
const ROWS_PER_SHEET = 1_000_000;

/** A summary sheet, then one sheet per group (pillar), each with a frozen, filterable header. */
@Injectable()
export class XlsxWriter implements FormatWriter {
  readonly format = 'xlsx' as const;
  readonly contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  readonly extension = 'xlsx';

  async write(document: ExportDocument, out: Writable, onRow: () => void): Promise<void> {
    const done = finished(out);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = 'Nền tảng báo cáo chuyển đổi số';
    workbook.created = new Date();
    const names = new SheetNames();
    if (document.summary) {
      const { summary } = document;
      const sheet = workbook.addWorksheet(names.take(summary.name), { views: [{ state: 'frozen', ySplit: 4 }] });
      sheet.columns = summary.columns.map((c) => ({ key: c.key, width: c.width, style: styleOf(c) }));
      const title = sheet.addRow([document.title]);
      title.font = { bold: true, size: 14 };
      title.commit();
      const subtitle = sheet.addRow([document.subtitle]);
      subtitle.font = { bold: true };
      subtitle.commit();
      sheet.addRow([]).commit();
      headerRow(sheet, summary.columns);
      for (const row of summary.rows) dataRow(sheet, summary.columns, row);
      sheet.commit();
    }
    const { columns, groups } = document.details;
    for (const group of groups) {
      const openSheet = () => {
        const sheet = workbook.addWorksheet(names.take(group.name), { views: [{ state: 'frozen', ySplit: 1 }] });
        sheet.columns = columns.map((c) => ({ key: c.key, width: c.width, style: styleOf(c) }));
        sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
        headerRow(sheet, columns);
        return sheet;
      };
      let sheet = openSheet();
      let written = 0;
      for await (const row of group.rows()) {
        if (written > 0 && written % ROWS_PER_SHEET === 0) {
          sheet.commit();
          sheet = openSheet();
        }
        dataRow(sheet, columns, row);
        onRow();
        if (++written % ROWS_PER_PAUSE === 0) await yieldToIo();
      }
      sheet.commit();
    }
    await workbook.commit();
    await done;
  }
}

function styleOf(column: Column): Partial<ExcelJS.Style> {
  const numFmt = NUMBER_FORMATS[column.kind];
  return numFmt ? { numFmt } : {};
}

function headerRow(sheet: ExcelJS.Worksheet, columns: Column[]): void {
  const row = sheet.addRow(columns.map((c) => c.header));
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${HEADER_FILL}` } };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  row.commit();
}

function dataRow(sheet: ExcelJS.Worksheet, columns: Column[], cells: Cell[]): void {
  const row = sheet.addRow(cells.map((cell, i) => {
    const v = cellValue(cell);
    return cellKind(columns[i] as Column, cell) === 'status' && v !== null ? statusWord(v) : typeof v === 'boolean' ? (v ? 'Có' : 'Không') : v;
  }));
  cells.forEach((cell, i) => {
    const kind = cellKind(columns[i] as Column, cell);
    const value = cellValue(cell);
    // A cell formatted by its row (an indicator's kind) rather than by its column.
    const numFmt = NUMBER_FORMATS[kind];
    if (kind !== columns[i]?.kind && numFmt) row.getCell(i + 1).numFmt = numFmt;
    if (kind !== 'status' || !isStatus(value)) return;
    const colour = STATUS_COLOURS[value];
    const written = row.getCell(i + 1);
    written.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${colour.fill}` } };
    written.font = { color: { argb: `FF${colour.text}` } };
  });
  row.commit();
}

const MAX_SHEET_NAME = 31;

/** A name too long for a sheet, cut after a whole word (not mid-phrase) and marked as cut. */
function shortened(name: string): string {
  const room = name.slice(0, MAX_SHEET_NAME - 1);
  const lastSpace = room.lastIndexOf(' ');
  return `${(lastSpace >= MAX_SHEET_NAME / 2 ? room.slice(0, lastSpace) : room).trim()}…`;
}

/** Excel's rules for sheet names: 31 characters, none of []:*?/\, unique ignoring case. */
export class SheetNames {
  private readonly used = new Set<string>();

  take(wanted: string): string {
    const cleaned = wanted.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim();
    const base = (cleaned.length <= MAX_SHEET_NAME ? cleaned : shortened(cleaned)) || 'Sheet';
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
    this.used.add(name.toLowerCase());
    return name;
  }
}
