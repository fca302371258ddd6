/**
 * The input sheets of the preview's download as `<row>` elements, for the streaming results
 * writer (xlsx-writer/worksheet-xml.ts `cellsWorksheetXml`, write-book.ts), which writes them
 * beside the result sheets in one package. An opened sheet is written from the typed columns the
 * reader filled (`columnRowsXml`), a sample sheet from its rows (`cellRowsXml`); both make the same
 * XML for the same cells (tests/workbook/input-sheet-columns.test.ts). exceljs cells cost about a
 * kilobyte each (the 1,048,575-row workbook took 5 GB), rows of values about a hundred bytes a
 * cell; the columns cost nothing more than the reader already holds.
 *
 * Cells are written as exceljs writes them: numbers as JavaScript prints them, booleans as 0/1,
 * dates as Excel serials (1900 system) in exceljs's date style, text as inline strings, text that
 * looks like a formula in the "@" style so it stays text. Characters XML cannot hold, a carriage
 * return, and text that would read as a `_xHHHH_` escape are written as `_xHHHH_` escapes, which
 * the readers decode (xlsx/xml-scan.ts), so the text reads back exactly.
 */
import type { CellValue } from "../engine/input/raw-table";
import { startsLikeFormula } from "./safe-text";
import { columnLetter } from "./result-styles";
import type { ColumnCells, SheetColumns } from "./xlsx/sheet-columns";
import { UNCALCULATED } from "./xlsx/sheet-cell";
import { KIND } from "./xlsx/sheet-columns";
import { CHUNK_BYTES } from "./xlsx-writer/byte-chunks";

/** The cell styles input cells use: a date, and the "@" text format (formula-looking text). */
export interface InputCellStyles {
  date: number;
  text: number;
}

/** Excel serial of a date as exceljs writes it (1900 date system). */
export function excelSerial(d: Date): number {
  return 25569 + d.getTime() / (24 * 3600 * 1000);
}

/** Characters XML 1.0 cannot hold, CR (read back as LF otherwise) and lone surrogates. */
const NEEDS_ESCAPE =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|_(?=x[0-9A-Fa-f]{4})/g;

const EDGE_SPACE = /^\s|\s$/;

/** Text for an inline string: XML-escaped, with `_xHHHH_` escapes where XML cannot hold it. */
export function cellText(s: string): string {
  return s
    .replace(
      NEEDS_ESCAPE,
      (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
    )
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * One cell's XML after its reference (`<c r="B7"` + this), or "" for an empty cell: a cell's XML
 * without the part that changes from row to row, so a value met again reuses it.
 */
export function cellTail(v: CellValue | undefined, styles: InputCellStyles): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? `><v>${String(v)}</v></c>` : "";
  if (typeof v === "boolean") return ` t="b"><v>${v ? 1 : 0}</v></c>`;
  if (v instanceof Date) {
    const serial = excelSerial(v);
    return Number.isFinite(serial) ? ` s="${styles.date}"><v>${serial}</v></c>` : "";
  }
  const style = startsLikeFormula(v) ? ` s="${styles.text}"` : "";
  // Spaces at either end, and only then, need xml:space (most cells are ids and names).
  const t = EDGE_SPACE.test(v) ? '<t xml:space="preserve">' : "<t>";
  return `${style} t="inlineStr"><is>${t}${cellText(v)}</t></is></c>`;
}

/** One cell's XML (`ref` like "B7"), or "" for an empty cell. */
export function cellXml(ref: string, v: CellValue | undefined, styles: InputCellStyles): string {
  const tail = cellTail(v, styles);
  return tail === "" ? "" : `<c r="${ref}"${tail}`;
}

/** `<row>` elements of rows [from, to) of `cells` (row 1 = cells[0]); empty rows are left out. */
export function rowsXml(
  cells: readonly (readonly CellValue[])[],
  from: number,
  to: number,
  styles: InputCellStyles,
  letters: string[],
): string {
  let out = "";
  for (let r = from; r < to; r++) {
    const row = cells[r];
    let inner = "";
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === undefined) continue;
      while (letters.length <= c) letters.push(columnLetter(letters.length + 1));
      inner += cellXml(`${letters[c]}${r + 1}`, v, styles);
    }
    if (inner !== "") out += `<row r="${r + 1}">${inner}</row>`;
  }
  return out;
}

/** The used range of `cells` as a dimension ref ("A1" when empty). */
export function dimensionRef(cells: readonly (readonly CellValue[])[]): string {
  let last = 0;
  let width = 0;
  for (let r = 0; r < cells.length; r++) {
    const row = cells[r];
    for (let c = row.length - 1; c >= 0; c--)
      if (row[c] !== null && row[c] !== undefined) {
        last = r + 1;
        if (c + 1 > width) width = c + 1;
        break;
      }
  }
  return last === 0 ? "A1" : `A1:${columnLetter(width)}${last}`;
}

