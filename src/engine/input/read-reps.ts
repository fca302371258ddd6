/** The reps table (sales-pipeline module): typed reps plus issues for bad cells. */
import type { CellValue, RawTable } from "./raw-table";
import type { Rep } from "../sales-pipeline/deal";
import { cellText } from "./cell-text";
import { coerceId, isBlankRow } from "./coerce-id";
import { coerceMoney, coerceRate, newNumberParse, NumStatus } from "./coerce-number";
import type { ColumnMap } from "./header-map";
import type { IssueCollector } from "./issue-collector";
import { emptyRowStats, type RowStats } from "./row-stats";

export interface RepsRead {
  reps: Rep[];
  stats: RowStats;
  /** Whether the sheet has a quota column. */
  hasQuotaColumn: boolean;
}

/** Reads the reps table mapped by `cols`. */
export function readReps(table: RawTable, cols: ColumnMap, issues: IssueCollector): RepsRead {
  const stats = emptyRowStats(table.rows.length);
  const reps: Rep[] = [];
  const seen = new Set<string>();
  const num = newNumberParse();
  const header = (key: string): string => table.header[cols[key]] ?? key;
  const cell = (row: readonly CellValue[], key: string): CellValue =>
    cols[key] >= 0 ? (row[cols[key]] ?? null) : null;
  const text = (row: readonly CellValue[], key: string): string | null => {
    const raw = cell(row, key);
    if (raw === null) return null;
    const s = String(raw).trim();
    return s === "" ? null : s;
  };

  table.rows.forEach((row, i) => {
    const sheetRow = table.headerRow + 1 + i;
    if (isBlankRow(row)) {
      stats.blank++;
      return;
    }
    const repId = coerceId(cell(row, "repId"));
    if (repId === null || repId === undefined) {
      issues.add(
        "error",
        "missing-rep-id",
        table.name,
        sheetRow,
        header("repId"),
        `Row skipped: the rep id is ${cellText(cell(row, "repId"))}.`,
      );
      stats.skipped++;
      return;
    }
    if (seen.has(repId)) {
      issues.add(
        "warning",
        "duplicate-rep",
        table.name,
        sheetRow,
        header("repId"),
        `Row skipped: rep ${repId} appears more than once; the first row is used.`,
      );
      stats.skipped++;
      return;
    }
    const money = (key: string, label: string): number | null => {
      const raw = cell(row, key);
      const st = coerceMoney(raw, num);
      if (st === NumStatus.Ok && num.value >= 0) return num.cents / 100;
      if (st !== NumStatus.Blank)
        issues.add(
          "warning",
          "bad-rep-amount",
          table.name,
          sheetRow,
          header(key),
          `Rep ${repId}: ${label} ${cellText(raw)} is not an amount of money >= 0; it is treated as missing.`,
        );
      return null;
    };
    let closeRate: number | null = null;
    if (cols.closeRate >= 0) {
      const raw = cell(row, "closeRate");
      const st = coerceRate(raw, num);
      if (st === NumStatus.Ok) closeRate = num.value;
      else if (st !== NumStatus.Blank)
        issues.add(
          "warning",
          "bad-close-rate",
          table.name,
          sheetRow,
          header("closeRate"),
          `Rep ${repId}: close rate ${cellText(raw)} is not between 0 and 1 (or 0% and 100%); it is worked out from the rep's closed deals instead.`,
        );
    }
    seen.add(repId);
    reps.push({
      repId,
      name: text(row, "name"),
      region: text(row, "region"),
      manager: text(row, "manager"),
      quota: cols.quota >= 0 ? money("quota", "quota") : null,
      ytdRevenue: cols.ytdRevenue >= 0 ? money("ytdRevenue", "year-to-date revenue") : null,
      closeRate,
      row: sheetRow,
    });
    stats.accepted++;
  });
  return { reps, stats, hasQuotaColumn: cols.quota >= 0 };
}
