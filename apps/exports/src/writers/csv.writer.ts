import { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { CellKind, cellKind, cellValue, Column, ExportDocument, PlainCell } from '../documents/export-document';
import { finished, FormatWriter, writeChunk } from './format-writer';

const BOM = '\uFEFF';

/**
 * One table for machines (RFC 4180, CRLF): the detail rows only, headed by the columns' English
 * keys; numbers with a dot and no grouping, dates ISO, statuses as their codes. The BOM makes
 * Excel read it as UTF-8, so Vietnamese names open intact.
 */
@Injectable()
export class CsvWriter implements FormatWriter {
  readonly format = 'csv' as const;
  readonly contentType = 'text/csv; charset=utf-8';
  readonly extension = 'csv';

  async write(document: ExportDocument, out: Writable, onRow: () => void): Promise<void> {
    const { columns, groups } = document.details;
    const done = finished(out);
    await writeChunk(out, BOM + csvLine(columns.map((c) => c.key)));
    for (const group of groups) {
      for await (const row of group.rows()) {
        await writeChunk(out, csvLine(row.map((cell, i) => csvCell(cellKind(columns[i] as Column, cell), cellValue(cell)))));
        onRow();
      }
    }
    out.end();
    await done;
  }
}

function csvCell(kind: CellKind, value: PlainCell): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Text that a spreadsheet would run as a formula is prefixed (OWASP "CSV injection").
  return kind === 'text' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvLine(fields: string[]): string {
  return `${fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')}\r\n`;
}
