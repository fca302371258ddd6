/**
 * The scan of a CSV's records into column codes (csv-columns.ts `scanUnits`), in two loops:
 * `record` cuts any one record by the whole grammar (the header, a quoted field, a row of another
 * width, the end of the text), and `plainRows` cuts the run of rows after it that are plain (no
 * field starts with a quote) and as wide as the header, as long as no row before was of another
 * width. `plainRows` leaves a row that is not plain untouched for `record` (it rewrites any code
 * the run had written for it, the same codes, since a code depends only on the field's units and
 * the fields before it). Keeping the rare cases out of the run's loop lets the engine compile it
 * once, tight, instead of again at each first sight of a rare case.
 */
import { type CsvUnits, FieldCodes, hashUnits } from "./csv-field-codes";
import { grown } from "./grown-array";
import { FieldStarts } from "./csv-field-starts";

/**
 * Where the quoted field opening at `at` ends its quoted part (after the closing quote; doubled
 * quotes stay inside), or -1 when the quote never closes.
 */
export function afterQuoted(text: CsvUnits, at: number): number {
  const n = text.length;
  let k = at + 1;
  for (;;) {
    const q = text.indexOf(34, k);
    if (q < 0) return -1;
    if (q + 1 < n && text[q + 1] === 34) {
      k = q + 2;
      continue;
    }
    return q + 1;
  }
}

/**
 * Whether bytes [a, a + len) and [b, b + len) of `bytes` are the same, compared four at a time
 * (both ranges lie inside it).
 */
function sameBytes(bytes: DataView, a: number, b: number, len: number): boolean {
  let k = 0;
  for (; k + 4 <= len; k += 4) if (bytes.getInt32(a + k) !== bytes.getInt32(b + k)) return false;
  for (; k < len; k++) if (bytes.getUint8(a + k) !== bytes.getUint8(b + k)) return false;
  return true;
}

/**
 * The most rows `plainRows` cuts in one call. Returning this often lets the engine start the
 * compiled loop at the next call soon after compiling it (a call that began in slower code stays
 * there, apart from the engine's own on-stack replacement), which matters on files of some
 * thousands of rows; on a million rows it is a few hundred calls.
 */
const RUN_ROWS = 2048;

export class CsvRowScan {
  /** Where the next record starts. */
  i = 0;
  /** Data rows cut so far (records after the header). */
  rows = 0;
  records = 0;
  /** Whether the last record was cut. */
  done: boolean;
  /** Per column, its codes, or null once it is kept by starts (`starts`). */
  readonly codes: (FieldCodes | null)[] = [];
  readonly starts: (FieldStarts | null)[] = [];
  /** The header's field count. */
  usual = 0;
  /** Each row's field count, once a row's differs from the header's. */
  widths: Int32Array<ArrayBuffer> | null = null;
  /** Where a quoted field that never closes opens, -1 when none does. */
  unclosedAt = -1;
  readonly header: string[] = [];

  constructor(
    private readonly text: CsvUnits,
    /** The delimiter's code. */
    private readonly d: number,
    /** Rows the columns have room for. */
    private capacity: number,
    /** The row count at which the columns are next looked at (`endRow`). */
    private check: number,
    /** The text of a header field at units [from, to). */
    private readonly headerText: (from: number, to: number) => string,
  ) {
    this.done = text.length === 0;
  }

  /** Cuts one record by the whole grammar: the header, or one data row. */
  record(): void {
    const { text, d, codes, starts } = this;
    const n = text.length;
    const header = this.records === 0;
    const rows = this.rows;
    let i = this.i;
    let j = 0; // the field's column
    for (;;) {
      const fieldStart = i;
      let col = header ? null : codes[j];
      if (col === undefined) {
        col = new FieldCodes(this.capacity, rows);
        codes.push(col);
        starts.push(null);
      }
      // A column kept by codes first tries the code it predicts: one comparison, no hashing.
      const guess = col !== null ? col.predict() : -1;
      const matched = guess >= 0 ? (col as FieldCodes).matchAt(text, i, guess, d) : -1;
      if (matched >= 0) {
        (col as FieldCodes).code[rows] = (col as FieldCodes).take(guess);
        i = matched;
      } else {
        if (text[i] === 34) {
          const k = afterQuoted(text, i);
          if (k < 0) this.unclosedAt = i;
          i = k < 0 ? n : k;
        }
        while (i < n) {
          const c = text[i];
          if (c === d || c === 10 || c === 13) break;
          i++;
        }
        if (header) this.header.push(this.headerText(fieldStart, i));
        else if (col !== null)
          col.code[rows] =
            i === fieldStart
              ? col.empty()
              : col.find(text, fieldStart, i, hashUnits(text, fieldStart, i));
        else (starts[j] as FieldStarts).put(rows, text, fieldStart, i);
      }
      j++;
      if (i >= n) {
        this.done = true;
        break;
      }
      const c = text[i];
      if (c === d) {
        i++;
        continue;
      }
      i += c === 13 && i + 1 < n && text[i + 1] === 10 ? 2 : 1;
      this.done = i >= n;
      break;
    }
    this.i = i;
    this.records++;
    if (header) {
      this.usual = j;
      return;
    }
    // A short row has the empty field in the columns it lacks; a row of another width than the
    // header's starts (or extends) the widths column.
    for (let k = j; k < codes.length; k++) {
      const col = codes[k];
      if (col !== null) col.code[rows] = col.empty();
      else (starts[k] as FieldStarts).empty(rows);
    }
    if (this.widths === null && j !== this.usual)
      this.widths = new Int32Array(this.capacity).fill(this.usual, 0, rows);
    if (this.widths !== null) this.widths[rows] = j;
    this.rows = rows + 1;
    this.endRow();
  }

