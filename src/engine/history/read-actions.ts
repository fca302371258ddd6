/**
 * The previous run's RGO Actions sheet, as found, back into rows the merge can use (issue 12).
 * The sheet is one people edit, so it is untrusted input: every damage gives an Issue naming the
 * sheet, row and column and what was expected, and every value the user typed is kept somewhere
 * visible. Never throws on a cell.
 *
 * Columns are found by header (case and spaces ignored). A known column whose header was changed
 * is still found when it sits where RGO wrote it and its new header is no known one (a rename in
 * place); a table with no known header at all is read as if its header row was deleted (the first
 * row is data, columns in RGO's order). Any other column is an extra column the user added: kept,
 * with its header, after RGO's columns.
 */
import type { Issue } from "../issue";
import type { CellValue, RawTable } from "../input/raw-table";
import { coerceDate } from "../input/coerce-date";
import { coerceId, isBlankRow } from "../input/coerce-id";
import { daysFromCivil, excelSerialToDay } from "../input/calendar-days";
import {
  ACTION_STATUSES,
  ACTIONS_COLUMNS,
  ACTIONS_SHEET,
  actionStatusOf,
  GAP_CLOSED,
  GAP_FLAGGED,
  USER_COLUMNS,
  type ToolField,
  type UserField,
} from "./actions-columns";
import { ACTIONS_NARRATIVE_HEADERS } from "../narrative/narrative-columns";

/** One data row of the previous sheet. */
export interface PreviousActionRow {
  /** 1-based sheet row, for messages. */
  sheetRow: number;
  /** Canonical customer id (coerceId), null when the row has none. */
  customerId: string | null;
  /** The customer cell as found (kept as typed on a row without a usable id). */
  customerCell: CellValue;
  /** The tool's memory: days since 1970-01-01 of the first flag (null: unknown). */
  firstFlaggedDay: number | null;
  runs: number | null;
  /** "flagged" or "closed" as the previous run wrote it (null: unknown). */
  gapNow: typeof GAP_FLAGGED | typeof GAP_CLOSED | null;
  closedOnDay: number | null;
  /** Weekly spend when first flagged, in dollars (null: unknown). */
  spendAtFlag: number | null;
  /** The user's cells, exactly as found (missing column: null). */
  user: Record<UserField, CellValue>;
  /** Cells of the extra columns, in `extraHeaders` order. */
  extra: CellValue[];
}

export interface PreviousActions {
  rows: PreviousActionRow[];
  /** Headers of the columns the user added, in sheet order. */
  extraHeaders: string[];
  issues: Issue[];
  /** Blank rows skipped (counted, one issue for all). */
  blankRows: number;
}

const norm = (h: string): string => h.trim().toLowerCase().replace(/\s+/g, " ");

/** The narrative's columns (the tool's, written afresh each run): never kept as the user's. */
const NARRATIVE_HEADERS = new Set<string>(ACTIONS_NARRATIVE_HEADERS.map(norm));

const KNOWN = new Map<string, number>(ACTIONS_COLUMNS.map((c, i) => [norm(c.header), i]));

/** Serials Excel shows as dates (1900-01-01 to 9999-12-31). */
const MIN_SERIAL = 1;
const MAX_SERIAL = 2958465;

