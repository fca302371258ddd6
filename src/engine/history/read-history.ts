/**
 * Reads the RGO History sheet back. It is a sheet people edit and share, so it is untrusted input:
 * a renamed or deleted column, a deleted header, text in a number cell, blank rows or a row from
 * another rule pack each give an issue naming the sheet, row and column, and every row that has
 * anything in it is kept with its cells as found (the next History sheet writes them back as they
 * were). Columns the tool does not know are kept too, under their own headers.
 */
import { isBlankCell, isBlankRow } from "../input/coerce-id";
import type { CellValue, RawTable } from "../input/raw-table";
import type { Issue } from "../issue";
import type { ResultCell } from "../report/result-book";
import {
  HISTORY_CHECK_HEADER,
  HISTORY_COLUMNS,
  HISTORY_INDEX,
  HISTORY_SHEET,
  headerKey,
  type HistoryColumn,
} from "./history-columns";

export interface HistoryEntry {
  /** Cells in HISTORY_COLUMNS order, as found (a damaged cell keeps its text). */
  cells: ResultCell[];
  /** Cells of the columns the tool does not know, in `extraHeaders` order. */
  extra: ResultCell[];
  /** 1-based sheet row it was read from. */
  row: number;
  /** What was wrong with it, in words (shown in the History sheet's Check column). */
  problems: string[];
}

export interface ReadHistory {
  entries: HistoryEntry[];
  /** Headers of the columns kept as found (renamed or added by the user). */
  extraHeaders: string[];
}

/** Excel column letters of a 1-based column number. */
function letters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A number from a cell: numbers as they are, text such as "1,234.50", "$1,234.50", "GBP 12"; else null. */
export function numberOfCell(v: CellValue): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  // A currency symbol or code in front (after any minus sign), thousands separators.
  const t = v
    .trim()
    .replace(/^(-?)\s*(?:[A-Z]{3}\s*|[$£€¥]\s*)/, "$1")
    .replace(/,/g, "");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return Number(t);
}

/** Checks one cell: null when it is fine, else what was expected. */
function cellProblem(
  col: HistoryColumn,
  v: CellValue,
): { value: ResultCell; expected: string | null } {
  if (isBlankCell(v)) return { value: null, expected: null };
  switch (col.kind) {
    case "text":
      return { value: v, expected: null };
    case "date":
      if (v instanceof Date) return { value: v, expected: null };
      if (typeof v === "string" && !Number.isNaN(Date.parse(v)))
        return { value: v, expected: null };
      if (typeof v === "number") return { value: v, expected: null };
      return { value: v, expected: "a date and time" };
    case "count": {
      const n = numberOfCell(v);
      if (n !== null && Number.isInteger(n) && n >= 0) return { value: n, expected: null };
      return { value: v, expected: "a whole number" };
    }
    case "money": {
      const n = numberOfCell(v);
      if (n !== null) return { value: n, expected: null };
      return { value: v, expected: "an amount of money" };
    }
  }
}

const REQUIRED = new Set(["runAt", "asOf", "pack"]);

/**
 * Reads `table` (the RGO History sheet as found). Issues go to `issues`; nothing throws on bad
 * content.
 */
