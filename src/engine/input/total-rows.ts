/**
 * A "Total" line under a table (a spreadsheet habit) is not a customer, a sale or a stock row.
 *
 * A row is a total row (documented behaviour) when all of this holds:
 * - it is among the table's last non-blank rows: counting up from the bottom, blank rows are
 *   passed over and total rows taken (at most MAX_TOTAL_ROWS, e.g. "Subtotal" then "Grand total")
 *   until the first row that is not one; a "Total" row above a data row is read as data;
 * - its first non-blank cell (in any column) is text reading exactly Total, Totals, Subtotal,
 *   Sub-total, Sub total or Grand total, in any case, with or without a trailing colon
 *   ("Total Foods Ltd" is a name, not a total);
 * - every key cell of the table (customer id, week, store, sku ...) other than that label is blank;
 * - every other cell is blank or a number (sums, counts, money text such as "$1,234.50").
 * Each total row is skipped (counted as skipped) with one info issue naming sheet and row.
 */
import type { CellValue, RawTable } from "./raw-table";
import { isBlankCell } from "./coerce-id";
import { coerceNumber, newNumberParse, NumStatus } from "./coerce-number";
import type { ColumnMap } from "./header-map";
import type { IssueCollector } from "./issue-collector";
import { blankRowAt, rowAt, rowCount } from "./table-cells";

/** Most trailing total rows recognised under one table. */
export const MAX_TOTAL_ROWS = 3;

const TOTAL_LABEL = /^(?:grand[\s-]*total|sub[\s-]*total|totals?)\s*:?$/i;

/** Whether a cell reads Total / Subtotal / Grand total (see the file comment). */
export function isTotalLabel(cell: CellValue): boolean {
  return typeof cell === "string" && TOTAL_LABEL.test(cell.trim());
}

/** Whether one non-blank row is a total row, given the indexes of the key columns. */
export function isTotalRow(row: readonly CellValue[], keyColumns: readonly number[]): boolean {
  let label = -1;
  for (let j = 0; j < row.length; j++) {
    if (!isBlankCell(row[j])) {
      label = j;
      break;
    }
  }
  if (label < 0 || !isTotalLabel(row[label])) return false;
  const num = newNumberParse();
  for (let j = label + 1; j < row.length; j++) {
    const cell = row[j];
    if (isBlankCell(cell)) continue;
    if (keyColumns.includes(j)) return false;
    if (typeof cell === "number") continue;
    if (typeof cell !== "string" || coerceNumber(cell, num) !== NumStatus.Ok) return false;
  }
  return true;
}

/** Data-row indexes of the trailing total rows of `table`, in row order. */
export function findTotalRows(table: RawTable, keyColumns: readonly number[]): number[] {
  const found: number[] = [];
  for (let i = rowCount(table) - 1; i >= 0 && found.length < MAX_TOTAL_ROWS; i--) {
    if (blankRowAt(table, i)) continue;
    const row = rowAt(table, i);
    if (!isTotalRow(row, keyColumns)) break;
    found.push(i);
  }
  return found.reverse();
}

/**
 * The trailing total rows of a table whose key fields are `keys` (column keys of `cols`), each
 * reported as an info issue saying it was skipped. `noun` names what a data row is ("customer").
 */
export function skipTotalRows(
  table: RawTable,
  cols: ColumnMap,
  keys: readonly string[],
  noun: string,
  issues: IssueCollector,
): ReadonlySet<number> {
  const keyColumns = keys.map((k) => cols[k] ?? -1).filter((j) => j >= 0);
  const found = findTotalRows(table, keyColumns);
  for (const i of found) {
    const row = rowAt(table, i);
    const j = row.findIndex((c) => !isBlankCell(c));
    const label = typeof row[j] === "string" ? row[j].trim() : "";
    issues.add(
      "info",
      "total-row",
      table.name,
      table.headerRow + 1 + i,
      table.header[j] ?? null,
      `This row reads "${label}" and is a total line under the table, not a ${noun}; it was skipped.`,
    );
  }
  return new Set(found);
}
