/**
 * The head of a result sheet the host holds whole: a table sheet cut to its first rows, with its
 * row count (what WorkbookHost.resultSheetHead answers from rows at hand; the worker's
 * `result-rows` call gives the same from the rows it keeps).
 */
import type { ResultCell, ResultSheet } from "../../engine/report/result-book";
import type { ResultSheetHead } from "../../workbook/workbook-host";

/** `sheet` with its table's rows replaced by `rows` (a report sheet as it is). */
export function withTableRows(sheet: ResultSheet, rows: ResultCell[][]): ResultSheet {
  if (sheet.content.kind !== "table") return sheet;
  return { ...sheet, content: { kind: "table", table: { ...sheet.content.table, rows } } };
}

/** Rows [from, from + count) of a table sheet, and its row count; null for a report sheet. */
export function tableRowsOf(
  sheet: ResultSheet,
  from: number,
  count: number,
): { rows: ResultCell[][]; total: number } | null {
  if (sheet.content.kind !== "table") return null;
  const rows = sheet.content.table.rows;
  const start = Math.max(0, Math.floor(from));
  return { rows: rows.slice(start, start + Math.max(0, Math.floor(count))), total: rows.length };
}

/** The sheet with at most its first `maxRows` table rows, and the table's row count. */
export function resultSheetHead(sheet: ResultSheet, maxRows: number): ResultSheetHead {
  const page = tableRowsOf(sheet, 0, maxRows);
  return page === null
    ? { sheet, tableRows: 0 }
    : { sheet: withTableRows(sheet, page.rows), tableRows: page.total };
}
