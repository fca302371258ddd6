/**
 * The CSV reader for large tables: one pass over the file's code units that cuts the fields and,
 * as it goes, gives each field the code of its column's first field written the same way
 * (csv-field-codes.ts: a hash folded in unit by unit, then one short comparison); it keeps no
 * string per cell, no array per row and no position per field, only one code per row and column.
 * The units are the file's bytes when it is UTF-8 (`scanCsvBytes`: no decoding to text; every
 * character the grammar looks at is ASCII, which UTF-8 never uses inside a multi-byte character)
 * or the UTF-16 code units of decoded text (`scanCsv`: UTF-16 and Windows-1252 files, and tests).
 * A cell's text is made from its code's first field when it is read, and plain money text is
 * turned into cents straight from the units once per code (`plainCents`), so a million-row sales
 * table costs one typed array per column.
 *
 * It parses exactly as csv-parser.ts parseCsv (the reference, kept for tests and small uses):
 * same delimiter sniffing, quoted fields, doubled quotes, text after a closing quote, CRLF / LF /
 * CR, byte-order mark, blank lines as one empty field, no record after a final line end, and the
 * same unclosed-quote report. tests/workbook/csv-columns.test.ts checks the two agree on random
 * CSV text.
 */
import type { CellValue, DistinctCells, TableCells } from "../engine/input/raw-table";
import { type CsvUnits, FieldCodes, hashUnits } from "./csv-field-codes";
import { afterQuoted, CsvRowScan } from "./csv-row-scan";
import { FieldStarts } from "./csv-field-starts";
import { plainCentsOf } from "./csv-plain-cents";
import { warmUpCsv } from "./csv-scan-warm-up";

export type { CsvUnits } from "./csv-field-codes";

/** Where a quoted field that never closes opens (1-based line) and the lines after it. */
export interface UnclosedQuote {
  line: number;
  linesSwallowed: number;
}

/** Line-end count between two positions, as parseCsv counts them. */
function lineEnds(text: CsvUnits, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = text[k];
    if (c === 10 || (c === 13 && text[k + 1] !== 10)) n++;
  }
  return n;
}

/** Keeps a U+FEFF that starts a field (the decoder would drop it as a byte-order mark). */
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The text of units [from, to): UTF-16 code units or ASCII bytes straight from their codes,
 * other UTF-8 bytes through the decoder (a field never splits a character: it is cut at ASCII).
 */
function unitsText(text: CsvUnits, from: number, to: number, ascii: boolean): string {
  if (to - from > 1024 || (!ascii && text instanceof Uint8Array)) {
    if (text instanceof Uint8Array && !ascii) return utf8.decode(text.subarray(from, to));
    let out = "";
    for (let k = from; k < to; k += 1024)
      out += String.fromCharCode.apply(null, Array.from(text.subarray(k, Math.min(to, k + 1024))));
    return out;
  }
  let out = "";
  for (let k = from; k < to; k++) out += String.fromCharCode(text[k]);
  return out;
}

/** Whether a character code is one `String.prototype.trim` never removes and is not blank. */
const isPlainVisible = (c: number): boolean => c > 32 && c < 127;

/**
 * The text of the field at units [from, to) as parseCsv returns it: a quoted field (its first unit
 * a quote) unquoted by the same walk as parseCsv (doubled quotes; text after the closing quote
 * appended).
 */
function fieldText(text: CsvUnits, from: number, to: number, ascii: boolean): string {
  if (from === to || text[from] !== 34) return unitsText(text, from, to, ascii);
  let out = "";
  let start = from + 1;
  let j = start;
  for (;;) {
    const q = text.indexOf(34, j);
    if (q < 0 || q >= to) return out + unitsText(text, start, to, ascii);
    if (q + 1 < text.length && text[q + 1] === 34) {
      out += unitsText(text, start, q + 1, ascii);
      j = q + 2;
      start = j;
      continue;
    }
    out += unitsText(text, start, q, ascii);
    return out + unitsText(text, q + 1, to, ascii);
  }
}

/** Where the field starting at `from` ends: the delimiter, line end or end of text after it. */
function fieldEnd(text: CsvUnits, from: number, d: number): number {
  const n = text.length;
  let i = from;
  if (text[i] === 34) {
    const k = afterQuoted(text, i);
    i = k < 0 ? n : k;
  }
  while (i < n) {
    const c = text[i];
    if (c === d || c === 10 || c === 13) break;
    i++;
  }
  return i;
}

