/**
 * Reading a RawTable's cells whether the adapter kept them as rows or column-wise
 * (RawTable.cells, the CSV reader): the input readers go through these so a large CSV table is
 * read cell by cell without building its row arrays. Each gives exactly what `rows` gives.
 */
import { isBlankRow } from "./coerce-id";
import type { CellValue, DistinctCells, RawTable } from "./raw-table";

/** Number of data rows (rows.length). */
export function rowCount(table: RawTable): number {
  return table.cells !== undefined ? table.cells.rowCount : table.rows.length;
}

/** Cell j of data row i, null beyond the row's end (rows[i][j] ?? null). */
export function cellAt(table: RawTable, i: number, j: number): CellValue {
  return table.cells !== undefined ? table.cells.cell(i, j) : (table.rows[i][j] ?? null);
}

/** Whether every cell of data row i is blank. */
export function blankRowAt(table: RawTable, i: number): boolean {
  return table.cells !== undefined ? table.cells.isBlankRow(i) : isBlankRow(table.rows[i]);
}

/** Data row i as an array (built for column-wise tables: use for a few rows only). */
export function rowAt(table: RawTable, i: number): readonly CellValue[] {
  const cells = table.cells;
  if (cells === undefined) return table.rows[i];
  const row: CellValue[] = [];
  for (let j = 0, w = cells.width(i); j < w; j++) row.push(cells.cell(i, j));
  return row;
}

/**
 * Column j as codes of its distinct cells when the adapter keeps them (TableCells.distinctCells),
 * else undefined (read cell by cell).
 */
export function distinctCellsAt(table: RawTable, j: number): DistinctCells | undefined {
  return j >= 0 ? table.cells?.distinctCells?.(j) : undefined;
}

/** blankRowAt of every data row (1: blank), from the adapter's column when it keeps one. */
export function blankRowsOf(table: RawTable): Uint8Array {
  const kept = table.cells?.blankRows?.();
  if (kept !== undefined) return kept;
  const n = rowCount(table);
  const blank = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (blankRowAt(table, i)) blank[i] = 1;
  return blank;
}