/** Rows written so far (a writer's progress), counted by the row generators below. */
export interface RowCounter {
  rows: number;
}

/** Each non-empty row of `cells` (row 1 = cells[0]) as a `<row>` element, counted in `counter`. */
export function* cellRowsXml(
  cells: readonly (readonly CellValue[])[],
  styles: InputCellStyles,
  counter: RowCounter = { rows: 0 },
): Generator<string> {
  const letters: string[] = [];
  for (let r = 0; r < cells.length; r++) {
    const xml = rowsXml(cells, r, r + 1, styles, letters);
    if (xml !== "") {
      counter.rows++;
      yield xml;
    }
  }
}

/**
 * Kinds whose cell XML is kept per value: texts and dates repeat down a column, and so do most
 * numbers (store ids, amounts in cents); printing a double costs more than finding it again.
 */
const REUSED_KINDS: ReadonlySet<number> = new Set([
  KIND.number,
  KIND.serial,
  KIND.shared,
  KIND.text,
  KIND.isoDate,
]);

/** Distinct values a column keeps the XML of (a column of a million distinct dates keeps some). */
const REUSE_LIMIT = 1 << 16;

/**
 * The XML tail (`cellTail`) of a kept cell of one column, made once per kind and value (as text,
 * or as its UTF-8 bytes: `as`): a million rows of twenty thousand customer ids and fifty-two
 * weeks escape and print each id and date once. A cell's value depends on its kind and number
 * only (SheetColumns.value), so the tail does too. Null for a cell written as nothing.
 */
class ColumnTails<T> {
  private readonly reused = new Map<number, Map<number, T | null>>();
  private size = 0;

  constructor(
    private readonly sheet: SheetColumns,
    private readonly styles: InputCellStyles,
    private readonly as: (tail: string) => T,
  ) {}

  // The last cell's value and tail: a column often repeats a value row after row (a customer's id).
  private lastKind = -1;
  private lastVal = NaN;
  private lastTail: T | null = null;

  of(kind: number, val: number): T | null {
    if (val === this.lastVal && kind === this.lastKind) return this.lastTail;
    if (kind === KIND.uncalculated) return null;
    if (!REUSED_KINDS.has(kind)) return this.make(kind, val);
    let byVal = this.reused.get(kind);
    if (byVal === undefined) this.reused.set(kind, (byVal = new Map()));
    let tail = byVal.get(val);
    if (tail === undefined) {
      tail = this.make(kind, val);
      if (this.size < REUSE_LIMIT) {
        byVal.set(val, tail);
        this.size++;
      }
    }
    this.lastKind = kind;
    this.lastVal = val;
    this.lastTail = tail;
    return tail;
  }

  /** The tail of a text put in place of the cell. */
  text(t: string): T | null {
    const tail = cellTail(t, this.styles);
    return tail === "" ? null : this.as(tail);
  }

  private make(kind: number, val: number): T | null {
    const v = this.sheet.value(kind, val);
    const tail = v === UNCALCULATED ? "" : cellTail(v, this.styles);
    return tail === "" ? null : this.as(tail);
  }
}

/**
 * A sheet read into typed columns (xlsx/sheet-columns.ts) walked row by row, its columns side by
 * side in row order, without making its rows: `next` gives the next row that writes a cell and
 * the tail of each column's cell in it. `text` puts a text in place of a cell (an Excel table's
 * header names, `row:column`, both 1-based).
 */
class ColumnWalk<T> {
  readonly cols: {
    cells: ColumnCells | undefined;
    col: number;
    /** `<c r="` and the column's letters. */
    open: string;
    tails: ColumnTails<T>;
    k: number;
  }[] = [];
  private readonly textRows: Set<number>;
  private readonly lastRow: number;
  private r = 0;

  constructor(
    private readonly sheet: SheetColumns,
    styles: InputCellStyles,
    private readonly text: ReadonlyMap<string, string>,
    as: (tail: string) => T,
  ) {
    const textAt = new Map<number, Set<number>>(); // column -> rows with a text
    for (const key of text.keys()) {
      const [row, col] = key.split(":").map(Number);
      const rows = textAt.get(col) ?? new Set<number>();
      textAt.set(col, rows.add(row));
    }
    for (
      let col = 1;
      col < Math.max(sheet.columns.length, Math.max(0, ...textAt.keys()) + 1);
      col++
    ) {
      const cells = sheet.columns[col];
      if ((cells !== undefined && cells.n > 0) || textAt.has(col))
        this.cols.push({
          cells,
          col,
          open: `<c r="${columnLetter(col)}`,
          tails: new ColumnTails(sheet, styles, as),
          k: 0,
        });
    }
    this.textRows = new Set([...textAt.values()].flatMap((rows) => [...rows]));
    this.lastRow = Math.max(sheet.lastRow, ...this.textRows);
  }