export function readHistory(table: RawTable, issues: Issue[]): ReadHistory {
  const sheet = table.name || HISTORY_SHEET;
  const known = new Map(HISTORY_COLUMNS.map((c, i) => [headerKey(c.header), i]));
  const matched = table.header.filter((h) => known.has(headerKey(h ?? ""))).length;
  const headerBlank = table.header.every((h) => (h ?? "").trim() === "");
  // No header cell names a History column: the header row was deleted (or overwritten), so the
  // first row is data, read by position in the order the tool writes the columns.
  const byPosition = matched === 0 && !headerBlank;
  let rows: CellValue[][] = table.rows;
  let firstRow = table.headerRow + 1;
  const colOf: number[] = HISTORY_COLUMNS.map(() => -1);
  const extraCols: number[] = [];
  const extraHeaders: string[] = [];
  const width = Math.max(table.header.length, ...table.rows.slice(0, 1000).map((r) => r.length), 0);
  if (byPosition) {
    rows = [table.header as CellValue[], ...table.rows];
    firstRow = table.headerRow;
    issues.push({
      severity: "warning",
      code: "history-header-missing",
      sheet,
      row: table.headerRow,
      column: null,
      message: `${sheet} has no header row (no cell of row ${table.headerRow} names a History column such as "Run at" or "As of"): its rows are read by position, in the order RGO writes the columns, and kept.`,
    });
    for (let j = 0; j < width; j++) {
      if (j < HISTORY_COLUMNS.length) colOf[j] = j;
      else if (j === HISTORY_COLUMNS.length)
        continue; // the Check column: worked out again
      else {
        extraCols.push(j);
        extraHeaders.push(`Column ${letters(table.firstColumn + j)}`);
      }
    }
  } else if (!headerBlank || table.rows.length > 0) {
    let checkSeen = false;
    for (let j = 0; j < width; j++) {
      const h = (table.header[j] ?? "").trim();
      const i = known.get(headerKey(h));
      if (i !== undefined && colOf[i] === -1) colOf[i] = j;
      // The Check column is worked out again on every run (history-sheet.ts), not read back.
      else if (!checkSeen && headerKey(h) === headerKey(HISTORY_CHECK_HEADER)) checkSeen = true;
      else if (h !== "" || table.rows.some((r) => !isBlankCell(r[j] ?? null))) {
        extraCols.push(j);
        extraHeaders.push(h !== "" ? h : `Column ${letters(table.firstColumn + j)}`);
      }
    }
    HISTORY_COLUMNS.forEach((c, i) => {
      if (colOf[i] !== -1 || headerBlank) return;
      issues.push({
        severity: "warning",
        code: "history-column-missing",
        sheet,
        row: table.headerRow,
        column: c.header,
        message: `${sheet} has no column "${c.header}" (renamed or deleted?): earlier runs' ${c.header.toLowerCase()} is left blank${extraHeaders.length > 0 ? `; the columns it does not know (${extraHeaders.map((h) => `"${h}"`).join(", ")}) are kept as found` : ""}.`,
      });
    });
  }
  const entries: HistoryEntry[] = [];
  let blank = 0;
  let firstBlank = 0;
  rows.forEach((r, k) => {
    const sheetRow = firstRow + k;
    if (isBlankRow(r)) {
      if (blank++ === 0) firstBlank = sheetRow;
      return;
    }
    const problems: string[] = [];
    const cells: ResultCell[] = HISTORY_COLUMNS.map((c, i) => {
      const j = colOf[i];
      const v = j === -1 ? null : (r[j] ?? null);
      const { value, expected } = cellProblem(c, v);
      const problem =
        expected !== null
          ? {
              note: `${c.header}: ${expected} expected`,
              text: `expected ${expected}, found "${String(v)}"; kept as found, left out of the trend.`,
            }
          : value === null && REQUIRED.has(c.key) && j !== -1
            ? { note: `${c.header}: blank`, text: "is blank; the row is kept." }
            : null;
      if (problem !== null) {
        problems.push(problem.note);
        issues.push({
          severity: "warning",
          code: "history-bad-cell",
          sheet,
          row: sheetRow,
          column: byPosition ? letters(table.firstColumn + j) : (table.header[j] ?? c.header),
          message: `${sheet} row ${sheetRow}, column "${c.header}": ${problem.text}`,
        });
      }
      return value;
    });
    entries.push({ cells, extra: extraCols.map((j) => r[j] ?? null), row: sheetRow, problems });
  });
  if (blank > 0)
    issues.push({
      severity: "info",
      code: "history-blank-rows",
      sheet,
      row: firstBlank,
      column: null,
      message: `${sheet}: ${blank} blank row${blank === 1 ? "" : "s"} (the first at row ${firstBlank}) left out; every other row is kept.`,
      ...(blank > 1 ? { count: blank } : {}),
    });
  return { entries, extraHeaders };
}

/** The entry's number in column `key` (null when blank or damaged). */
export function entryNumber(e: HistoryEntry, key: keyof typeof HISTORY_INDEX): number | null {
  const v = e.cells[HISTORY_INDEX[key]];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** The entry's text in column `key` ("" when blank). */
export function entryText(e: HistoryEntry, key: keyof typeof HISTORY_INDEX): string {
  const v = e.cells[HISTORY_INDEX[key]];
  if (v === null) return "";
  return v instanceof Date ? v.toISOString() : String(v).trim();
}
