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
  /**
   * Per column, the currencies the data cells' number formats name (`[$£-809]#,##0.00` -> GBP),
   * each with the first sheet row showing it, in sheet order; absent when the adapter does not
   * read number formats (CSV). Optional so every other adapter stays as it is.
   */
  columnCurrencies?: SeenCurrency[][];
  /**
   * The same cells as `rows`, kept by the adapter without row arrays (the CSV reader, for large
   * tables): the input layer reads through `table-cells.ts`, which uses these when present so a
   * million-row table is never turned into a million arrays of strings. Absent for every other
   * adapter. Readers that do not know it still get `rows` (built on first use).
   */
  cells?: TableCells;
}

/**
 * A table's cells kept column-wise (see RawTable.cells). Every method gives exactly what `rows`
 * gives: `cell(i, j)` is `rows[i][j] ?? null`.
 */
export interface TableCells {
  readonly rowCount: number;
  /** Number of cells written in data row i (rows[i].length). */
  width(i: number): number;
  /** Optional: the largest width(i) over the data rows, 0 when there are none. */
  maxWidth?(): number;
  cell(i: number, j: number): CellValue;
  /** Whether every cell of data row i is blank (coerce-id.ts isBlankRow of rows[i]). */
  isBlankRow(i: number): boolean;
  /**
   * Integer cents of cell (i, j) when it is plain decimal text (`-?digits[.d[d]]`, at most 15
   * characters), exactly what coerce-number.ts coerceMoney gives for it; NaN for any other cell
   * (which the caller then reads through `cell`).
   */
  plainCents(i: number, j: number): number;
  /**
   * Column j as codes of its distinct cells: `values[code[i]]` is `cell(i, j)` for every data row
   * i (equal codes, equal cells; one value may have several codes). Lets a reader parse each
   * distinct date or id once (a million sales rows hold a few dozen weeks and some thousands of
   * customers). Optional: an adapter without it is read cell by cell.
   */
  distinctCells?(j: number): DistinctCells;
  /**
   * plainCents(i, j) of every data row i, as one column (made once per column, then shared):
   * what the money readers and the currency detection read instead of cell by cell. Optional.
   */
  plainCentsColumn?(j: number): Float64Array;
  /**
   * isBlankRow(i) of every data row i, as one column (1: blank): what the sales reader reads
   * instead of row by row. Optional.
   */
  blankRows?(): Uint8Array;
}

/** A column as codes of distinct cells (TableCells.distinctCells). */
export interface DistinctCells {
  /** Per data row, the index of its cell in `values`. */
  readonly code: Int32Array;
  readonly values: readonly CellValue[];
}

/** A currency seen in a column: ISO 4217 code and the 1-based sheet row that first showed it. */
export interface SeenCurrency {
  code: string;
  row: number;
}

export interface RawWorkbook {
  /** File or folder name the tables came from. */
  source: string;
  tables: RawTable[];
}
