/**
 * The CSV reader for large tables: one pass over the file's code units that records where each
 * field starts and ends (typed arrays) instead of building a string per cell and an array per row.
 * The units are the file's bytes when it is UTF-8 (`scanCsvBytes`: no decoding to text; every
 * character the grammar looks at is ASCII, which UTF-8 never uses inside a multi-byte character)
 * or the UTF-16 code units of decoded text (`scanCsv`: UTF-16 and Windows-1252 files, and tests).
 * A cell's text is made only when it is read, and plain money text is turned into cents straight
 * from the units (`plainCents`), so a million-row sales table costs a few typed arrays.
 *
 * It parses exactly as csv-parser.ts parseCsv (the reference, kept for tests and small uses):
 * same delimiter sniffing, quoted fields, doubled quotes, text after a closing quote, CRLF / LF /
 * CR, byte-order mark, blank lines as one empty field, no record after a final line end, and the
 * same unclosed-quote report. tests/workbook/csv-columns.test.ts checks the two agree on random
 * CSV text.
 */
import type { CellValue, DistinctCells, TableCells } from "../engine/input/raw-table";

/** Where a quoted field that never closes opens (1-based line) and the lines after it. */
export interface UnclosedQuote {
  line: number;
  linesSwallowed: number;
}

/** Grows an Int32Array to at least `need` entries, keeping its contents. */
function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** The code units a CSV is scanned in: UTF-8 bytes or UTF-16 code units. */
export type CsvUnits = Uint8Array | Uint16Array;

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
 * The fields of a CSV text. Field f spans [start, end) of the text; a quoted field is stored with
 * its start complemented (~start) and unquoted when read. Record r's fields are
 * recordStart[r] .. recordStart[r + 1] - 1. Record 0 is the header.
 */
export class CsvColumns implements TableCells {
  readonly rowCount: number;
  readonly header: string[];

  constructor(
    private readonly text: CsvUnits,
    /** Whether every unit is ASCII (a unit is then one character in either encoding). */
    private readonly ascii: boolean,
    private readonly start: Int32Array,
    private readonly end: Int32Array,
    private readonly recordStart: Int32Array,
    records: number,
  ) {
    this.rowCount = Math.max(0, records - 1);
    this.header = [];
    if (records > 0)
      for (let f = recordStart[0]; f < recordStart[1]; f++) this.header.push(this.field(f).trim());
  }

  /** The text of field f as parseCsv returns it. */
  private field(f: number): string {
    const s = this.start[f];
    const e = this.end[f];
    if (s >= 0) return unitsText(this.text, s, e, this.ascii);
    // Quoted: the same walk as parseCsv (doubled quotes; text after the closing quote appended).
    const text = this.text;
    const q0 = ~s;
    let out = "";
    let from = q0 + 1;
    let j = from;
    for (;;) {
      const q = text.indexOf(34, j);
      if (q < 0 || q >= e) {
        out += unitsText(text, from, e, this.ascii);
        return out;
      }
      if (q + 1 < text.length && text[q + 1] === 34) {
        out += unitsText(text, from, q + 1, this.ascii);
        j = q + 2;
        from = j;
        continue;
      }
      out += unitsText(text, from, q, this.ascii);
      return out + unitsText(text, q + 1, e, this.ascii);
    }
  }

