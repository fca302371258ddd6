/**
 * A table of a worksheet read column-wise (RawTable.cells over sheet-columns.ts): data row i is
 * sheet row `firstRow + i`, column j is sheet column `left + j`. It gives exactly the rows the
 * reader used to build: a sheet row holding any kept cell is `width` cells long (null where
 * empty), a row holding none is empty.
 */
import type { CellValue, DistinctCells, TableCells } from "../../engine/input/raw-table";
import { UNCALCULATED } from "./sheet-cell";
import { KIND, type ColumnCells, type SheetColumns } from "./sheet-columns";

/** Kinds above this are a kind's -0 (kept apart from 0, which a Map key would merge). */
const NEGATIVE_ZERO = 16;

export class SheetTableCells implements TableCells {
  private readonly cols: (ColumnCells | undefined)[];
  private readonly distinct = new Map<number, DistinctCells>();

  constructor(
    private readonly sheet: SheetColumns,
    private readonly firstRow: number,
    readonly rowCount: number,
    left: number,
    private readonly columns: number,
  ) {
    this.cols = Array.from({ length: columns }, (_, j) => sheet.columns[left + j]);
  }

  width(i: number): number {
    return this.sheet.hasRow(this.firstRow + i) ? this.columns : 0;
  }

  cell(i: number, j: number): CellValue {
    const c = this.cols[j];
    if (c === undefined) return null;
    const k = c.indexOf(this.firstRow + i);
    if (k < 0) return null;
    const v = this.sheet.value(c.kinds[k], c.vals[k]);
    return v === UNCALCULATED ? null : v; // reported before the table is made (read-xlsx.ts)
  }

  isBlankRow(i: number): boolean {
    const row = this.firstRow + i;
    for (const c of this.cols) {
      if (c === undefined) continue;
      const k = c.indexOf(row);
      if (k >= 0 && !this.sheet.isBlank(c.kinds[k], c.vals[k])) return false;
    }
    return true;
  }

  /**
   * Column j as codes of its distinct cells (made once per column): code 0 is null (no cell, or a
   * formula without a value), then one code per distinct kind and number, so a text is one code
   * per interned or shared string and a date one code per serial. The input layer parses each
   * week and coerces each id once instead of once per row.
   */
  distinctCells(j: number): DistinctCells {
    const made = this.distinct.get(j);
    if (made !== undefined) return made;
    const code = new Int32Array(this.rowCount);
    const values: CellValue[] = [null];
    const c = this.cols[j];
    if (c !== undefined) {
      const byKind: (Map<number, number> | undefined)[] = [];
      const end = this.firstRow + this.rowCount;
      for (let k = c.lowerBound(this.firstRow); k < c.n && c.rows[k] < end; k++) {
        const kind = c.kinds[k];
        if (kind === KIND.uncalculated) continue;
        const val = c.vals[k];
        const slot = val === 0 && 1 / val < 0 ? kind + NEGATIVE_ZERO : kind;
        const codes = (byKind[slot] ??= new Map<number, number>());
        let x = codes.get(val);
        if (x === undefined) {
          x = values.length;
          codes.set(val, x);
          const v = this.sheet.value(kind, val);
          values.push(v === UNCALCULATED ? null : v);
        }
        code[c.rows[k] - this.firstRow] = x;
      }
    }
    const out = { code, values };
    this.distinct.set(j, out);
    return out;
  }

  /** Numbers are read through `cell` (coerce-number.ts takes them as they are). */
  plainCents(): number {
    return NaN;
  }
}
