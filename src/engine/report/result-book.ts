/**
 * The result workbook as plain data: what the engine decides to show, independent of how it is
 * written. Adapters (src/workbook/xlsx-writer.ts, later the Office.js adapter) turn it into sheets.
 * Values are raw (numbers are numbers, text is text); adapters guarantee text never becomes a formula.
 */

/** How a column's numbers are shown. Money is in dollars (already rounded to cents for display). */
export type ColumnFormat =
  | "text"
  | "integer"
  | "decimal" // 2 decimals
  | "score" // 0-10 with 2 decimals; adapters add a colour scale
  | "currency" // money: $#,##0.00, or the sheet's currency (ResultSheet.currency)
  | "percent" // value is a fraction: 0.415 -> 41.5%
  | "date";

export type ResultCell = string | number | boolean | Date | null;

export interface ResultColumn {
  header: string;
  format: ColumnFormat;
  /** Suggested width in characters. */
  width?: number;
  /** Values offered by a drop-down on the column's data cells (an Excel data-validation list). */
  allowed?: readonly string[];
}

/** A rectangular table written as an Excel table (name must be a valid Excel table name). */
export interface ResultTable {
  /** Excel table name, e.g. "RGO_Gaps". Letters, digits and underscores, starting with a letter. */
  name: string;
  title?: string;
  columns: ResultColumn[];
  rows: ResultCell[][];
}

/** A block on a report sheet: a heading, key-value figures, paragraphs, bullets or a small table. */
export type SummaryBlock =
  | { kind: "heading"; text: string; level: 1 | 2 }
  | { kind: "figures"; items: { label: string; value: ResultCell; format: ColumnFormat }[] }
  | { kind: "paragraph"; text: string }
  | { kind: "bullets"; items: string[] }
  | { kind: "table"; table: ResultTable }
  | { kind: "spacer" };

/**
 * A chart over a table of the same sheet: one bar per row (or a line through the rows),
 * categories from one column and values from another (a line chart may take several adjacent
 * value columns). The Office.js adapter draws them after the values and tables are written; the
 * .xlsx files (CLI, preview download) get them as DrawingML parts (src/workbook/xlsx-charts/).
 */
export interface ResultChart {
  title: string;
  /** Name of a ResultTable on the same sheet. */
  table: string;
  /** 0-based column of the table holding the category labels. */
  categoryColumn: number;
  /** 0-based column of the table holding the values (money). */
  valueColumn: number;
  /**
   * Line charts: the last value column (inclusive); columns valueColumn..lastValueColumn are one
   * series each, named by their headers. Absent: one series.
   */
  lastValueColumn?: number;
  kind: "bar" | "pie" | "line";
}

export interface ResultSheet {
  /** Sheet name, always starting "RGO " (at most 31 characters). */
  name: string;
  /** A data sheet (one big table) or a report sheet (blocks, top to bottom). */
  content: { kind: "table"; table: ResultTable } | { kind: "report"; blocks: SummaryBlock[] };
  /** Freeze the header row of a table sheet. */
  freezeHeader?: boolean;
  /** Charts drawn beside the sheet's tables (report sheets only). */
  charts?: ResultChart[];
  /**
   * ISO 4217 code of the sheet's "currency" cells (absent: USD). The layout writes them in this
   * currency's Excel format (src/engine/currency.ts currencyNumberFormat).
   */
  currency?: string;
}

export interface ResultBook {
  sheets: ResultSheet[];
  /** Document properties: rule-pack name and hash, run time; never secrets. */
  properties: Record<string, string>;
}
