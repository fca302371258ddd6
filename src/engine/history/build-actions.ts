/**
 * What a run does with RGO Actions (issue 12): read the previous sheet, merge it with this run's
 * flagged customers, and give the new sheet, the issues found on the old one and, when there was
 * an old one, RGO Summary's outcome feedback. Pure; run-analysis.ts calls it once.
 */
import type { AnalysisResult } from "../analysis-result";
import type { Issue } from "../issue";
import type { Dataset } from "../input/dataset";
import type { ResultSheet, SummaryBlock } from "../report/result-book";
import type { PreviousResults } from "./previous-results";
import { actionsSheet } from "./actions-sheet";
import { type FlaggedNow, type MergedActions, mergeActions } from "./merge-actions";
import {
  DEFAULT_FEEDBACK_AFTER_RUNS,
  feedbackBlocks,
  type OutcomeFeedback,
  outcomeFeedback,
} from "./outcome-feedback";
import { readPreviousActions } from "./read-actions";
import { isBlankRow } from "../input/coerce-id";
import { ACTION_STATUSES, ACTIONS_COLUMNS, ACTIONS_SHEET, ACTIONS_TABLE } from "./actions-columns";

export interface RunActions {
  sheet: ResultSheet;
  /** RGO Summary's "Actions and outcomes" (empty when there was no previous sheet). */
  summaryBlocks: SummaryBlock[];
  issues: Issue[];
  merged: MergedActions;
  /** Null when there was no previous sheet. */
  feedback: OutcomeFeedback | null;
}

/** The as-of date of a run on `dataset`: the last day of its last week (days since 1970-01-01). */
export function asOfDayOf(dataset: Dataset): number | null {
  const days = dataset.calendar.startDays;
  return days.length === 0 ? null : days[days.length - 1] + 6;
}

const numberFact = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : null;

/** This run's flagged customers (RGO Gaps order) and every customer's weekly spend now. */
export function flaggedCustomers(result: AnalysisResult): {
  flagged: FlaggedNow[];
  weeklySpendNow: (id: string) => number | null;
} {
  const spend = new Map<string, number | null>();
  const flagged: FlaggedNow[] = [];
  for (const c of result.customers) {
    const weekly = numberFact(c.facts.currentAvg);
    spend.set(c.customerId, weekly);
    if (c.gapCount > 0 && c.primaryGapType !== null)
      flagged.push({
        customerId: c.customerId,
        gapType: c.primaryGapType,
        rootCause: c.rootCause,
        revenueAtRisk: c.revenueAtRisk,
        weeklySpend: weekly ?? 0,
      });
  }
  const rank = new Map(result.customers.map((c) => [c.customerId, c.bestRank]));
  flagged.sort((a, b) => (rank.get(a.customerId) ?? 0) - (rank.get(b.customerId) ?? 0));
  return { flagged, weeklySpendNow: (id) => spend.get(id) ?? null };
}

/**
 * A run on one customer cannot tell which gaps closed: the previous sheet is written back as it
 * was found (blank rows left out), so a results file written onto itself loses nothing.
 */
function carriedUnchanged(previous: PreviousResults | undefined): RunActions | null {
  const t = previous?.actions;
  if (t === undefined) return null;
  const formats = new Map(ACTIONS_COLUMNS.map((c) => [c.header.toLowerCase(), c.format]));
  const merged: MergedActions = {
    rows: [],
    extraHeaders: [],
    issues: [],
    counts: { added: 0, closedThisRun: 0, reopened: 0, keptDeleted: 0 },
  };
  const rows = t.rows.filter((r) => !isBlankRow(r));
  return {
    sheet: {
      name: ACTIONS_SHEET,
      content: {
        kind: "table",
        table: {
          name: ACTIONS_TABLE,
          columns: t.header.map((h) => ({
            header: h,
            format: formats.get(h.trim().toLowerCase()) ?? "text",
            ...(h.trim().toLowerCase() === "status" ? { allowed: ACTION_STATUSES } : {}),
          })),
          rows: rows.map((r) => t.header.map((_, j) => r[j] ?? null)),
        },
      },
      freezeHeader: true,
    },
    summaryBlocks: [],
    issues: [
      {
        severity: "info",
        code: "actions-single-customer",
        sheet: ACTIONS_SHEET,
        row: null,
        column: null,
        message:
          "A run on one customer does not merge RGO Actions: the sheet is carried over as it was.",
      },
    ],
    merged,
    feedback: null,
  };
}

/**
 * Whether buildActions can give this run an issue or an RGO Summary block: only a run on every
 * customer with a previous RGO Actions sheet (its rows' duplicates, deleted rows, outcome feedback)
 * or a run on one customer (the carried-over notice). Otherwise all it gives is the new sheet, which
 * only the results workbook shows: run-analysis.ts then builds it with the book (issue 14).
 */
export function actionsReachSummary(
  result: AnalysisResult,
  previous: PreviousResults | undefined,
): boolean {
  return result.scope.mode === "single" || previous?.actions !== undefined;
}

/** The run's RGO Actions; null when the run has no calendar. */
export function buildActions(
  result: AnalysisResult,
  asOfDay: number | null,
  previous: PreviousResults | undefined,
  flaggedLastRun?: ReadonlySet<string>,
): RunActions | null {
  if (asOfDay === null) return null;
  if (result.scope.mode === "single") return carriedUnchanged(previous);
  const read = previous?.actions !== undefined ? readPreviousActions(previous.actions) : null;
  const { flagged, weeklySpendNow } = flaggedCustomers(result);
  const merged = mergeActions({
    previous: read,
    flagged,
    weeklySpendNow,
    asOfDay,
    ...(flaggedLastRun !== undefined ? { flaggedLastRun } : {}),
  });
  const afterRuns = result.parameters.report?.feedbackAfterRuns ?? DEFAULT_FEEDBACK_AFTER_RUNS;
  const feedback = read !== null ? outcomeFeedback(merged.rows, afterRuns) : null;
  return {
    sheet: actionsSheet(merged),
    summaryBlocks: feedback !== null ? feedbackBlocks(merged, feedback) : [],
    issues: [...(read?.issues ?? []), ...merged.issues],
    merged,
    feedback,
  };
}
