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