/**
 * The data rows of a CSV text, one column per column: by distinct codes (csv-field-codes.ts: row
 * i's cell is the text of its code's first field) or, for a column of mostly distinct fields, by
 * where each row's field starts (csv-field-starts.ts). A row shorter than another has the empty
 * field in the columns it lacks; `widths` keeps each row's field count once a row's differs from
 * the header's (`usual`).
 */
export class CsvColumns implements TableCells {
  private readonly values: (CellValue[] | undefined)[] = [];
  private readonly cents: (Float64Array | undefined)[] = [];
  private readonly blankOfCode: (Uint8Array | undefined)[] = [];
  private readonly centsColumns = new Map<number, Float64Array>();
  /** Per column, its codes: the scan's, or made from its starts when first asked. */
  private readonly codes: (FieldCodes | null)[];

  constructor(
    private readonly text: CsvUnits,
    /** Whether every unit is ASCII (a unit is then one character in either encoding). */
    private readonly ascii: boolean,
    /** The delimiter's code. */
    private readonly d: number,
    readonly header: string[],
    codes: readonly (FieldCodes | null)[],
    /** Per column, its starts when the scan kept it so (then its codes are null until asked). */
    private readonly starts: readonly (FieldStarts | null)[],
    readonly rowCount: number,
    private readonly usual: number,
    private readonly widths: Int32Array | null,
  ) {
    this.codes = codes.slice();
  }

  /**
   * Column j as codes of its distinct fields: a field's code is that of the first row whose field
   * is written the same way, quotes included, so equal codes always have equal cells. Each
   * distinct field's text is made once.
   */
  distinctCells(j: number): DistinctCells {
    const rows = this.rowCount;
    if (j < 0 || j >= this.codes.length)
      return { code: new Int32Array(rows), values: rows > 0 ? [null] : [] };
    const col = this.codesOf(j);
    let values = this.values[j];
    if (values === undefined) {
      values = [];
      for (let c = 0; c < col.count; c++) values.push(this.codeCell(col, c));
      this.values[j] = values;
    }
    return { code: col.code.subarray(0, rows), values };
  }

  /** Column j's codes (made from its starts, in row order, the first time a kept-by-starts column is asked). */
  private codesOf(j: number): FieldCodes {
    const kept = this.codes[j];
    if (kept !== null) return kept;
    const at = (this.starts[j] as FieldStarts).at;
    const rows = this.rowCount;
    const col = new FieldCodes(rows, 0);
    const { text, d } = this;
    for (let i = 0; i < rows; i++) {
      const from = at[i];
      if (from < 0) col.code[i] = col.empty();
      else {
        const to = fieldEnd(text, from, d);
        col.code[i] = col.find(text, from, to, hashUnits(text, from, to));
      }
    }
    this.codes[j] = col;
    return col;
  }

  /** The cell of code c of column `col`. */
  private codeCell(col: FieldCodes, c: number): CellValue {
    if (c === col.nullCode) return null;
    const v = fieldText(this.text, col.from[c], col.to[c], this.ascii);
    return v === "" ? null : v;
  }

  width(i: number): number {
    if (i >= this.rowCount) return 0;
    return this.widths !== null ? this.widths[i] : this.usual;
  }

  maxWidth(): number {
    if (this.rowCount === 0) return 0;
    if (this.widths === null) return this.usual;
    let most = 0;
    for (let i = 0; i < this.rowCount; i++) if (this.widths[i] > most) most = this.widths[i];
    return most;
  }

  cell(i: number, j: number): CellValue {
    if (j < 0 || i >= this.rowCount || j >= this.codes.length) return null;
    const col = this.codes[j];
    if (col !== null) return this.codeCell(col, col.code[i]);
    const from = (this.starts[j] as FieldStarts).at[i];
    if (from < 0) return null;
    const v = fieldText(this.text, from, fieldEnd(this.text, from, this.d), this.ascii);
    return v === "" ? null : v;
  }

  /** Whether the field at units [from, to) is blank (only spaces). */
  private blankField(from: number, to: number): boolean {
    const c = this.text[from];
    // Not blank as soon as a plain field starts with a visible ASCII character.
    if (c !== 34 && isPlainVisible(c)) return false;
    return fieldText(this.text, from, to, this.ascii).trim() === "";
  }