  /**
   * Column j as codes of its distinct fields, hashed from the characters as written (no string
   * per row): a field's code is that of the first row whose field is written the same way, quotes
   * included, so equal codes always have equal cells. Each distinct field's text is made once.
   */
  distinctCells(j: number): DistinctCells {
    const rows = this.rowCount;
    const code = new Int32Array(rows);
    const values: CellValue[] = [];
    const { start, end, recordStart, text } = this;
    let size = 1024;
    let slots = new Int32Array(size).fill(-1); // the first field index of each distinct field
    let slotCode = new Int32Array(size);
    let nullCode = -1;
    let firstField = new Int32Array(64); // each non-null code's first field
    let follow = new Int32Array(64).fill(-1); // the code that last followed each non-null code
    for (let i = 0; i < rows; i++) {
      const f = recordStart[i + 1] + j;
      const fs = start[f];
      const fe = end[f];
      if (j < 0 || f >= recordStart[i + 2] || fs === fe) {
        if (nullCode < 0) {
          nullCode = values.length;
          values.push(null);
        }
        code[i] = nullCode;
        continue;
      }
      // Predict the code from the row before: the code that last followed its code (the same
      // code in a customer's run of rows, the next week in a week column) and compare with that
      // code's first field, written the same way (both quoted or both plain, same units).
      const prev = i > 0 ? code[i - 1] : -1;
      if (prev >= 0 && prev !== nullCode) {
        const guess = follow[prev];
        if (guess >= 0) {
          const g = firstField[guess];
          const gs = start[g];
          const from = fs >= 0 ? fs : ~fs;
          const gFrom = gs >= 0 ? gs : ~gs;
          const len = fe - from;
          if (fs >= 0 === gs >= 0 && end[g] - gFrom === len) {
            let k = 0;
            while (k < len && text[from + k] === text[gFrom + k]) k++;
            if (k === len) {
              code[i] = guess;
              continue;
            }
          }
        }
      }
      let slot = this.hashField(f) & (size - 1);
      for (;;) {
        const g = slots[slot];
        if (g < 0 || this.sameField(f, g)) break;
        slot = (slot + 1) & (size - 1);
      }
      if (slots[slot] >= 0) {
        code[i] = slotCode[slot];
        if (prev >= 0 && prev !== nullCode) follow[prev] = code[i];
        continue;
      }
      const c = values.length;
      const v = this.field(f);
      values.push(v === "" ? null : v);
      slots[slot] = f;
      slotCode[slot] = c;
      code[i] = c;
      if (prev >= 0 && prev !== nullCode) follow[prev] = c;
      if (c >= firstField.length) {
        firstField = grow(firstField, c + 1);
        const longer = new Int32Array(firstField.length).fill(-1);
        longer.set(follow);
        follow = longer;
      }
      firstField[c] = f;
      if (values.length * 2 > size) {
        // Rehash the distinct fields into a table twice the size.
        const bigger = size * 2;
        const nextSlots = new Int32Array(bigger).fill(-1);
        const nextCode = new Int32Array(bigger);
        for (let t = 0; t < size; t++) {
          const g = slots[t];
          if (g < 0) continue;
          let u = this.hashField(g) & (bigger - 1);
          while (nextSlots[u] >= 0) u = (u + 1) & (bigger - 1);
          nextSlots[u] = g;
          nextCode[u] = slotCode[t];
        }
        size = bigger;
        slots = nextSlots;
        slotCode = nextCode;
      }
    }
    return { code, values };
  }

  /** FNV-1a of field f's characters as written (a quoted field hashed apart from a plain one). */
  private hashField(f: number): number {
    const s = this.start[f];
    const text = this.text;
    let h = s >= 0 ? 0x811c9dc5 : 0x01000193;
    for (let k = s >= 0 ? s : ~s, e = this.end[f]; k < e; k++)
      h = Math.imul(h ^ text[k], 0x01000193);
    return h >>> 0;
  }

  /** Whether fields f and g are written the same way (both quoted or both plain, same characters). */
  private sameField(f: number, g: number): boolean {
    const fs = this.start[f];
    const gs = this.start[g];
    if (fs >= 0 !== gs >= 0) return false;
    const fFrom = fs >= 0 ? fs : ~fs;
    const gFrom = gs >= 0 ? gs : ~gs;
    const len = this.end[f] - fFrom;
    if (this.end[g] - gFrom !== len) return false;
    const text = this.text;
    for (let k = 0; k < len; k++) if (text[fFrom + k] !== text[gFrom + k]) return false;
    return true;
  }

  width(i: number): number {
    return this.recordStart[i + 2] - this.recordStart[i + 1];
  }

  cell(i: number, j: number): CellValue {
    const f = this.recordStart[i + 1] + j;
    if (j < 0 || f >= this.recordStart[i + 2]) return null;
    if (this.start[f] === this.end[f]) return null;
    const v = this.field(f);
    return v === "" ? null : v;
  }

  isBlankRow(i: number): boolean {
    for (let f = this.recordStart[i + 1], to = this.recordStart[i + 2]; f < to; f++) {
      const s = this.start[f];
      if (s === this.end[f]) continue;
      if (s >= 0 && isPlainVisible(this.text[s])) return false;
      if (this.field(f).trim() !== "") return false;
    }
    return true;
  }

  blankRows(): Uint8Array {
    const rows = this.rowCount;
    const blank = new Uint8Array(rows);
    const { start, end, recordStart, text } = this;
    for (let i = 0; i < rows; i++) {
      // A row is not blank as soon as one plain field starts with a visible ASCII character.
      let visible = false;
      for (let f = recordStart[i + 1], to = recordStart[i + 2]; f < to; f++) {
        const s = start[f];
        if (s >= 0 && s < end[f] && isPlainVisible(text[s])) {
          visible = true;
          break;
        }
      }
      if (!visible && this.isBlankRow(i)) blank[i] = 1;
    }
    return blank;
  }

  private readonly centsColumns = new Map<number, Float64Array>();

