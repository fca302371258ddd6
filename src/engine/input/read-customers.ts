/**
 * The customers table -> customers in order of first appearance with their attributes.
 * A row without a usable customer id is skipped (error issue); a bad optional value (age, loyalty
 * ...) only warns and leaves that attribute unknown; a repeated customer id warns, first row wins.
 */
import type { RawTable } from "./raw-table";
import { cellText } from "./cell-text";
import { BOOL_BLANK, BOOL_INVALID, coerceBoolean } from "./coerce-boolean";
import { coerceId, isBlankRow } from "./coerce-id";
import { coerceNumber, newNumberParse, NumStatus } from "./coerce-number";
import type { CustomerAccumulator } from "./customer-accumulator";
import type { ColumnMap } from "./header-map";
import type { IdRegistry } from "./id-registry";
import type { IssueCollector } from "./issue-collector";
import { emptyRowStats, type RowStats } from "./row-stats";

/** Read optional customer attributes of `row` into customer `c` (only those still unknown when `onlyUnknown`). */
export function readCustomerAttributes(
  table: RawTable,
  cols: ColumnMap,
  row: readonly (string | number | boolean | Date | null)[],
  sheetRow: number,
  c: number,
  acc: CustomerAccumulator,
  issues: IssueCollector,
  num = newNumberParse(),
): void {
  const warn = (key: string, what: string) => {
    const j = cols[key];
    issues.add(
      "warning",
      "bad-value",
      table.name,
      sheetRow,
      table.header[j],
      `${table.header[j]} is ${cellText(row[j] ?? null)}; expected ${what}. Left unknown.`,
    );
  };
  if (cols.age >= 0 && Number.isNaN(acc.age[c])) {
    const st = coerceNumber(row[cols.age] ?? null, num);
    if (st === NumStatus.Ok) acc.age[c] = num.value;
    else if (st === NumStatus.Invalid) warn("age", "a number");
  }
  if (cols.householdSize >= 0 && Number.isNaN(acc.householdSize[c])) {
    const st = coerceNumber(row[cols.householdSize] ?? null, num);
    if (st === NumStatus.Ok) acc.householdSize[c] = num.value;
    else if (st === NumStatus.Invalid) warn("householdSize", "a number");
  }
  if (cols.loyalty >= 0 && acc.loyalty[c] < 0) {
    const b = coerceBoolean(row[cols.loyalty] ?? null);
    if (b >= 0) acc.loyalty[c] = b;
    else if (b === BOOL_INVALID) warn("loyalty", "True/False, Yes/No, Y/N or 1/0");
  }
  if (cols.segment >= 0 && acc.segment[c] === null) {
    const v = row[cols.segment] ?? null;
    const s = v === null ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
    if (s !== "") acc.segment[c] = s;
  }
  if (cols.highValue >= 0 && acc.highValue[c] < 0) {
    const b = coerceBoolean(row[cols.highValue] ?? null);
    if (b >= 0) acc.highValue[c] = b;
    else if (b !== BOOL_BLANK) warn("highValue", "True/False, Yes/No, Y/N or 1/0");
  }
}

/** Read the customers table into `acc` (customers) and `stores` (store ids). */
export function readCustomers(
  table: RawTable,
  cols: ColumnMap,
  acc: CustomerAccumulator,
  stores: IdRegistry,
  issues: IssueCollector,
): RowStats {
  const stats = emptyRowStats(table.rows.length);
  const num = newNumberParse();
  const idCol = cols.customerId;
  for (let i = 0; i < table.rows.length; i++) {
    const row = table.rows[i];
    const sheetRow = table.headerRow + 1 + i;
    if (isBlankRow(row)) {
      stats.blank++;
      continue;
    }
    const cell = row[idCol] ?? null;
    const id = coerceId(cell);
    if (id === null || id === undefined) {
      stats.skipped++;
      issues.add(
        "error",
        id === null ? "missing-value" : "bad-id",
        table.name,
        sheetRow,
        table.header[idCol],
        `${table.header[idCol]} is ${cellText(cell)}; expected a customer id. Row skipped.`,
      );
      continue;
    }
    if (acc.reg.indexById.has(id)) {
      stats.skipped++;
      issues.add(
        "warning",
        "duplicate-customer",
        table.name,
        sheetRow,
        table.header[idCol],
        `Customer ${id} appears again; the first row is used and this one skipped.`,
      );
      continue;
    }
    const c = acc.intern(id);
    stats.accepted++;
    if (cols.store >= 0) {
      const sc = row[cols.store] ?? null;
      const sid = coerceId(sc);
      if (typeof sid === "string") acc.store[c] = stores.intern(sid);
      else if (sid === undefined) {
        issues.add(
          "warning",
          "bad-value",
          table.name,
          sheetRow,
          table.header[cols.store],
          `${table.header[cols.store]} is ${cellText(sc)}; expected a store id. Left unknown.`,
        );
      }
    }
    readCustomerAttributes(table, cols, row, sheetRow, c, acc, issues, num);
  }
  return stats;
}