  /** Per code of column j (kept by codes), 1 when its cell is blank. */
  private blankCodes(col: FieldCodes, j: number): Uint8Array {
    let blank = this.blankOfCode[j];
    if (blank === undefined) {
      blank = new Uint8Array(col.count);
      for (let c = 0; c < col.count; c++)
        if (c === col.nullCode || this.blankField(col.from[c], col.to[c])) blank[c] = 1;
      this.blankOfCode[j] = blank;
    }
    return blank;
  }

  /** Whether row i's field of column j (kept by starts) is blank. */
  private blankAt(starts: FieldStarts, i: number): boolean {
    const from = starts.at[i];
    return from < 0 || this.blankField(from, fieldEnd(this.text, from, this.d));
  }

  isBlankRow(i: number): boolean {
    if (i >= this.rowCount) return true;
    for (let j = 0; j < this.codes.length; j++) {
      const col = this.codes[j];
      if (
        col !== null
          ? this.blankCodes(col, j)[col.code[i]] === 0
          : !this.blankAt(this.starts[j] as FieldStarts, i)
      )
        return false;
    }
    return true;
  }

  blankRows(): Uint8Array {
    const rows = this.rowCount;
    // A column kept by codes none of which is blank (no empty field, no short row) settles
    // every row at once: none is blank.
    for (let j = 0; j < this.codes.length; j++) {
      const col = this.codes[j];
      if (col !== null && !this.blankCodes(col, j).includes(1)) return new Uint8Array(rows);
    }
    const blank = new Uint8Array(rows).fill(1);
    // Column by column while some row may still be blank (the first column usually settles all).
    let left = rows;
    for (let j = 0; j < this.codes.length && left > 0; j++) {
      const col = this.codes[j];
      if (col !== null) {
        const code = col.code;
        const blankCode = this.blankCodes(col, j);
        for (let i = 0; i < rows; i++)
          if (blank[i] === 1 && blankCode[code[i]] === 0) {
            blank[i] = 0;
            left--;
          }
      } else {
        const starts = this.starts[j] as FieldStarts;
        for (let i = 0; i < rows; i++)
          if (blank[i] === 1 && !this.blankAt(starts, i)) {
            blank[i] = 0;
            left--;
          }
      }
    }
    return blank;
  }

  /** Per code of column j (kept by codes), its plain cents (NaN: not plain money text). */
  private centsOfCodes(col: FieldCodes, j: number): Float64Array {
    let cents = this.cents[j];
    if (cents === undefined) {
      cents = new Float64Array(col.count);
      for (let c = 0; c < col.count; c++)
        cents[c] = c === col.nullCode ? NaN : plainCentsOf(this.text, col.from[c], col.to[c]);
      this.cents[j] = cents;
    }
    return cents;
  }

  plainCentsColumn(j: number): Float64Array {
    let column = this.centsColumns.get(j);
    if (column === undefined) {
      const rows = this.rowCount;
      const starts = j >= 0 ? this.starts[j] : undefined;
      const col = j >= 0 ? this.codes[j] : undefined;
      // A column kept by starts has its cents from the scan.
      if (starts !== undefined && starts !== null) column = starts.cents.subarray(0, rows);
      else if (col === undefined || col === null) column = new Float64Array(rows).fill(NaN);
      else {
        column = new Float64Array(rows);
        const code = col.code;
        const cents = this.centsOfCodes(col, j);
        for (let i = 0; i < rows; i++) column[i] = cents[code[i]];
      }
      this.centsColumns.set(j, column);
    }
    return column;
  }

  plainCents(i: number, j: number): number {
    if (j < 0 || i >= this.rowCount || j >= this.codes.length) return NaN;
    const starts = this.starts[j];
    if (starts !== null) return starts.cents[i];
    const col = this.codes[j] as FieldCodes;
    return this.centsOfCodes(col, j)[col.code[i]];
  }
}

export interface ScanOptions {
  /** The delimiter; sniffed from the first line when absent. */
  delimiter?: string;
  /**
   * The row count at which the scan first looks whether a column is better kept by starts (then
   * at each doubling); 64 when absent. Tests set it low to read small tables both ways.
   */
  checkCodesAt?: number;
}

export interface ScannedCsv {
  columns: CsvColumns;
  delimiter: string;
  unclosedQuote?: UnclosedQuote;
}

