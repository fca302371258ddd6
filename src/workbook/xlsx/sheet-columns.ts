/**
 * One worksheet's cells kept column-wise in typed arrays (what sheet-scan.ts fills): per column
 * the sheet rows, a kind and a number per kept cell. No object or string is made per cell: text
 * cells point into the sheet's interned texts or the shared string table, dates keep their serial
 * number, and a cell value is only made when it is read (`value`). A million-row sheet of four
 * columns costs about 13 bytes a cell.
 */
import type { CellValue, SeenCurrency } from "../../engine/input/raw-table";
import { excelSerialToDate, UNCALCULATED, type SheetCell } from "./sheet-cell";
import { grown } from "../grown-array";

/** What a kept cell holds; `vals` holds the number, serial, string index or milliseconds. */
export const KIND = {
  number: 1,
  /** A number in a date format: the Excel serial (1900 or 1904 system). */
  serial: 2,
  /** An index into the shared string table. */
  shared: 3,
  /** An index into the sheet's own texts (inline, formula and error strings). */
  text: 4,
  true: 5,
  false: 6,
  uncalculated: 7,
  /** A `t="d"` cell: milliseconds since 1970 (UTC). */
  isoDate: 8,
} as const;

const START_CAPACITY = 16;

/** The cells of one column in sheet-row order (sorted, and one cell per row, by `finish`). */
export class ColumnCells {
  rows = new Int32Array(START_CAPACITY);
  kinds = new Uint8Array(START_CAPACITY);
  vals = new Float64Array(START_CAPACITY);
  n = 0;
  /** Rows came in ascending order with no row twice. */
  private ordered = true;
  /** After `finish`: entry k is row `first + k` for every k (no search needed). */
  private contiguous = false;
  private first = 0;

  push(row: number, kind: number, val: number): void {
    const n = this.n;
    if (n === this.rows.length) this.grow(n + 1);
    if (n > 0 && row <= this.rows[n - 1]) this.ordered = false;
    this.rows[n] = row;
    this.kinds[n] = kind;
    this.vals[n] = val;
    this.n = n + 1;
  }

  /** Room for `need` cells (kept out of `push`, which runs per cell). */
  private grow(need: number): void {
    this.rows = grown(this.rows, need);
    this.kinds = grown(this.kinds, need);
    this.vals = grown(this.vals, need);
  }

  /**
   * Sorts by row when the sheet wrote rows out of order, keeping the last cell written for a row
   * written twice (as a table read of the old row lists did), and notes whether rows are contiguous.
   */
  finish(): void {
    if (!this.ordered) {
      const order = Array.from({ length: this.n }, (_, k) => k);
      order.sort((a, b) => this.rows[a] - this.rows[b] || a - b); // stable: equal rows in write order
      const rows = new Int32Array(this.n);
      const kinds = new Uint8Array(this.n);
      const vals = new Float64Array(this.n);
      let m = 0;
      for (const k of order) {
        if (m > 0 && rows[m - 1] === this.rows[k]) m--; // the later cell wins
        rows[m] = this.rows[k];
        kinds[m] = this.kinds[k];
        vals[m] = this.vals[k];
        m++;
      }
      this.rows = rows;
      this.kinds = kinds;
      this.vals = vals;
      this.n = m;
      this.ordered = true;
    }
    this.first = this.n > 0 ? this.rows[0] : 0;
    this.contiguous = this.n === 0 || this.rows[this.n - 1] - this.first === this.n - 1;
  }

  /** The entry of sheet row `row`, or -1. */
  indexOf(row: number): number {
    if (this.contiguous) {
      const k = row - this.first;
      return k >= 0 && k < this.n ? k : -1;
    }
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const r = this.rows[mid];
      if (r === row) return mid;
      if (r < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The first entry at or after sheet row `row` (n when none). */
  lowerBound(row: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[mid] < row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** A worksheet's kept cells by column (1-based), with the rows that hold any. */
export class SheetColumns {
  /** Index = 1-based column. */
  readonly columns: (ColumnCells | undefined)[] = [];
  /** The last sheet row holding a kept cell (0: none). */
  lastRow = 0;
  /** Column -> currencies named by the number formats of its number cells, first row of each. */
  readonly currencies = new Map<number, SeenCurrency[]>();
  private rowHasCells = new Uint8Array(1024);

  constructor(
    private readonly sharedStrings: readonly string[],
    /** The sheet's own texts, by index (sheet-scan.ts interns them). */
    private readonly texts: readonly string[],
    private readonly date1904: boolean,
  ) {}

  add(row: number, col: number, kind: number, val: number): void {
    let column = this.columns[col];
    if (column === undefined) this.columns[col] = column = new ColumnCells();
    column.push(row, kind, val);
    if (row >= this.rowHasCells.length) {
      const more = new Uint8Array(Math.max(row + 1, this.rowHasCells.length * 2));
      more.set(this.rowHasCells);
      this.rowHasCells = more;
    }
    this.rowHasCells[row] = 1;
    if (row > this.lastRow) this.lastRow = row;
  }

  noteCurrency(row: number, col: number, code: string): void {
    let seen = this.currencies.get(col);
    if (seen === undefined) this.currencies.set(col, (seen = []));
    if (!seen.some((c) => c.code === code)) seen.push({ code, row });
  }

  /** Call once, after the last cell. */
  finish(): void {
    for (const c of this.columns) c?.finish();
  }

  /** Whether sheet row `row` holds any kept cell. */
  hasRow(row: number): boolean {
    return row < this.rowHasCells.length && this.rowHasCells[row] === 1;
  }

  /** The cell at (row, col) as read, null when empty. */
  cell(row: number, col: number): SheetCell {
    const c = this.columns[col];
    if (c === undefined) return null;
    const k = c.indexOf(row);
    return k < 0 ? null : this.value(c.kinds[k], c.vals[k]);
  }

  /** A kept cell's value from its kind and number. */
  value(kind: number, val: number): SheetCell {
    switch (kind) {
      case KIND.number:
        return val;
      case KIND.serial:
        return excelSerialToDate(val, this.date1904);
      case KIND.shared:
        return this.sharedStrings[val];
      case KIND.text:
        return this.texts[val];
      case KIND.true:
        return true;
      case KIND.false:
        return false;
      case KIND.isoDate:
        return new Date(val);
      default:
        return UNCALCULATED;
    }
  }

  /** Whether a kept cell reads as blank (null, or text of white space only). */
  isBlank(kind: number, val: number): boolean {
    if (kind === KIND.shared) return this.sharedStrings[val].trim() === "";
    if (kind === KIND.text) return this.texts[val].trim() === "";
    return false;
  }

  /** The sheet's cells from A1, `cells[row - 1][col - 1]` (rows as long as their last cell). */
  plainCells(): CellValue[][] {
    const out: CellValue[][] = Array.from({ length: this.lastRow }, () => []);
    for (let col = 1; col < this.columns.length; col++) {
      const c = this.columns[col];
      if (c === undefined) continue;
      for (let k = 0; k < c.n; k++) {
        const v = this.value(c.kinds[k], c.vals[k]);
        out[c.rows[k] - 1][col - 1] = v === UNCALCULATED ? null : v;
      }
    }
    for (const row of out)
      for (let j = 0; j < row.length; j++) if (row[j] === undefined) row[j] = null;
    return out;
  }
}
