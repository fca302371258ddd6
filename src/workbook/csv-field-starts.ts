/**
 * A CSV column of mostly distinct fields (amounts, descriptions, transaction ids), kept by where
 * each row's field starts instead of by distinct codes (csv-field-codes.ts): a table of codes would
 * hold nearly one entry per row and cost a cache miss per field. The scan (csv-columns.ts) turns a
 * column to this form when its distinct fields pass a quarter of its rows, and makes each field's
 * plain cents as it passes it (csv-plain-cents.ts), so a money column is read once. A field's end
 * is found again from its start when its text is asked for.
 */
import type { CsvUnits, FieldCodes } from "./csv-field-codes";
import { plainCentsOf } from "./csv-plain-cents";
import { grown } from "./grown-array";

export class FieldStarts {
  /** Per data row, where its field starts (at the opening quote of a quoted field); -1: empty. */
  at: Int32Array<ArrayBuffer>;
  /** Per data row, the plain cents of its field (NaN: empty or not plain money text). */
  cents: Float64Array<ArrayBuffer>;

  /** The column's first `rows` rows from their codes (each code's first field has the same units). */
  constructor(codes: FieldCodes, rows: number, capacity: number, text: CsvUnits) {
    this.at = new Int32Array(capacity);
    this.cents = new Float64Array(capacity);
    const centsOf = new Float64Array(codes.count);
    for (let c = 0; c < codes.count; c++)
      centsOf[c] = c === codes.nullCode ? NaN : plainCentsOf(text, codes.from[c], codes.to[c]);
    const code = codes.code;
    for (let i = 0; i < rows; i++) {
      const c = code[i];
      this.at[i] = c === codes.nullCode ? -1 : codes.from[c];
      this.cents[i] = centsOf[c];
    }
  }

  /** Row `row`'s field is units [from, to) of `text` (empty when from === to). */
  put(row: number, text: CsvUnits, from: number, to: number): void {
    if (from === to) this.empty(row);
    else {
      this.at[row] = from;
      this.cents[row] = plainCentsOf(text, from, to);
    }
  }

  /**
   * Cuts row `row`'s field at units `from` (not a quoted field) and stores it as `put` would,
   * reading its units once: plain money text (`-?digits[.d[d]]`) is turned into cents as it
   * passes, with plainCentsOf's arithmetic, and the cut goes on to the delimiter, line end or end
   * of the text after anything else. Returns where the field ends.
   */
  cut(row: number, text: CsvUnits, from: number, d: number): number {
    const n = text.length;
    let k = from;
    const neg = k < n && text[k] === 45; /* - */
    if (neg) k++;
    const digitsFrom = k;
    let units = 0;
    while (k < n) {
      const c = text[k] - 48;
      if (c < 0 || c > 9) break;
      units = units * 10 + c;
      k++;
    }
    let plain = k > digitsFrom;
    let cents = units * 100;
    if (plain && k < n && text[k] === 46 /* . */) {
      k++;
      const decimalsFrom = k;
      for (let m = 0; m < 2 && k < n; m++) {
        const c = text[k] - 48;
        if (c < 0 || c > 9) break;
        cents += c * (m === 0 ? 10 : 1);
        k++;
      }
      plain = k > decimalsFrom;
    }
    if (plain && k < n) {
      const c = text[k];
      plain = c === d || c === 10 || c === 13;
    }
    if (plain && k - from <= 15) {
      this.at[row] = from;
      this.cents[row] = neg && cents !== 0 ? -cents : cents;
      return k;
    }
    // Not plain money text: the units read so far (sign, digits, point) cut no field.
    while (k < n) {
      const c = text[k];
      if (c === d || c === 10 || c === 13) break;
      k++;
    }
    if (k === from) this.empty(row);
    else {
      this.at[row] = from;
      this.cents[row] = NaN;
    }
    return k;
  }

  /** Row `row` has an empty field (or none: a short row). */
  empty(row: number): void {
    this.at[row] = -1;
    this.cents[row] = NaN;
  }

  /** Makes room for `need` rows. */
  reserve(need: number): void {
    this.at = grown(this.at, need);
    this.cents = grown(this.cents, need);
  }
}