/**
 * Data rows to make room for: the line ends of the first 64 Ki units, scaled to the whole text,
 * plus a tenth (the arrays grow when a file's later lines are shorter).
 */
function rowGuess(text: CsvUnits): number {
  const sample = Math.min(text.length, 65536);
  let lines = 0;
  let at = text.indexOf(10);
  for (; at >= 0 && at < sample; at = text.indexOf(10, at + 1)) lines++;
  if (lines === 0)
    for (at = text.indexOf(13); at >= 0 && at < sample; at = text.indexOf(13, at + 1)) lines++;
  if (sample === text.length) return lines + 16;
  return Math.ceil((lines * text.length * 1.1) / sample) + 16;
}

const DELIMITERS = [",", ";", "\t"];

/** csv-parser.ts sniffDelimiter over code units (every character it looks at is ASCII). */
function sniffUnits(text: CsvUnits): string {
  const counts = [0, 0, 0];
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (c === 10 || c === 13) break;
      if (c === 44) counts[0]++;
      else if (c === 59) counts[1]++;
      else if (c === 9) counts[2]++;
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  return DELIMITERS[best];
}

/** Scan CSV text (parseCsv's grammar) into field positions. */
export function scanCsv(input: string, options?: ScanOptions): ScannedCsv {
  const from = input.charCodeAt(0) === 0xfeff ? 1 : 0;
  const units = new Uint16Array(input.length - from);
  let high = 0;
  for (let k = from; k < input.length; k++) {
    const c = input.charCodeAt(k);
    units[k - from] = c;
    high |= c;
  }
  return scanUnits(units, high < 0x80, options);
}

/**
 * Scan the bytes of a UTF-8 CSV (the file's bytes after its byte-order mark, as
 * csv-encoding.ts utf8Body gives them) exactly as `scanCsv` scans their decoded text: a second
 * byte-order mark is dropped as scanCsv drops a leading U+FEFF, and every position is a byte.
 */
export function scanCsvBytes(bytes: Uint8Array, ascii: boolean, options?: ScanOptions): ScannedCsv {
  if (!warmedUp) {
    // Once, the built-in sample (csv-scan-warm-up.ts): the run's code is then compiled with every
    // operation seen. Its result is dropped.
    // (Several times: the engine keeps type feedback only from a function's first few calls on.)
    warmedUp = true;
    const sample = warmUpCsv();
    for (let k = 0; k < 3; k++) scanUnits(sample, true, { checkCodesAt: 4 });
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const from = bom ? 3 : 0;
  // A plain Uint8Array over the same memory (no copy): a Node Buffer is a Uint8Array of another
  // kind, and the scan's compiled code would be thrown away between the two (the warm-up's and
  // the file's).
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset + from, bytes.length - from);
  return scanUnits(view, ascii, options);
}

let warmedUp = false;

/** The scan over code units (after the byte-order mark). */
function scanUnits(text: CsvUnits, ascii: boolean, options?: ScanOptions): ScannedCsv {
  const delimiter = options?.delimiter ?? sniffUnits(text);
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const scan = new CsvRowScan(text, d, rowGuess(text), options?.checkCodesAt ?? 64, (from, to) =>
    fieldText(text, from, to, ascii).trim(),
  );
  // The header, then runs of plain rows, each odd row (and the last) cut by the whole grammar.
  while (!scan.done) {
    if (scan.plainReady()) {
      if (scan.plainRows()) continue;
      if (scan.done) break;
    }
    scan.record();
  }
  const { header, codes, starts, rows, usual, widths, unclosedAt } = scan;
  const scanned: ScannedCsv = {
    columns: new CsvColumns(text, ascii, d, header, codes, starts, rows, usual, widths),
    delimiter,
  };
  if (unclosedAt >= 0) {
    // A final line end (CRLF, LF or CR) does not start a line.
    const finalEnd =
      n >= 2 && text[n - 2] === 13 && text[n - 1] === 10
        ? n - 2
        : n >= 1 && (text[n - 1] === 10 || text[n - 1] === 13)
          ? n - 1
          : n;
    scanned.unclosedQuote = {
      line: lineEnds(text, 0, unclosedAt) + 1,
      linesSwallowed: lineEnds(text, unclosedAt, finalEnd),
    };
  }
  return scanned;
}