  /** The next row writing a cell (0 at the end), with each column's tail in `tails` (null: none). */
  next(tails: (T | null)[]): number {
    while (this.r < this.lastRow) {
      const r = ++this.r;
      const replaced = this.textRows.has(r);
      if (!this.sheet.hasRow(r) && !replaced) continue;
      let any = false;
      for (let i = 0; i < this.cols.length; i++) {
        const e = this.cols[i];
        const c = e.cells;
        let tail: T | null = null;
        if (c !== undefined && e.k < c.n && c.rows[e.k] === r) {
          tail = e.tails.of(c.kinds[e.k], c.vals[e.k]);
          e.k++;
        }
        if (replaced) {
          const t = this.text.get(`${r}:${e.col}`);
          if (t !== undefined) tail = e.tails.text(t);
        }
        tails[i] = tail;
        if (tail !== null) any = true;
      }
      if (any) return r;
    }
    return 0;
  }
}

/**
 * Each non-empty row of a sheet read into typed columns (xlsx/sheet-columns.ts) as a `<row>`
 * element, the same XML `cellRowsXml` writes for the sheet's `plainCells()`, without making the
 * rows (ColumnWalk), a cell's XML made once per distinct value of its column. `text` puts a text
 * in place of a cell (an Excel table's header names, `row:column`, both 1-based). Rows written
 * are counted in `counter`. The download writes the same XML as bytes (`columnRowsBytes`).
 */
export function* columnRowsXml(
  sheet: SheetColumns,
  styles: InputCellStyles,
  text: ReadonlyMap<string, string> = new Map(),
  counter: RowCounter = { rows: 0 },
): Generator<string> {
  const walk = new ColumnWalk(sheet, styles, text, (tail) => tail);
  const tails: (string | null)[] = [];
  for (let r = walk.next(tails); r !== 0; r = walk.next(tails)) {
    let inner = "";
    for (let i = 0; i < walk.cols.length; i++) {
      const tail = tails[i];
      if (tail !== null) inner += `${walk.cols[i].open}${r}"${tail}`;
    }
    counter.rows++;
    yield `<row r="${r}">${inner}</row>`;
  }
}

const encoder = new TextEncoder();
const utf8 = (s: string): Uint8Array => encoder.encode(s);
const ROW_OPEN = utf8('<row r="');
const ROW_CLOSE = utf8("</row>");
const QUOTE = 34; // "
const GT = 62; // >

/** Writes the decimal digits of a positive integer at `at`; returns the position after them. */
function writeDigits(buf: Uint8Array, at: number, n: number): number {
  let digits = 1;
  for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
  for (let i = at + digits - 1; i >= at; i--) {
    buf[i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
  return at + digits;
}

/**
 * `columnRowsXml`'s XML as UTF-8 bytes in chunks of about `chunkBytes`, written straight into the
 * chunk from each column's cell tails kept as bytes (no string per row, nothing to encode): the
 * download's writer for an opened sheet (a million rows of four cells). Same XML, byte for byte
 * (tests/workbook/input-sheet-columns.test.ts); rows counted in `counter`.
 */
export function* columnRowsBytes(
  sheet: SheetColumns,
  styles: InputCellStyles,
  text: ReadonlyMap<string, string> = new Map(),
  counter: RowCounter = { rows: 0 },
  chunkBytes = CHUNK_BYTES,
): Generator<Uint8Array> {
  const walk = new ColumnWalk(sheet, styles, text, utf8);
  const opens = walk.cols.map((e) => utf8(e.open));
  const tails: (Uint8Array | null)[] = [];
  let buf = new Uint8Array(chunkBytes);
  let pos = 0;
  for (let r = walk.next(tails); r !== 0; r = walk.next(tails)) {
    // The row's most bytes: its tags and numbers (at most 16 digits each), then the tails.
    let need = ROW_OPEN.length + 18 + ROW_CLOSE.length;
    for (let i = 0; i < tails.length; i++) {
      const tail = tails[i];
      if (tail !== null) need += opens[i].length + 17 + tail.length;
    }
    if (pos + need > buf.length) {
      if (pos > 0) yield buf.subarray(0, pos);
      buf = new Uint8Array(Math.max(chunkBytes, need));
      pos = 0;
    }
    buf.set(ROW_OPEN, pos);
    pos = writeDigits(buf, pos + ROW_OPEN.length, r);
    buf[pos++] = QUOTE;
    buf[pos++] = GT;
    for (let i = 0; i < tails.length; i++) {
      const tail = tails[i];
      if (tail === null) continue;
      buf.set(opens[i], pos);
      pos = writeDigits(buf, pos + opens[i].length, r);
      buf[pos++] = QUOTE;
      buf.set(tail, pos);
      pos += tail.length;
    }
    buf.set(ROW_CLOSE, pos);
    pos += ROW_CLOSE.length;
    counter.rows++;
  }
  if (pos > 0) yield buf.subarray(0, pos);
}
