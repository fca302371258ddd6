/**
 * A RawTable over column-wise cells (RawTable.cells: the CSV reader's and the .xlsx reader's):
 * `rows` is made from the cells once, when first read; `cells` is not enumerable, so copies, JSON
 * and structured clones carry plain rows.
 */
import type { CellValue, RawTable, TableCells } from "../engine/input/raw-table";

/** `table` without rows, given `cells` and the rows made from them on first use. */
export function columnarTable(
  table: Omit<RawTable, "rows" | "cells">,
  cells: TableCells,
): RawTable {
  let rows: CellValue[][] | undefined;
  const out = { ...table } as RawTable;
  Object.defineProperty(out, "rows", {
    enumerable: true,
    configurable: true,
    get(): CellValue[][] {
      if (rows === undefined) {
        rows = [];
        for (let i = 0; i < cells.rowCount; i++) {
          const row: CellValue[] = [];
          for (let j = 0, w = cells.width(i); j < w; j++) row.push(cells.cell(i, j));
          rows.push(row);
        }
      }
      return rows;
    },
    set(value: CellValue[][]): void {
      rows = value;
      delete (out as { cells?: unknown }).cells;
    },
  });
  Object.defineProperty(out, "cells", { value: cells, enumerable: false, configurable: true });
  return out;
}
