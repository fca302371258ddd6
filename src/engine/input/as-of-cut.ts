/**
 * The as-of cut, shared by `rgo analyze --as-of` (RunOptions.asOf) and `rgo backtest --as-of`:
 * the sales table's rows dated after the as-of day are removed before the run (undated rows stay,
 * so the run reports them as it would), and the weeks end on the as-of day. Nothing else changes:
 * the other tables are passed on as they are.
 */
import { RgoError } from "../errors";
import { isoDateOfDay } from "./calendar-days";
import { coerceId, isBlankRow } from "./coerce-id";
import { coerceMoney, newNumberParse, NumStatus } from "./coerce-number";
import { WeekKind, WeekParser } from "./coerce-week";
import type { ColumnChoices } from "./header-map";
import { mapColumns } from "./header-map";
import { IssueCollector } from "./issue-collector";
import type { CellValue, RawTable, RawWorkbook } from "./raw-table";
import type { Role } from "./role";
import { detectRoles } from "./roles";
import type { Transaction } from "../model/customer-summary";

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01) of an ISO date, or an input error naming the flag. */
export function parseAsOf(text: string): number {
  const m = ISO_DAY.exec(text);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  const day = ms / 86_400_000;
  if (!m || !Number.isFinite(day) || isoDateOfDay(day) !== text)
    throw new RgoError("input", "usage", `--as-of needs a date YYYY-MM-DD, got "${text}"`);
  return day;
}

/** How the sales table is found and read (the run's own choices). */
export interface SalesChoice {
  tableForRole?: Partial<Record<Role, string>>;
  columns?: ColumnChoices;
}

/** The sales table's rows with their day (NaN when not a date) and its purchases. */
export interface DatedSales {
  table: RawTable;
  days: Float64Array;
  transactions: Transaction[];
  firstDay: number;
  lastDay: number;
}

/** Reads the sales table's dates; an input error when it has none to cut at. */
export function readDatedSales(workbook: RawWorkbook, choice: SalesChoice): DatedSales {
  const table = detectRoles(workbook.tables, choice.tableForRole).roles.sales;
  if (table === undefined)
    throw new RgoError(
      "input",
      "missing-table",
      `No weekly sales table found in ${workbook.source || "the input"}; an as-of date needs dated sales rows (customer id, date, revenue).`,
      workbook.source || null,
    );
  const cols = mapColumns(table, "sales", new IssueCollector(), choice.columns?.sales);
  const parser = new WeekParser();
  const money = newNumberParse();
  const days = new Float64Array(table.rows.length).fill(NaN);
  const transactions: Transaction[] = [];
  let firstDay = Infinity;
  let lastDay = -Infinity;
  let numbered = 0;
  table.rows.forEach((row: readonly CellValue[], i) => {
    if (isBlankRow(row)) return;
    const kind = parser.parse(row[cols.week] ?? null);
    if (kind === WeekKind.WeekNumber) numbered++;
    if (kind !== WeekKind.Date && kind !== WeekKind.IsoWeek) return;
    const day = parser.out.day;
    days[i] = day;
    const id = coerceId(row[cols.customerId] ?? null);
    if (typeof id !== "string" || coerceMoney(row[cols.revenue] ?? null, money) !== NumStatus.Ok)
      return;
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
    transactions.push({ customerId: id, date: isoDateOfDay(day), amount: money.cents / 100 });
  });
  if (transactions.length === 0)
    throw new RgoError(
      "input",
      "empty-table",
      numbered > 0
        ? `${table.name} has week numbers, not dates; an as-of date needs dated sales rows to cut at --as-of.`
        : `${table.name} has no dated sales rows to cut at an as-of date.`,
      table.name,
    );
  return { table, days, transactions, firstDay, lastDay };
}

export interface AsOfCut {
  /** The workbook with the sales rows dated after the as-of day removed. */
  workbook: RawWorkbook;
  /** Rows removed from the sales table. */
  rowsRemoved: number;
}

/** Removes the sales rows dated after `asOfDay` (undated rows stay). */
export function cutAtAsOf(
  workbook: RawWorkbook,
  sales: DatedSales,
  asOfDay: number,
  source?: string,
): AsOfCut {
  const keptRows = sales.table.rows.filter((_, i) => !(sales.days[i] > asOfDay));
  const cutTable: RawTable = { ...sales.table, rows: keptRows };
  return {
    workbook: {
      source: workbook.source || source || "",
      tables: workbook.tables.map((t) => (t === sales.table ? cutTable : t)),
    },
    rowsRemoved: sales.table.rows.length - keptRows.length,
  };
}
