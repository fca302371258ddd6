/**
 * The deals table (sales-pipeline module): typed deals plus issues naming sheet, row and column
 * for every bad cell. Status comes from a status column, else from the stage (Won / Closed Won ->
 * won, Lost / Closed Lost -> lost, anything else active). When the sheet has no days-in-stage
 * column, open deals get days from their created (engage) date to the data's last date.
 */
import type { RawTable } from "./raw-table";
import type { Deal, DealColumns, DealStatus } from "../sales-pipeline/deal";
import { isoDateOfDay } from "./calendar-days";
import { cellText } from "./cell-text";
import {
  BAD,
  DATE,
  ID,
  LABEL,
  missing,
  MONEY_NON_NEGATIVE,
  NUMBER_NON_NEGATIVE,
  type Optional,
  RATE,
  type Required,
  RowReader,
  TEXT,
} from "./cell-readers";
import type { ColumnMap } from "./header-map";
import type { IssueCollector } from "./issue-collector";
import { readKeyedRows, uniqueKey } from "./keyed-rows";
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

const DEAL_ID = uniqueKey("dealId", "deal");

/** The problems of one deal's cells, worded with its id. */
function dealProblems(dealId: string) {
  const warn = (code: string, say: (text: string) => string): Optional => ({
    code,
    say: (_, text) => `Deal ${dealId}: ${say(text)}`,
  });
  const date = (label: string) =>
    warn("bad-date", (t) => `${label} ${t} is not a date (expected YYYY-MM-DD).`);
  return {
    rep: missing("missing-rep-id", (t) => `Row skipped: deal ${dealId} has no rep (${t}).`),
    stage: missing("missing-stage", (t) => `Row skipped: deal ${dealId} has no stage (${t}).`),
    value: warn(
      "bad-deal-value",
      (t) => `deal value ${t} is not an amount of money >= 0; the deal is counted without a value.`,
    ),
    probability: warn(
      "bad-probability",
      (t) =>
        `probability ${t} is not between 0 and 1 (or 0% and 100%); the stage default probability is used.`,
    ),
    daysInStage: warn(
      "bad-days-in-stage",
      (t) =>
        `days in stage ${t} is not a number of days >= 0; the deal cannot be checked for stalling.`,
    ),
    createdDate: date("created date"),
    expectedCloseDate: date("expected close date"),
    closeDate: date("close date"),
  } satisfies Record<string, Required | Optional>;
}

/** The status written in the status column (null when blank); unknown words warn. */
function statusOf(rr: RowReader, dealId: string, stage: string): DealStatus {
  const implied = statusFromStage(stage);
  if (!rr.has("status")) return implied;
  const raw = rr.cell("status");
  const text =
    raw === null
      ? ""
      : String(raw)
          .trim()
          .toLowerCase()
          .replace(/[\s_-]+/g, " ");
  const known = STATUS_WORDS[text];
  if (known !== undefined) return known;
  if (text !== "")
    rr.report(
      "warning",
      "bad-status",
      "status",
      `Deal ${dealId}: status ${cellText(raw)} is not active, won or lost; the status ${implied} implied by stage "${stage}" is used.`,
    );
  return implied;
}

/** Reads the deals table mapped by `cols`. */
export function readDeals(table: RawTable, cols: ColumnMap, issues: IssueCollector): DealsRead {
  const stats = emptyRowStats(table.rows.length);
  const deals: Deal[] = [];
  const rr = new RowReader(table, cols, issues);
  const has = (key: string): boolean => rr.has(key);
  let latestDay = -Infinity;

  readKeyedRows(rr, stats, DEAL_ID, (dealId) => {
    const problem = dealProblems(dealId);
    const repId = rr.required("repId", ID, problem.rep);
    if (repId === BAD) return false;
    const stage = rr.required("stage", LABEL, problem.stage);
    if (stage === BAD) return false;
    const status = statusOf(rr, dealId, stage);
    const value = rr.optional("value", MONEY_NON_NEGATIVE, problem.value);
    const probability = rr.optional("probability", RATE, problem.probability);
    const daysInStage = rr.optional("daysInStage", NUMBER_NON_NEGATIVE, problem.daysInStage);
    const dateOf = (key: "createdDate" | "expectedCloseDate" | "closeDate"): number | null => {
      const day = rr.optional(key, DATE, problem[key]);
      if (day !== null && day > latestDay) latestDay = day;
      return day;
    };
    const createdDay = dateOf("createdDate");
    const expectedCloseDay = dateOf("expectedCloseDate");
    const closedDay = dateOf("closeDate");
    const list = (key: string): string[] => {
      const text = rr.quiet(key, TEXT);
      return text === null ? [] : splitList(text);
    };
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
      row: rr.sheetRow,
    });
    return true;
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
        rr.header("createdDate"),
        `${table.name} has no days-in-stage column: for ${estimated} open deals, days in stage are estimated as the days from the ${rr.header("createdDate")} date to the data's last date (${isoDateOfDay(asOfDay)}).`,
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