/** Day number of a date cell (Date, ISO text or an Excel serial); null blank, undefined not a date. */
export function dayOfCell(v: CellValue): number | null | undefined {
  if (typeof v === "number") {
    // Excel's 1900 system counts a 29 February 1900 that never was (serial 60, not a date).
    const day = v >= MIN_SERIAL && v <= MAX_SERIAL ? excelSerialToDay(v) : NaN;
    return Number.isNaN(day) ? undefined : day;
  }
  if (v instanceof Date)
    return Number.isNaN(v.getTime())
      ? undefined
      : daysFromCivil(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  return coerceDate(v);
}

function numberOf(v: CellValue): number | null | undefined {
  if (v === null || (typeof v === "string" && v.trim() === "")) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string") {
    const n = Number(v.trim().replace(/[$,]/g, ""));
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

const describe = (v: CellValue): string =>
  v instanceof Date
    ? `the date ${v.toISOString().slice(0, 10)}`
    : typeof v === "string"
      ? `"${v.length > 40 ? v.slice(0, 40) + "…" : v}"`
      : String(v);

/** Reads `table` (the previous RGO Actions sheet); undefined: no previous sheet. */
export function readPreviousActions(table: RawTable | undefined): PreviousActions {
  const issues: Issue[] = [];
  const out: PreviousActions = { rows: [], extraHeaders: [], issues, blankRows: 0 };
  if (table === undefined) return out;
  const sheet = ACTIONS_SHEET;
  const issue = (
    severity: Issue["severity"],
    code: string,
    row: number | null,
    column: string | null,
    message: string,
  ): void => {
    issues.push({ severity, code, sheet, row, column, message });
  };

  // Which sheet column holds which known column.
  const header = table.header.map((h) => (typeof h === "string" ? h : String(h ?? "")));
  const width = Math.max(header.length, ...table.rows.slice(0, 1).map((r) => r.length));
  const at = new Map<number, number>(); // known column index -> sheet column index
  header.forEach((h, j) => {
    const k = KNOWN.get(norm(h));
    if (k !== undefined && !at.has(k)) at.set(k, j);
  });
  let rows: CellValue[][] = table.rows;
  let firstDataRow = table.headerRow + 1;
  if (header.every((h) => h.trim() === "") && rows.every((r) => isBlankRow(r))) {
    issue(
      "info",
      "actions-empty",
      null,
      null,
      `The RGO Actions sheet is empty: it is written afresh from this run's flagged customers.`,
    );
    return out;
  }
  if (at.size === 0 && header.some((h) => h.trim() !== "")) {
    // No known header: the header row was deleted (or every header renamed). Read the first row
    // as data, columns in RGO's order.
    ACTIONS_COLUMNS.forEach((_, k) => {
      if (k < width) at.set(k, k);
    });
    rows = [header.map((h) => (h.trim() === "" ? null : h)), ...table.rows];
    firstDataRow = table.headerRow;
    issue(
      "warning",
      "actions-no-header",
      table.headerRow,
      null,
      `No RGO Actions header found (expected "Customer", "Owner", "Status", "Notes", …): read row ${table.headerRow} as data with the columns in the order RGO writes them; the header is written back.`,
    );
  } else {
    // Renamed in place: a known column not found by name, whose position holds an unknown header.
    ACTIONS_COLUMNS.forEach((c, k) => {
      if (at.has(k)) return;
      const j = k;
      const h = header[j];
      const taken = [...at.values()].includes(j);
      if (h !== undefined && !taken && KNOWN.get(norm(h)) === undefined) {
        at.set(k, j);
        issue(
          "warning",
          "actions-column-renamed",
          table.headerRow,
          h,
          `Column "${h}" sits where RGO writes "${c.header}": read as "${c.header}" and written back under that name.`,
        );
      } else {
        const user = USER_COLUMNS.some((u) => u.header === c.header);
        issue(
          "warning",
          "actions-column-missing",
          table.headerRow,
          c.header,
          user
            ? `No "${c.header}" column found: it is written back empty (any column you renamed is kept as an extra column under its own name).`
            : `No "${c.header}" column found: RGO fills it again from this run${c.header === "First flagged" || c.header === "Runs since first flagged" || c.header === "Weekly spend at first flag" ? " (what it remembered from earlier runs is lost, so the outcome feedback counts these customers from this run)" : ""}.`,
        );
      }
    });
  }
  const used = new Set(at.values());
  const extraCols: number[] = [];
  for (let j = 0; j < header.length; j++)
    if (
      !used.has(j) &&
      !NARRATIVE_HEADERS.has(norm(header[j])) &&
      (header[j].trim() !== "" || rows.some((r) => r[j] != null))
    ) {
      extraCols.push(j);
      out.extraHeaders.push(header[j].trim() === "" ? `Column ${j + 1}` : header[j]);
    }

  const cellOf = (row: readonly CellValue[], k: number): CellValue => {
    const j = at.get(k);
    return j === undefined ? null : (row[j] ?? null);
  };
  const idx = (f: ToolField | UserField): number => ACTIONS_COLUMNS.findIndex((c) => c.field === f);
  const headerOf = (f: ToolField | UserField): string => {
    const j = at.get(idx(f));
    return j !== undefined && header[j] !== undefined && header[j].trim() !== ""
      ? header[j]
      : ACTIONS_COLUMNS[idx(f)].header;
  };

  let firstBlank = -1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (isBlankRow(row)) {
      if (firstBlank < 0) firstBlank = firstDataRow + i;
      out.blankRows++;
      continue;
    }
    const sheetRow = firstDataRow + i;
    const customerCell = cellOf(row, idx("customer"));
    const id = coerceId(customerCell);
    if (id === null || id === undefined)
      issue(
        "warning",
        "actions-no-customer",
        sheetRow,
        headerOf("customer"),
        id === null
          ? `No customer id on this row: the row is kept as written, at the end of the sheet, but not matched to any customer.`
          : `Expected a customer id, found ${describe(customerCell)}: the row is kept as written, at the end of the sheet, but not matched to any customer.`,
      );

    /** A cell of RGO's memory: its value, or null (reported) when it is not what was expected. */
    const memo = (
      f: ToolField,
      parse: (v: CellValue) => number | null | undefined,
      expected: string,
    ): number | null => {
      const v = cellOf(row, idx(f));
      const x = parse(v);
      if (x !== undefined) return x;
      issue(
        "warning",
        "actions-bad-tool-cell",
        sheetRow,
        headerOf(f),
        `Expected ${expected}, found ${describe(v)}: treated as unknown.`,
      );
      return null;
    };
    const gapCell = cellOf(row, idx("gapNow"));
    const gapText = typeof gapCell === "string" ? gapCell.trim().toLowerCase() : null;
    const gapNow =
      gapText === GAP_FLAGGED ? GAP_FLAGGED : gapText === GAP_CLOSED ? GAP_CLOSED : null;
    if (gapNow === null && gapCell !== null && !(typeof gapCell === "string" && gapText === ""))
      issue(
        "warning",
        "actions-bad-tool-cell",
        sheetRow,
        headerOf("gapNow"),
        `Expected "${GAP_FLAGGED}" or "${GAP_CLOSED}", found ${describe(gapCell)}: RGO fills it again from this run.`,
      );
    const user = {} as Record<UserField, CellValue>;
    for (const u of USER_COLUMNS) user[u.field] = cellOf(row, idx(u.field));
    const status = user.status;
    if (status !== null && !(typeof status === "string" && status.trim() === ""))
      if (actionStatusOf(status) === null)
        issue(
          "warning",
          "actions-unknown-status",
          sheetRow,
          headerOf("status"),
          `Expected one of ${ACTION_STATUSES.map((s) => `"${s}"`).join(", ")}, found ${describe(status)}: kept as typed.`,
        );
    if (dayOfCell(user.nextStep) === undefined)
      issue(
        "warning",
        "actions-not-a-date",
        sheetRow,
        headerOf("nextStep"),
        `Expected a date, found ${describe(user.nextStep)}: kept as typed.`,
      );
    const runs = memo("runs", numberOf, "a number");
    out.rows.push({
      sheetRow,
      customerId: id ?? null,
      customerCell,
      firstFlaggedDay: memo("firstFlagged", dayOfCell, "a date"),
      runs: runs === null ? null : Math.max(0, Math.round(runs)),
      gapNow,
      closedOnDay: memo("closedOn", dayOfCell, "a date"),
      spendAtFlag: memo("spendAtFlag", numberOf, "a number"),
      user,
      extra: extraCols.map((j) => row[j] ?? null),
    });
  }
  if (out.blankRows > 0)
    issue(
      "info",
      "actions-blank-rows",
      firstBlank,
      null,
      `${out.blankRows.toLocaleString("en-US")} blank row${out.blankRows === 1 ? "" : "s"} in the RGO Actions sheet skipped (first at row ${firstBlank}); they are not written back.`,
    );
  return out;
}
