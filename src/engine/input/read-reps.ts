/** The reps table (sales-pipeline module): typed reps plus issues for bad cells. */
import type { RawTable } from "./raw-table";
import type { Rep } from "../sales-pipeline/deal";
import { MONEY_NON_NEGATIVE, type Optional, RATE, RowReader, TEXT } from "./cell-readers";
import type { ColumnMap } from "./header-map";
import type { IssueCollector } from "./issue-collector";
import { readKeyedRows, uniqueKey } from "./keyed-rows";
import { emptyRowStats, type RowStats } from "./row-stats";

export interface RepsRead {
  reps: Rep[];
  stats: RowStats;
  /** Whether the sheet has a quota column. */
  hasQuotaColumn: boolean;
}

const REP_ID = uniqueKey("repId", "rep");

/** The problems of one rep's cells, worded with its id. */
function repProblems(repId: string) {
  const amount = (label: string): Optional => ({
    code: "bad-rep-amount",
    say: (_, t) =>
      `Rep ${repId}: ${label} ${t} is not an amount of money >= 0; it is treated as missing.`,
  });
  return {
    quota: amount("quota"),
    ytdRevenue: amount("year-to-date revenue"),
    closeRate: {
      code: "bad-close-rate",
      say: (_: string, t: string) =>
        `Rep ${repId}: close rate ${t} is not between 0 and 1 (or 0% and 100%); it is worked out from the rep's closed deals instead.`,
    },
  } satisfies Record<string, Optional>;
}

/** Reads the reps table mapped by `cols`. */
export function readReps(table: RawTable, cols: ColumnMap, issues: IssueCollector): RepsRead {
  const stats = emptyRowStats(table.rows.length);
  const reps: Rep[] = [];
  const rr = new RowReader(table, cols, issues);

  readKeyedRows(rr, stats, REP_ID, (repId) => {
    const problem = repProblems(repId);
    const closeRate = rr.optional("closeRate", RATE, problem.closeRate);
    reps.push({
      repId,
      name: rr.quiet("name", TEXT),
      region: rr.quiet("region", TEXT),
      manager: rr.quiet("manager", TEXT),
      quota: rr.optional("quota", MONEY_NON_NEGATIVE, problem.quota),
      ytdRevenue: rr.optional("ytdRevenue", MONEY_NON_NEGATIVE, problem.ytdRevenue),
      closeRate,
      row: rr.sheetRow,
    });
    return true;
  });
  return { reps, stats, hasQuotaColumn: cols.quota >= 0 };
}
