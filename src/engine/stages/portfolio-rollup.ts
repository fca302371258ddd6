/**
 * The portfolio stage: totals over the rows (each total is the exact sum, in cents, of the rounded
 * row values it summarises), severity counts, breakdowns, concentration and recovery share.
 */
import type { CustomerResult, GapRow, PortfolioSummary, SeverityCounts } from "../analysis-result";
import { GAP_TYPES } from "../parameters/pack-parameters";
import type { PackParameters } from "../parameters/pack-parameters";
import { toCents } from "../rounding/round-rule";
import { SEGMENTS } from "../registry/customer-facts";

const sumCents = (values: Iterable<number>): number => {
  let c = 0;
  for (const v of values) c += toCents(v);
  return c;
};

function severityCounts(rows: readonly GapRow[]): SeverityCounts {
  const s: SeverityCounts = { high: 0, medium: 0, low: 0 };
  for (const row of rows) s[row.severity]++;
  return s;
}

/** Adds `cents` to a keyed map; returns maps in dollars, sorted by value desc (ties: first seen). */
function sortedDollars(map: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of [...map.entries()].sort((a, b) => b[1] - a[1])) out[k] = v / 100;
  return out;
}

export function portfolioRollup(
  ranked: readonly GapRow[],
  topN: number,
  customers: readonly CustomerResult[],
  params: PackParameters,
  usedSegments: readonly string[] = Object.keys(SEGMENTS),
): PortfolioSummary {
  const top = ranked.slice(0, topN);
  const withGaps = customers.filter((c) => c.gapCount > 0);
  const gapsByType: Record<string, number> = {};
  for (const t of GAP_TYPES) {
    const n = ranked.reduce((acc, r) => acc + (r.gapType === t ? 1 : 0), 0);
    if (n > 0) gapsByType[t] = n;
  }
  const totalGapCents = sumCents(ranked.map((r) => r.gapAmount));
  const recoveryRows = params.recovery.scope === "all" ? ranked : top;
  const recoveryCents = sumCents(recoveryRows.map((r) => r.recoveryPotential));
  const exposureOn = params.exposure.enabled;
  const totalExposureCents = exposureOn ? sumCents(ranked.map((r) => r.exposure)) : 0;

  const byCause = new Map<string, number>();
  const byTier = new Map<string, number>();
  if (exposureOn) {
    for (const row of ranked) {
      const cause = row.rootCause ?? "unknown";
      byCause.set(cause, (byCause.get(cause) ?? 0) + toCents(row.exposure));
      const tier = String(customers[row.customerPosition].facts.customerTier ?? "standard");
      byTier.set(tier, (byTier.get(tier) ?? 0) + toCents(row.exposure));
    }
  }

  // Concentration: exposure (or gap when exposure is off) of the top customers / total.
  const perCustomer = new Map<number, number>();
  for (const row of ranked) {
    const v = toCents(exposureOn ? row.exposure : row.gapAmount);
    perCustomer.set(row.customerPosition, (perCustomer.get(row.customerPosition) ?? 0) + v);
  }
  const amounts = [...perCustomer.values()].sort((a, b) => b - a);
  const concN = params.portfolio.concentrationTopN;
  const concTop = amounts.slice(0, concN).reduce((a, b) => a + b, 0);
  const concTotal = amounts.reduce((a, b) => a + b, 0);

  const topByType = GAP_TYPES.map((t) => {
    const rows = top.filter((r) => r.gapType === t);
    const scoreSum = rows.reduce((a, r) => a + r.priorityScore, 0);
    return {
      gapType: t as string,
      count: rows.length,
      totalGap: sumCents(rows.map((r) => r.gapAmount)) / 100,
      averageScore: rows.length > 0 ? scoreSum / rows.length : 0,
    };
  }).filter((x) => x.count > 0);

  const rootCauseCounts: Record<string, number> = {};
  const segmentCounts: Record<string, Record<string, number>> = {};
  for (const s of usedSegments) segmentCounts[s] = {};
  for (const c of withGaps) {
    if (c.rootCause !== null)
      rootCauseCounts[c.rootCause] = (rootCauseCounts[c.rootCause] ?? 0) + 1;
    for (const s of usedSegments) {
      const v = String(c.facts[s] ?? "");
      segmentCounts[s][v] = (segmentCounts[s][v] ?? 0) + 1;
    }
  }

  return {
    customersAnalyzed: customers.length,
    customersWithGaps: withGaps.length,
    gapCount: ranked.length,
    gapsByType,
    severityCounts: severityCounts(ranked),
    topSeverityCounts: severityCounts(top),
    totalGap: totalGapCents / 100,
    churnRiskCustomers: customers.reduce((a, c) => a + (c.churnListed ? 1 : 0), 0),
    potentialRecovery: recoveryCents / 100,
    recoveryShare: totalGapCents > 0 ? recoveryCents / totalGapCents : 0,
    totalExposure: totalExposureCents / 100,
    exposureByCause: sortedDollars(byCause),
    exposureByTier: sortedDollars(byTier),
    concentrationShare: concTotal > 0 ? concTop / concTotal : 0,
    concentrationTopN: concN,
    topN,
    topByType,
    rootCauseCounts,
    segmentCounts,
  };
}
