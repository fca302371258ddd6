/**
 * The portfolio trend against the previous run, and the original RGOv2's verdict
 * (../shared/spec/seed-logic.md 4.7, 7.3): change% = (now - prior) / prior x 100 on the
 * risk-weighted exposure (revenue at risk when the pack has no exposure layer); |change%| below
 * the pack's report.trendStablePct (the original's trend_stable_threshold_pct, default 5) is
 * "Stable", a decrease "Improving", an increase "Declining".
 */
import type { SinceLastRun } from "./since-last-run";

/** The original's trend_stable_threshold_pct. */
export const DEFAULT_TREND_STABLE_PCT = 5;

export interface TrendVerdict {
  label: "Stable" | "Improving" | "Declining";
  /** Percent change, rounded to 1 decimal (null when the prior value was 0). */
  changePct: number | null;
  /** Which figure it compares: "exposure" or "revenueAtRisk". */
  measure: "exposure" | "revenueAtRisk";
  stablePct: number;
}

/** The `trend` block of the summary JSON. Counts are null when per-customer data was not readable. */
export interface TrendJson {
  previousAsOf: string;
  previousRevenueAtRisk: number | null;
  revenueAtRiskChange: number | null;
  new: number | null;
  persisting: number | null;
  worsening: number | null;
  improving: number | null;
  closed: number | null;
  verdict: TrendVerdict | null;
}

/** The verdict comparing `now` with `prior` (null when the prior value is unknown). */
export function trendVerdict(
  prior: number | null,
  now: number,
  stablePct: number,
  measure: TrendVerdict["measure"],
): TrendVerdict | null {
  if (prior === null) return null;
  const priorC = Math.round(prior * 100);
  const nowC = Math.round(now * 100);
  if (priorC === 0)
    return { label: nowC === 0 ? "Stable" : "Declining", changePct: null, measure, stablePct };
  const pct = ((nowC - priorC) / priorC) * 100;
  const label = Math.abs(pct) < stablePct ? "Stable" : pct < 0 ? "Improving" : "Declining";
  return { label, changePct: Math.round(pct * 10) / 10, measure, stablePct };
}

/** The verdict in the original's words: "Improving ↓ 33%", "Stable →", "Declining ↑ 1436%". */
export function verdictText(v: TrendVerdict): string {
  const pct = v.changePct === null ? "" : ` ${Math.round(Math.abs(v.changePct))}%`;
  return v.label === "Stable"
    ? `Stable →${pct}`
    : v.label === "Improving"
      ? `Improving ↓${pct}`
      : `Declining ↑${pct === "" ? " (from none)" : pct}`;
}

export function trendJson(
  previousAsOf: string,
  previousRevenueAtRisk: number | null,
  revenueAtRisk: number,
  changes: SinceLastRun | null,
  verdict: TrendVerdict | null,
): TrendJson {
  const n = (s: keyof SinceLastRun["totals"]): number | null =>
    changes === null ? null : changes.totals[s].customers;
  return {
    previousAsOf,
    previousRevenueAtRisk,
    revenueAtRiskChange:
      previousRevenueAtRisk === null
        ? null
        : (Math.round(revenueAtRisk * 100) - Math.round(previousRevenueAtRisk * 100)) / 100,
    new: n("new"),
    persisting: n("persisting"),
    worsening: n("worsening"),
    improving: n("improving"),
    closed: n("closed"),
    verdict,
  };
}
