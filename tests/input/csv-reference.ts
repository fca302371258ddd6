/**
 * Checks shared by the CSV reader tests (csv-columns.test.ts, csv-bytes.test.ts): a scan against
 * the reference parse (parseCsv), and the input layer on a column-wise table against
 * the same table as plain rows.
 */
import { isBlankRow } from "../../src/engine/input/coerce-id";
import type { CellValue, TableCells } from "../../src/engine/input/raw-table";
import type { ScannedCsv } from "../../src/workbook/csv-columns";
import type { ParsedCsv } from "../../src/workbook/csv-parser";

/** A scan gives parseCsv's delimiter, quote report, header and cells (expectCellsOfRows). */
export function expectScanOf(scanned: ScannedCsv, ref: ParsedCsv, rows: CellValue[][]): void {
  expect(scanned.delimiter).toBe(ref.delimiter);
  expect(scanned.unclosedQuote).toEqual(ref.unclosedQuote);
  expect(scanned.columns.header).toEqual(ref.header);
  expectCellsOfRows(scanned.columns, rows);
}

/** Every row's width, blank flag and cells (and one column either side) equal the reference rows. */
function expectCellsOfRows(columns: TableCells, rows: CellValue[][]): void {
  expect(columns.rowCount).toBe(rows.length);
  for (let i = 0; i < rows.length; i++) {
    expect(columns.width(i)).toBe(rows[i].length);
    expect(columns.isBlankRow(i)).toBe(isBlankRow(rows[i]));
    for (let j = -1; j <= rows[i].length + 1; j++)
      expect(columns.cell(i, j)).toBe(rows[i][j] ?? null);
  }
}
