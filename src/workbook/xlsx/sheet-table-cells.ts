/**
 * A table of a worksheet read column-wise (RawTable.cells over sheet-columns.ts): data row i is
 * sheet row `firstRow + i`, column j is sheet column `left + j`. It gives exactly the rows the
 * reader used to build: a sheet row holding any kept cell is `width` cells long (null where
 * empty), a row holding none is empty.
 */
import type { CellValue, TableCells } from "../../engine/input/raw-table";
import { UNCALCULATED } from "./sheet-cell";
import type { ColumnCells, SheetColumns } from "./sheet-columns";

export class SheetTableCells implements TableCells {
  private readonly cols: (ColumnCells | undefined)[];

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

  /** Numbers are read through `cell` (coerce-number.ts takes them as they are). */
  plainCents(): number {
    return NaN;
  }
}
