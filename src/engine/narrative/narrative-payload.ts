/**
 * What the AI-written narrative sends: for the top N customers of the run (best-ranked gap row
 * first, each customer once) their computed facts and the rules' why, in words, money with currency
 * and period, and the pack's tone and audience. No raw sales rows, no other customer. Each customer
 * gets an id we issue ("c1", "c2", ...): replies are matched by that id, never by what the model
 * says about a name, so a reply can only land in its own customer's rows.
 */
import type { AnalysisResult, GapRow } from "../analysis-result";
import { formatCurrency } from "../currency";
import { periodWords } from "../input/period";
import type { NarrativeParameters, NarrativeTone } from "../parameters/pack-parameters";
import { labelOf } from "../registry/labels";
import { cents } from "../report/summary-json";
import { narrativeSettings } from "./narrative-settings";

/** One customer's facts as sent. Every value is data for the model, never an instruction. */
export interface NarrativeCustomer {
  /** Our id for this customer in this run ("c1" ...): the key of the reply. */
  id: string;
  rank: number;
  customer: string;
  gapType: string;
  severity: string;
  priorityBand: string;
  priorityScore: number;
  currentSpend: string;
  expectedSpend: string;
  shortfall: string;
  changePct: number;
  periodsAtRisk: string;
  rootCause: string;
  exposure: string;
  recoveryPotential: string;
  recommendedActions: string[];
  why: string;
}

export interface NarrativePayload {
  tone: NarrativeTone;
  audience: string;
  currency: string;
  /** "week" or "month": the period the money figures are per. */
  period: string;
  customers: NarrativeCustomer[];
}

/** The customers' best-ranked gap rows, best first, at most `topN` customers. */
export function topGapRowsByCustomer(gaps: readonly GapRow[], topN: number): GapRow[] {
  const seen = new Set<string>();
  const rows: GapRow[] = [];
  for (const g of [...gaps].sort((a, b) => a.rank - b.rank)) {
    if (rows.length >= topN) break;
    if (seen.has(g.customerId)) continue;
    seen.add(g.customerId);
    rows.push(g);
  }
  return rows;
}

/** The payload of a run: its pack's narrative settings, its currency. */
export function narrativePayloadOf(run: {
  result: AnalysisResult;
  currency: { code: string };
}): NarrativePayload {
  return buildNarrativePayload(
    run.result,
    narrativeSettings(run.result.parameters),
    run.currency.code,
  );
}

/** The payload for `result`: the top `settings.topN` customers' facts, in `currency`. */
export function buildNarrativePayload(
  result: AnalysisResult,
  settings: NarrativeParameters,
  currency: string,
): NarrativePayload {
  const u = periodWords(result.period);
  const money = (x: number): string => formatCurrency(cents(x), currency);
  const perPeriod = (x: number): string => `${money(x)} ${u.per}`;
  const customers = topGapRowsByCustomer(result.gaps, settings.topN).map(
    (g, i): NarrativeCustomer => ({
      id: `c${i + 1}`,
      rank: g.rank,
      customer: g.customerId,
      gapType: labelOf("gapType", g.gapType),
      severity: g.severity,
      priorityBand: g.priorityBand,
      priorityScore: Math.round(g.priorityScore * 100) / 100,
      currentSpend: perPeriod(g.current),
      expectedSpend: perPeriod(g.expected),
      shortfall: perPeriod(g.gapAmount),
      changePct: Math.round(g.gapPct * 10) / 10,
      periodsAtRisk: `${g.weeksAtRisk} ${g.weeksAtRisk === 1 ? u.one : u.many}`,
      rootCause: g.rootCause === null ? "none found" : labelOf("cause", g.rootCause),
      exposure: money(g.exposure),
      recoveryPotential: perPeriod(g.recoveryPotential),
      recommendedActions: [...g.recommendedActions],
      why: g.why,
    }),
  );
  return {
    tone: settings.tone,
    audience: settings.audience,
    currency,
    period: result.period ?? "week",
    customers,
  };
}