  /** Whether `plainRows` may run: every header column has its column and no row was of another width. */
  plainReady(): boolean {
    return !this.done && this.usual > 0 && this.codes.length === this.usual && this.widths === null;
  }

  /**
   * Cuts data rows while they are plain: exactly `usual` fields, none starting with a quote
   * (unless it is written as its column's predicted code); stops at the first other row, left
   * for `record`, or at the end of the text (false), or at the next look at the columns (true:
   * call again), or after `RUN_ROWS` rows (true). Returning there lets the engine see this
   * function's start run again before it compiles it, so the compiled code is not thrown away at
   * the next call (the start's first run had no type feedback), and a call that began in slower
   * code ends soon. A column kept by codes is read without a call per field: its predicted code
   * (FieldCodes.predict) is compared four bytes at a time (`sameBytes`) and taken
   * (FieldCodes.take) here; any other field is hashed as the units pass and found
   * (FieldCodes.find). A column kept by starts is cut by FieldStarts.cut.
   */
  plainRows(): boolean {
    const { text, d, codes, starts } = this;
    const n = text.length;
    const width = this.usual;
    let i = this.i;
    let rows = this.rows;
    const limit = Math.min(this.capacity, this.check, rows + RUN_ROWS);
    // Each column's kind, decided once per call (a column turns to starts only at a limit, where
    // this returns): 1 kept by codes, 0 kept by starts.
    const byCodes = new Uint8Array(width);
    for (let j = 0; j < width; j++) byCodes[j] = codes[j] !== null ? 1 : 0;
    const lastColumn = width - 1;
    const bytes = new DataView(text.buffer, text.byteOffset, text.byteLength);
    const scale = text.BYTES_PER_ELEMENT;
    for (;;) {
      const rowStart = i;
      let plain = true;
      for (let j = 0; j < width; j++) {
        const fieldStart = i;
        if (byCodes[j] === 1) {
          const col = codes[j] as FieldCodes;
          // The predicted code (FieldCodes.predict), compared unit by unit (matchAt), then taken
          // (take): written out here so the loop makes no call per field.
          const last = col.last;
          let end = -1;
          if (last >= 0) {
            const next = col.follow[last];
            const guess = next >= 0 ? next : last;
            const from = col.from[guess];
            const e = i + (col.to[guess] - from);
            if (e <= n) {
              if (sameBytes(bytes, i * scale, from * scale, (e - i) * scale)) {
                if (e === n) end = e;
                else {
                  // Each comparison made every time (no short cut), as in FieldCodes.matchAt.
                  const u = text[e];
                  if ((+(u === d) | +(u === 10) | +(u === 13)) !== 0) end = e;
                }
              }
              if (end >= 0) {
                col.code[rows] = guess;
                col.follow[last] = guess;
                col.last = guess;
                i = end;
              }
            }
          }
          if (end < 0) {
            if (i < n && text[i] === 34) {
              plain = false;
              break;
            }
            let h = 0x811c9dc5 | 0; // csv-field-codes.ts hashUnits, folded in as the units pass
            while (i < n) {
              const c = text[i];
              if (c === d || c === 10 || c === 13) break;
              h = Math.imul(h ^ c, 0x01000193);
              i++;
            }
            col.code[rows] = col.find(text, fieldStart, i, h);
          }
        } else if (i < n && text[i] === 34) {
          plain = false;
          break;
        } else i = (starts[j] as FieldStarts).cut(rows, text, fieldStart, d);
        // The field ends the row exactly at the last column.
        if (j < lastColumn) {
          if (i < n && text[i] === d) i++;
          else {
            plain = false;
            break;
          }
        } else if (i < n) {
          const c = text[i];
          if (c === d) plain = false;
          else i += c === 13 && i + 1 < n && text[i + 1] === 10 ? 2 : 1;
        }
      }
      // A row that is not plain is left whole for `record`; every way out passes `reach`.
      if (plain) rows++;
      else i = rowStart;
      if (!plain || i >= n || rows === limit) {
        this.reach(i, rows);
        this.endRow();
        return plain && i < n;
      }
    }
  }

  /**
   * Where `plainRows` has got to (also at each limit, so the stores here are made early, before
   * the engine compiles the run's loop, and its exit needs nothing it has not seen).
   */
  private reach(i: number, rows: number): void {
    this.records += rows - this.rows;
    this.i = i;
    this.rows = rows;
    // A row that ends at the end of the text is the last record.
    if (i >= this.text.length) this.done = true;
  }

  /** After each data row: room for more rows, and at each check, columns of mostly distinct fields kept by starts. */
  private endRow(): void {
    const rows = this.rows;
    if (rows === this.capacity) {
      this.capacity *= 2;
      for (const col of this.codes) col?.reserve(this.capacity);
      for (const kept of this.starts) kept?.reserve(this.capacity);
      if (this.widths !== null) this.widths = grown(this.widths, this.capacity);
    }
    if (rows === this.check) {
      // A column whose distinct fields pass a quarter of its rows is kept by starts; before 4096
      // rows, only one whose fields are nearly all distinct (7 in 8), so a few dozen weeks stay
      // codes. Looking early also lets the run's loop see both kinds of column before the
      // engine compiles it.
      this.check *= 2;
      for (let k = 0; k < this.codes.length; k++) {
        const col = this.codes[k];
        if (col !== null && (rows >= 4096 ? col.count * 4 > rows : col.count * 8 > rows * 7)) {
          this.starts[k] = new FieldStarts(col, rows, this.capacity, this.text);
          this.codes[k] = null;
        }
      }
    }
  }
}
