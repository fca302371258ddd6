/**
 * What every input adapter (CSV folder, .xlsx file, Office.js workbook) produces: plain tables of
 * cells, untyped, exactly as found. Header mapping, typing and validation happen later, in
 * src/engine/input, so every adapter behaves the same.
 */

/** One cell as an adapter found it. Dates are only produced by adapters that know a cell is a date. */
export type CellValue = string | number | boolean | Date | null;

export interface RawTable {
  /** Sheet, Excel table or file name, used in every Issue about this table (e.g. "retail_weekly_sales.csv"). */
  name: string;
  /** Where it came from, for messages: "csv", "xlsx sheet", "xlsx table", "excel sheet", "excel table". */
  origin: string;
  /** Header cells as written (trimmed strings). */
  header: string[];
  /** Data rows, each as long as the header or shorter; cells beyond the row's length are null. */
  rows: CellValue[][];
  /** 1-based sheet row number of the header; data row i sits at headerRow + 1 + i. */
  headerRow: number;
  /** 1-based sheet column of the header's first cell (A = 1), for column letters in messages. */
  firstColumn: number;
}

export interface RawWorkbook {
  /** File or folder name the tables came from. */
  source: string;
  tables: RawTable[];
}