  plainCentsColumn(j: number): Float64Array {
    let column = this.centsColumns.get(j);
    if (column === undefined) {
      column = new Float64Array(this.rowCount);
      for (let i = 0; i < column.length; i++) column[i] = this.plainCents(i, j);
      this.centsColumns.set(j, column);
    }
    return column;
  }

  plainCents(i: number, j: number): number {
    const f = this.recordStart[i + 1] + j;
    if (j < 0 || f >= this.recordStart[i + 2]) return NaN;
    const s = this.start[f];
    const e = this.end[f];
    if (s < 0 || e === s || e - s > 15) return NaN;
    const text = this.text;
    let k = s;
    const neg = text[k] === 45; /* - */
    if (neg) k++;
    let units = 0;
    let digits = 0;
    for (; k < e; k++) {
      const c = text[k] - 48;
      if (c < 0 || c > 9) break;
      units = units * 10 + c;
      digits++;
    }
    if (digits === 0) return NaN;
    let cents = units * 100;
    if (k < e) {
      if (text[k] !== 46 /* . */) return NaN;
      k++;
      const decimals = e - k;
      if (decimals < 1 || decimals > 2) return NaN;
      for (let m = 0; m < decimals; m++) {
        const c = text[k + m] - 48;
        if (c < 0 || c > 9) return NaN;
        cents += c * (m === 0 ? 10 : 1);
      }
    }
    return neg && cents !== 0 ? -cents : cents;
  }
}

export interface ScannedCsv {
  columns: CsvColumns;
  delimiter: string;
  unclosedQuote?: UnclosedQuote;
}

/** Records (line ends + 2) and fields (records x the first line's field count) to allocate. */
function sizeGuess(text: CsvUnits, d: number): { records: number; fields: number } {
  let lines = 0;
  for (let at = text.indexOf(10); at >= 0; at = text.indexOf(10, at + 1)) lines++;
  if (lines === 0) for (let at = text.indexOf(13); at >= 0; at = text.indexOf(13, at + 1)) lines++;
  let width = 1;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === 10 || c === 13) break;
    if (c === d) width++;
  }
  const records = lines + 2;
  return { records: Math.max(16, records), fields: Math.max(16, records * width + 16) };
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
export function scanCsv(input: string, options?: { delimiter?: string }): ScannedCsv {
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
export function scanCsvBytes(
  bytes: Uint8Array,
  ascii: boolean,
  options?: { delimiter?: string },
): ScannedCsv {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return scanUnits(bom ? bytes.subarray(3) : bytes, ascii, options);
}

/** The scan over code units (after the byte-order mark). */
function scanUnits(text: CsvUnits, ascii: boolean, options?: { delimiter?: string }): ScannedCsv {
  const delimiter = options?.delimiter ?? sniffUnits(text);
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  // Sized from the line count and the first line's delimiters, so a regular file is never
  // copied into bigger arrays (grow stays for quoted line ends and ragged rows).
  const guess = sizeGuess(text, d);
  let start = new Int32Array(guess.fields);
  let end = new Int32Array(start.length);
  let recordStart = new Int32Array(guess.records);
  let fields = 0;
  let records = 0;
  let unclosedAt = -1;
  if (n > 0) {
    let i = 0;
    recordStart[0] = 0;
    for (;;) {
      const fieldStart = i;
      let quoted = false;
      if (text[i] === 34) {
        quoted = true;
        let j = i + 1;
        for (;;) {
          const q = text.indexOf(34, j);
          if (q < 0) {
            unclosedAt = i;
            j = n;
            break;
          }
          if (q + 1 < n && text[q + 1] === 34) {
            j = q + 2;
            continue;
          }
          j = q + 1;
          break;
        }
        i = j;
      }
      while (i < n) {
        const c = text[i];
        if (c === d || c === 10 || c === 13) break;
        i++;
      }
      if (fields === start.length) {
        start = grow(start, fields + 1);
        end = grow(end, fields + 1);
      }
      start[fields] = quoted ? ~fieldStart : fieldStart;
      end[fields] = i;
      fields++;
      let recordEnds = false;
      let last = false;
      if (i >= n) {
        recordEnds = true;
        last = true;
      } else {
        const c = text[i];
        if (c === d) i++;
        else {
          i += c === 13 && i + 1 < n && text[i + 1] === 10 ? 2 : 1;
          recordEnds = true;
          last = i >= n;
        }
      }
      if (recordEnds) {
        records++;
        if (records + 2 > recordStart.length) recordStart = grow(recordStart, records + 2);
        recordStart[records] = fields;
      }
      if (last) break;
    }
  }
  recordStart = grow(recordStart, records + 2);
  // A row index past the last record reads as an empty row.
  recordStart[records + 1] = fields;
  const scanned: ScannedCsv = {
    columns: new CsvColumns(text, ascii, start, end, recordStart, records),
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
