/**
 * A result sheet as the pane shows it read-only (the browser preview has no sheet tabs): its
 * tables with headers and at most the first `maxRows` rows, cells formatted as the sheet's number
 * formats show them (src/workbook/xlsx-cell.ts NUMBER_FORMATS), and a report sheet's headings,
 * figures and text in order. Pure: builds display strings, no DOM.
 */
import { DEFAULT_CURRENCY, formatCurrency } from "../../engine/currency";
import type {
  ColumnFormat,
  ResultCell,
  ResultSheet,
  ResultTable,
} from "../../engine/report/result-book";

/** Rows of a table the view shows at most. */
export const SHEET_VIEW_ROWS = 200;

export interface SheetViewTable {
  kind: "table";
  title: string | null;
  headers: string[];
  /** Right-align the column (numbers). */
  numeric: boolean[];
  /** Shown rows as display text. */
  rows: string[][];
  /** Data rows in the sheet's table (rows.length when nothing was cut). */
  totalRows: number;
}

export type SheetViewPart =
  | { kind: "heading"; text: string; level: 1 | 2 }
  | { kind: "text"; text: string }
  | { kind: "bullets"; items: string[] }
  | SheetViewTable;

export interface SheetView {
  name: string;
  parts: SheetViewPart[];
  /** "first 200 of 343 rows — download the results for all", or null when nothing was cut. */
  note: string | null;
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

function grouped(x: number, decimals: number): string {
  return Math.abs(x).toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/**
 * One cell as the sheet shows it: currency in the sheet's currency (ResultSheet.currency, default
 * USD) as the engine's money text, "$1,234.50", "£1,234.50" (negatives "-$1,234.50"), percent of
 * a fraction "41.5%", integer "1,234", decimal and score "7.25", date "yyyy-mm-dd", booleans
 * "TRUE"/"FALSE", empty for null; text as written.
 */
export function formatCell(
  v: ResultCell,
  format: ColumnFormat,
  currency: string = DEFAULT_CURRENCY,
): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return "";
    return `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
  }
  if (!Number.isFinite(v)) return "";
  const sign = v < 0 ? "-" : "";
  switch (format) {
    case "currency":
      return formatCurrency(v, currency);
    case "percent": {
      const p = grouped(v * 100, 1);
      return `${p === "0.0" ? "" : sign}${p}%`;
    }
    case "integer": {
      const t = grouped(v, 0);
      return `${t === "0" ? "" : sign}${t}`;
    }
    case "decimal":
    case "score":
      return v.toFixed(2);
    case "date": {
      // An Excel serial day number shown with a date format.
      const d = new Date(Date.UTC(1899, 11, 30) + Math.round(v) * 86_400_000);
      return formatCell(d, "date");
    }
    case "text":
      return String(v);
  }
}

function tablePart(
  table: ResultTable,
  title: string | null,
  maxRows: number,
  currency: string | undefined,
  totalRows = table.rows.length,
): SheetViewTable {
  const formats = table.columns.map((c) => c.format);
  const rows = table.rows
    .slice(0, maxRows)
    .map((row) => formats.map((f, i) => formatCell(row[i] ?? null, f, currency)));
  return {
    kind: "table",
    title,
    headers: table.columns.map((c) => c.header),
    numeric: formats.map((f) => f !== "text" && f !== "date"),
    rows,
    totalRows,
  };
}

/**
 * The read-only view of `sheet` with at most `maxRows` rows per table. `tableRows`: the row count
 * of a table sheet whose rows are given only in part (its first rows, WorkbookHost.resultSheetHead).
 */
export function sheetView(
  sheet: ResultSheet,
  maxRows = SHEET_VIEW_ROWS,
  tableRows?: number,
): SheetView {
  const parts: SheetViewPart[] = [];
  const c = sheet.content;
  if (c.kind === "table") {
    parts.push(
      tablePart(
        c.table,
        c.table.title ?? null,
        maxRows,
        sheet.currency,
        Math.max(tableRows ?? 0, c.table.rows.length),
      ),
    );
  } else {
    for (const b of c.blocks) {
      switch (b.kind) {
        case "heading":
          parts.push({ kind: "heading", text: b.text, level: b.level });
          break;
        case "paragraph":
          parts.push({ kind: "text", text: b.text });
          break;
        case "bullets":
          parts.push({ kind: "bullets", items: b.items.slice() });
          break;
        case "figures":
          parts.push({
            kind: "table",
            title: null,
            headers: ["Figure", "Value"],
            numeric: [false, true],
            rows: b.items.map((it) => [it.label, formatCell(it.value, it.format, sheet.currency)]),
            totalRows: b.items.length,
          });
          break;
        case "table":
          parts.push(tablePart(b.table, b.table.title ?? null, maxRows, sheet.currency));
          break;
        case "spacer":
          break;
      }
    }
  }
  const cut = parts.find(
    (p): p is SheetViewTable => p.kind === "table" && p.rows.length < p.totalRows,
  );
  const note =
    cut === undefined
      ? null
      : `first ${cut.rows.length.toLocaleString("en-US")} of ${cut.totalRows.toLocaleString("en-US")} rows — download the results for all`;
  return { name: sheet.name, parts, note };
}
