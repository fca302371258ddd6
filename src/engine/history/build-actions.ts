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

/** The run's RGO Actions; null when the run has no calendar or looks at one customer only. */
export function buildActions(
  result: AnalysisResult,
  asOfDay: number | null,
  previous: PreviousResults | undefined,
  flaggedLastRun?: ReadonlySet<string>,
): RunActions | null {
  if (asOfDay === null || result.scope.mode === "single") return null;
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
