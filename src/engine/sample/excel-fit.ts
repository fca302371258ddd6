/**
 * Whether sample tables fit on Excel sheets. A CSV folder has no row limit; an .xlsx sheet (or an
 * Excel worksheet) holds at most 1,048,576 rows including the header. `rgo sample` refuses an
 * .xlsx output that would not fit, rather than writing a sheet Excel cannot open in full or
 * splitting a table over several sheets that other tools would read as separate tables.
 */
import type { RawTable } from "../input/raw-table";
import { EXCEL_MAX_ROWS } from "../input/excel-limits";

const fmt = (n: number): string => n.toLocaleString("en-US");

/** Why the tables cannot be written one per Excel sheet, or null when they fit. */
export function excelSheetProblem(tables: readonly RawTable[]): string | null {
  const over = tables.filter((t) => t.rows.length + 1 > EXCEL_MAX_ROWS);
  if (over.length === 0) return null;
  const list = over
    .map((t) => `"${t.name}" would have ${fmt(t.rows.length + 1)} rows with its header`)
    .join(", ");
  return `${list}; an Excel sheet holds at most ${fmt(EXCEL_MAX_ROWS)} rows.`;
}
