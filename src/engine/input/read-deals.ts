/**
 * The deals table (sales-pipeline module): typed deals plus issues naming sheet, row and column
 * for every bad cell. Status comes from a status column, else from the stage (Won / Closed Won ->
 * won, Lost / Closed Lost -> lost, anything else active). When the sheet has no days-in-stage
 * column, open deals get days from their created (engage) date to the data's last date.
 */
import type { CellValue, RawTable } from "./raw-table";
import type { Deal, DealColumns, DealStatus } from "../sales-pipeline/deal";
import { isoDateOfDay } from "./calendar-days";
import { cellText } from "./cell-text";
import { coerceDate } from "./coerce-date";
import { coerceId, isBlankRow } from "./coerce-id";
import { coerceMoney, coerceNumber, coerceRate, newNumberParse, NumStatus } from "./coerce-number";
import type { ColumnMap } from "./header-map";
import type { IssueCollector } from "./issue-collector";
import { emptyRowStats, type RowStats } from "./row-stats";

export interface DealsRead {
  deals: Deal[];
  stats: RowStats;
  /** Whether the sheet had each optional column. */
  columns: DealColumns;
  /** Day the days-in-stage estimate counts to (latest date in the sheet); null when not estimated. */
  asOfDay: number | null;
}

/** `a; b;c` -> ["a", "b", "c"] (blank items dropped). */
export function splitList(text: string): string[] {
  return text
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Status a stage implies: Won / Closed Won -> won, Lost / Closed Lost -> lost, else active. */
export function statusFromStage(stage: string): DealStatus {
  const s = stage
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
  if (s === "won" || s === "closed won") return "won";
  if (s === "lost" || s === "closed lost") return "lost";
  return "active";
}

const STATUS_WORDS: Record<string, DealStatus> = {
  active: "active",
  open: "active",
  won: "won",
  "closed won": "won",
  lost: "lost",
  "closed lost": "lost",
};

/** Reads the deals table mapped by `cols`. */
export function readDeals(table: RawTable, cols: ColumnMap, issues: IssueCollector): DealsRead {
  const stats = emptyRowStats(table.rows.length);
  const deals: Deal[] = [];
  const seen = new Set<string>();
  const num = newNumberParse();
  const header = (key: string): string => table.header[cols[key]] ?? key;
  const cell = (row: readonly CellValue[], key: string): CellValue =>
    cols[key] >= 0 ? (row[cols[key]] ?? null) : null;
  const has = (key: string): boolean => cols[key] >= 0;
  let latestDay = -Infinity;

  table.rows.forEach((row, i) => {
    const sheetRow = table.headerRow + 1 + i;
    if (isBlankRow(row)) {
      stats.blank++;
      return;
    }
    const bad = (key: string, severity: "error" | "warning", code: string, msg: string): void =>
      issues.add(severity, code, table.name, sheetRow, header(key), msg);
    const dealId = coerceId(cell(row, "dealId"));
    if (dealId === null || dealId === undefined) {
      bad(
        "dealId",
        "error",
        "missing-deal-id",
        `Row skipped: the deal id is ${cellText(cell(row, "dealId"))}.`,
      );
      stats.skipped++;
      return;
    }
    if (seen.has(dealId)) {
      bad(
        "dealId",
        "warning",
        "duplicate-deal",
        `Row skipped: deal ${dealId} appears more than once; the first row is used.`,
      );
      stats.skipped++;
      return;
    }
    const repId = coerceId(cell(row, "repId"));
    if (repId === null || repId === undefined) {
      bad(
        "repId",
        "error",
        "missing-rep-id",
        `Row skipped: deal ${dealId} has no rep (${cellText(cell(row, "repId"))}).`,
      );
      stats.skipped++;
      return;
    }
    const stageCell = cell(row, "stage");
    const stage =
      typeof stageCell === "string"
        ? stageCell.trim()
        : typeof stageCell === "number"
          ? String(stageCell)
          : "";
    if (stage === "") {
      bad(
        "stage",
        "error",
        "missing-stage",
        `Row skipped: deal ${dealId} has no stage (${cellText(stageCell)}).`,
      );
      stats.skipped++;
      return;
    }
    let status = statusFromStage(stage);
    if (has("status")) {
      const raw = cell(row, "status");
      const text =
        raw === null
          ? ""
          : String(raw)
              .trim()
              .toLowerCase()
              .replace(/[\s_-]+/g, " ");
      const known = STATUS_WORDS[text];
      if (known !== undefined) status = known;
      else if (text !== "")
        bad(
          "status",
          "warning",
          "bad-status",
          `Deal ${dealId}: status ${cellText(raw)} is not active, won or lost; the status ${status} implied by stage "${stage}" is used.`,
        );
    }

    let value: number | null = null;
    if (has("value")) {
      const raw = cell(row, "value");
      const st = coerceMoney(raw, num);
      if (st === NumStatus.Ok && num.value >= 0) value = num.cents / 100;
      else if (st !== NumStatus.Blank)
        bad(
          "value",
          "warning",
          "bad-deal-value",
          `Deal ${dealId}: deal value ${cellText(raw)} is not an amount of money >= 0; the deal is counted without a value.`,
        );
    }
    let probability: number | null = null;
    if (has("probability")) {
      const raw = cell(row, "probability");
      const st = coerceRate(raw, num);
      if (st === NumStatus.Ok) probability = num.value;
      else if (st !== NumStatus.Blank)
        bad(
          "probability",
          "warning",
          "bad-probability",
          `Deal ${dealId}: probability ${cellText(raw)} is not between 0 and 1 (or 0% and 100%); the stage default probability is used.`,
        );
    }
    let daysInStage: number | null = null;
    if (has("daysInStage")) {
      const raw = cell(row, "daysInStage");
      const st = coerceNumber(raw, num);
      if (st === NumStatus.Ok && num.value >= 0) daysInStage = num.value;
      else if (st !== NumStatus.Blank)
        bad(
          "daysInStage",
          "warning",
          "bad-days-in-stage",
          `Deal ${dealId}: days in stage ${cellText(raw)} is not a number of days >= 0; the deal cannot be checked for stalling.`,
        );
    }
    const dateOf = (key: string, label: string): number | null => {
      if (!has(key)) return null;
      const raw = cell(row, key);
      const day = coerceDate(raw);
      if (day === undefined) {
        bad(
          key,
          "warning",
          "bad-date",
          `Deal ${dealId}: ${label} ${cellText(raw)} is not a date (expected YYYY-MM-DD).`,
        );
        return null;
      }
      if (day !== null && day > latestDay) latestDay = day;
      return day;
    };
    const createdDay = dateOf("createdDate", "created date");
    const expectedCloseDay = dateOf("expectedCloseDate", "expected close date");
    const closedDay = dateOf("closeDate", "close date");
    const list = (key: string): string[] => {
      if (!has(key)) return [];
      const raw = cell(row, key);
      return raw === null ? [] : splitList(typeof raw === "string" ? raw : String(raw));
    };
    seen.add(dealId);
    deals.push({
      dealId,
      repId,
      stage,
      value,
      probability,
      daysInStage,
      status,
      createdDay,
      expectedCloseDay,
      closedDay,
      riskFlags: list("riskFlags"),
      competitors: list("competitors"),
      row: sheetRow,
    });
    stats.accepted++;
  });

  let asOfDay: number | null = null;
  if (!has("daysInStage") && has("createdDate") && Number.isFinite(latestDay)) {
    asOfDay = latestDay;
    let estimated = 0;
    for (const d of deals) {
      if (d.status === "active" && d.createdDay !== null) {
        d.daysInStage = Math.max(0, asOfDay - d.createdDay);
        estimated++;
      }
    }
    if (estimated > 0) {
      issues.add(
        "info",
        "days-in-stage-estimated",
        table.name,
        null,
        header("createdDate"),
        `${table.name} has no days-in-stage column: for ${estimated} open deals, days in stage are estimated as the days from the ${header("createdDate")} date to the data's last date (${isoDateOfDay(asOfDay)}).`,
      );
    }
  }
  return {
    deals,
    stats,
    columns: {
      value: has("value"),
      probability: has("probability"),
      daysInStage: has("daysInStage"),
      createdDate: has("createdDate"),
      closeDate: has("closeDate"),
      riskFlags: has("riskFlags"),
    },
    asOfDay,
  };
}
