import { TargetStatus } from '@dtp/domain';

/**
 * What every export is made of, whatever the format: a title, an optional summary table and the
 * detail rows. The writers turn it into a file; the builders fill it from the data. Detail rows
 * are an async stream, so a province-year of values never sits in memory whole.
 */
export type CellKind = 'text' | 'integer' | 'decimal' | 'percent' | 'status' | 'date' | 'flag';

export interface Column {
  /** The CSV header and a stable name for machines: snake_case, English. */
  key: string;
  /** The header people read (Vietnamese). */
  header: string;
  kind: CellKind;
  /** Relative width, in characters of an Excel column. */
  width: number;
}

/** A status cell holds the machine value; writers show its label and colour. */
export type PlainCell = string | number | boolean | null | TargetStatus;

/** A number whose format is its row's (an indicator's kind), not its column's: a count in a column of ratios. */
export interface NumberCell {
  number: number | null;
  kind: 'integer' | 'decimal';
}

export type Cell = PlainCell | NumberCell;

/** A cell's kind: its own for a NumberCell, its column's otherwise (no allocation: called for every cell of a large export). */
export function cellKind(column: Column, cell: Cell): CellKind {
  return cell !== null && typeof cell === 'object' ? cell.kind : column.kind;
}

/** What a cell holds, without its formatting. */
export function cellValue(cell: Cell): PlainCell {
  return cell !== null && typeof cell === 'object' ? cell.number : cell;
}

export interface Table {
  columns: Column[];
  rows: Cell[][];
}

export interface DetailGroup {
  /** Becomes the sheet name in Excel (at most 31 characters) and a heading elsewhere. */
  name: string;
  title: string;
  rows: () => AsyncIterable<Cell[]>;
}

/** What a Word document in the Decree 30/2020 layout says around its body. */
export interface Letterhead {
  /** The body the agency belongs to, upper case: "UBND TỈNH LẠNG SƠN". */
  agencyParent: string;
  /** The agency that issues it, upper case, bold: "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ". */
  agencyName: string;
  /** Kind and agency part of the number, written after "Số: …/": "BC-BCĐ". */
  symbol: string;
  place: string;
  /** YYYY-MM-DD in Vietnam. */
  date: string;
  recipients: string[];
  /** "TM. BAN CHỈ ĐẠO", then the signer's title ("TRƯỞNG BAN") and name (empty: written by hand). */
  signature: { authority: string; title: string; name: string };
}

export interface ExportDocument {
  letterhead: Letterhead;
  /** "BÁO CÁO" kind of heading, then what it is about. */
  title: string;
  subtitle: string;
  /** The province, for the place in "Lạng Sơn, ngày … tháng … năm …" and the agency. */
  provinceName: string;
  /** Sentences above the tables in the Word and PDF documents. */
  lead: string[];
  summary?: Table & { name: string; title: string };
  details: { columns: Column[]; groups: DetailGroup[] };
  /** How many detail rows are expected, for progress; an estimate is enough. */
  expectedRows: number;
  /** The file's name without extension, in Vietnamese. */
  fileName: string;
}

/** Ends an export with a reason people read; the job is marked failed with it. */
export class ExportFailure extends Error {
  constructor(
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
    this.name = 'ExportFailure';
  }
}

export async function* fromArray<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}
