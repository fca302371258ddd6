/**
 * Scores a run against a sample's planted truth: root-cause accuracy over the planted gap
 * customers (an unflagged one counts wrong), the share of planted gaps found, the share of stable
 * customers flagged, and per-scenario figures. Pure: plain rows in, figures out.
 */
import type { AnalysisResult } from "../analysis-result";
import type { TruthRow } from "./quality-truth";

/** What a run said about one customer. */
export interface OutcomeRow {
  customerId: string;
  /** At least one gap row. */
  flagged: boolean;
  rootCause: string | null;
}

export interface ScenarioFigures {
  scenario: string;
  customers: number;
  flagged: number;
  /** Flagged with the expected root cause (gap scenarios only; 0 otherwise). */
  correctCause: number;
  /** flagged / customers (0 when no customers). */
  flaggedShare: number;
}

export interface QualityFigures {
  /** Planted gap customers (is_gap true). */
  gapCustomers: number;
  gapsFound: number;
  /** gapsFound / gapCustomers (1 when there are none). */
  gapsFoundShare: number;
  /** Planted gap customers flagged with the expected root cause. */
  correctCause: number;
  /** correctCause / gapCustomers (1 when there are none). */
  rootCauseAccuracy: number;
  /** Correct causes among the flagged planted gaps (cause accuracy given detection). */
  causeAccuracyWhenFound: number;
  stableCustomers: number;
  stableFlagged: number;
  /** stableFlagged / stableCustomers (0 when there are none). */
  stableFlaggedShare: number;
  /** Customers of other non-gap scenarios (new, growing) flagged. */
  otherNonGapFlagged: number;
  /** Per scenario, in first-seen truth order. */
  byScenario: ScenarioFigures[];
  /** expected cause -> named cause ("(not flagged)" when unflagged) -> customers; gap customers only. */
  causeMatrix: Record<string, Record<string, number>>;
  /** Truth customers missing from the outcome (counted as unflagged). */
  missing: number;
}

/** One outcome row per customer of an analysis result. */
export function outcomesFromResult(result: AnalysisResult): OutcomeRow[] {
  return result.customers.map((c) => ({
    customerId: c.customerId,
    flagged: c.gapCount > 0,
    rootCause: c.rootCause,
  }));
}

const share = (a: number, b: number, empty: number): number => (b > 0 ? a / b : empty);

/** Scores outcomes against the truth (see the module comment). */
export function scoreQuality(
  truth: readonly TruthRow[],
  outcomes: readonly OutcomeRow[],
): QualityFigures {
  const byId = new Map(outcomes.map((o) => [o.customerId, o]));
  const scenarios = new Map<string, ScenarioFigures>();
  const causeMatrix: Record<string, Record<string, number>> = {};
  let gapCustomers = 0;
  let gapsFound = 0;
  let correct = 0;
  let stable = 0;
  let stableFlagged = 0;
  let otherFlagged = 0;
  let missing = 0;
  for (const t of truth) {
    const o = byId.get(t.customerId);
    if (!o) missing++;
    const flagged = o?.flagged === true;
    let sc = scenarios.get(t.scenario);
    if (!sc) {
      sc = { scenario: t.scenario, customers: 0, flagged: 0, correctCause: 0, flaggedShare: 0 };
      scenarios.set(t.scenario, sc);
    }
    sc.customers++;
    if (flagged) sc.flagged++;
    if (t.isGap) {
      gapCustomers++;
      const named = flagged ? (o?.rootCause ?? "(none)") : "(not flagged)";
      const row = (causeMatrix[t.expectedRootCause] ??= {});
      row[named] = (row[named] ?? 0) + 1;
      if (flagged) {
        gapsFound++;
        if (o?.rootCause === t.expectedRootCause) {
          correct++;
          sc.correctCause++;
        }
      }
    } else if (t.scenario === "stable") {
      stable++;
      if (flagged) stableFlagged++;
    } else if (flagged) {
      otherFlagged++;
    }
  }
  for (const sc of scenarios.values()) sc.flaggedShare = share(sc.flagged, sc.customers, 0);
  return {
    gapCustomers,
    gapsFound,
    gapsFoundShare: share(gapsFound, gapCustomers, 1),
    correctCause: correct,
    rootCauseAccuracy: share(correct, gapCustomers, 1),
    causeAccuracyWhenFound: share(correct, gapsFound, 1),
    stableCustomers: stable,
    stableFlagged,
    stableFlaggedShare: share(stableFlagged, stable, 0),
    otherNonGapFlagged: otherFlagged,
    byScenario: [...scenarios.values()],
    causeMatrix,
    missing,
  };
}
