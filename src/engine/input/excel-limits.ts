/**
 * Input tables larger than an Excel sheet can hold (1,048,576 rows including the header, 16,384
 * columns). A CSV file may be that large; an .xlsx sheet that large was not written by Excel, and
 * Excel opens it cut short or not at all. Such a table is still read in full; one issue says so,
 * an info for a CSV file and a warning for a workbook sheet or table.
 */
import type { RawTable } from "./raw-table";
import type { IssueCollector } from "./issue-collector";
import { rowCount } from "./table-cells";

/** Rows of an Excel sheet (the header row included). */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Columns of an Excel sheet (A..XFD). */
export const EXCEL_MAX_COLUMNS = 16_384;

const fmt = (n: number): string => n.toLocaleString("en-US");

/** Last sheet row and last sheet column (1-based) a table occupies. */
export function tableExtent(table: RawTable): { lastRow: number; lastColumn: number } {
  let width = table.header.length;
  const n = rowCount(table);
  const cells = table.cells;
  if (cells?.maxWidth !== undefined) width = Math.max(width, cells.maxWidth());
  else if (cells !== undefined) {
    for (let i = 0; i < n; i++) if (cells.width(i) > width) width = cells.width(i);
  } else for (const row of table.rows) if (row.length > width) width = row.length;
  return {
    lastRow: table.headerRow + n,
    lastColumn: table.firstColumn - 1 + width,
  };
}

/** Reports every table that reaches beyond Excel's sheet size. */
export function reportBeyondExcel(tables: readonly RawTable[], issues: IssueCollector): void {
  for (const t of tables) {
    const { lastRow, lastColumn } = tableExtent(t);
    const over: string[] = [];
    if (lastRow > EXCEL_MAX_ROWS)
      over.push(`${fmt(lastRow)} rows (an Excel sheet holds ${fmt(EXCEL_MAX_ROWS)})`);
    if (lastColumn > EXCEL_MAX_COLUMNS)
      over.push(`${fmt(lastColumn)} columns (an Excel sheet holds ${fmt(EXCEL_MAX_COLUMNS)})`);
    if (over.length === 0) continue;
    const csv = t.origin === "csv";
    issues.add(
      csv ? "info" : "warning",
      "beyond-excel-limits",
      t.name,
      null,
      null,
      `${t.name} reaches ${over.join(" and ")}, more than Excel can hold. It was read in full, but ${
        csv
          ? "opening this file in Excel would cut it short."
          : "this workbook was not written by Excel, and Excel would open it cut short or not at all."
      }`,
    );
  }
}
