/**
 * The portfolio stage. Money totals sum customers, never rows (each customer's one revenue at
 * risk, exposure and recovery figure, see customer-money.ts), except the seed presets' own
 * row-based figures: totalGap (all gap rows) and potential recovery with scope top-n / all. Every
 * total is the exact sum, in cents, of the rounded figures it summarises.
 */
import type { CustomerResult, GapRow, PortfolioSummary, SeverityCounts } from "../analysis-result";
import { GAP_TYPES } from "../parameters/pack-parameters";
import type { PackParameters } from "../parameters/pack-parameters";
import { toCents } from "../rounding/round-rule";
import { SEGMENTS } from "../registry/customer-facts";
import { columnsOfRows, type GapColumns, topCount } from "./build-gap-rows";
import { type CustomerColumns, columnsOfCustomers } from "./customer-columns";
import { priorityBands } from "./priority-band";

/** The first n rows' severities counted (indexed loop: this stage runs once, mostly unoptimised). */
function severityCounts(g: GapColumns, n: number): SeverityCounts {
  const s: SeverityCounts = { high: 0, medium: 0, low: 0 };
  for (let i = 0; i < n; i++) s[g.severity[i]]++;
  return s;
}

/**
 * The customers with gaps (gapCount > 0) by best rank, ties in position order: the order
 * `withGaps.sort((a, b) => bestRank[a] - bestRank[b])` gives (a stable sort), made by a counting
 * sort when every such best rank is an integer 0..rows (a run's are distinct, 1..rows), else by
 * that sort. The sort's 5,700 customers were about 70,000 comparator calls in a run's one cold
 * pass (issue 14, gapcols round).
 */
function customersByBestRank(c: CustomerColumns, rows: number): number[] {
  const gapCount = c.gapCount;
  const bestRank = c.bestRank;
  const withGaps: number[] = [];
  const starts = new Int32Array(rows + 2);
  let counted = true;
  for (let k = 0; k < c.count; k++) {
    if (gapCount[k] <= 0) continue;
    withGaps.push(k);
    const r = bestRank[k];
    if (r >= 0 && r <= rows) starts[r + 1]++;
    else counted = false;
  }
  if (!counted) return withGaps.sort((a, b) => bestRank[a] - bestRank[b]);
  for (let r = 0; r <= rows; r++) starts[r + 1] += starts[r];
  const ordered: number[] = new Array<number>(withGaps.length);
  for (let j = 0; j < withGaps.length; j++) ordered[starts[bestRank[withGaps[j]]]++] = withGaps[j];
  return ordered;
}

/**
 * One pass over the rows: gaps per type (GAP_TYPES order), the total gap and (`withRecovery`,
 * scope all) the recovery, in cents. A function of its own, so V8 compiles this small loop while
 * it runs (the stage's whole body took 16 ms to compile and was never entered; issue 14, gapcols
 * round).
 */
function rowTotals(
  g: GapColumns,
  withRecovery: boolean,
): { typeCounts: number[]; totalGapCents: number; allRecoveryCents: number } {
  const typeCounts = new Array<number>(GAP_TYPES.length).fill(0);
  let totalGapCents = 0;
  let allRecoveryCents = 0;
  const { gapType, gapAmount, recoveryPotential } = g;
  for (let i = 0; i < g.count; i++) {
    const t = GAP_TYPES.indexOf(gapType[i]);
    if (t >= 0) typeCounts[t]++;
    totalGapCents += toCents(gapAmount[i]);
    if (withRecovery) allRecoveryCents += toCents(recoveryPotential[i]);
  }
  return { typeCounts, totalGapCents, allRecoveryCents };
}

/** Cents keyed by name, in dollars, sorted by value desc (ties: first seen). */
function sortedDollars(map: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of [...map.entries()].sort((a, b) => b[1] - a[1])) out[k] = v / 100;
  return out;
}

const addTo = (map: Map<string, number>, key: string, cents: number): void => {
  map.set(key, (map.get(key) ?? 0) + cents);
};

/**
 * The portfolio summary. The stage runs once per run, so V8 runs it in its interpreter: every
 * pass over the 10,000s of rows and customers is an indexed loop (an array callback is a call per
 * element, a for-of an iterator result per element), and the passes that read the same array are
 * one loop. Sums add the same figures in the same order as before (issue 14;
 * tests/engine/portfolio-rollup.test.ts holds it to the replaced stage).
 */
export function portfolioRollup(
  ranked: readonly GapRow[],
  topN: number,
  customers: readonly CustomerResult[],
  params: PackParameters,
  usedSegments: readonly string[] = Object.keys(SEGMENTS),
): PortfolioSummary {
  return portfolioOf(
    columnsOfRows(ranked),
    topN,
    columnsOfCustomers(customers),
    params,
    usedSegments,
  );
}

/** portfolioRollup of the customers' columns (customer-columns.ts: no customer object needed). */
export function portfolioOf(
  g: GapColumns,
  topN: number,
  c: CustomerColumns,
  params: PackParameters,
  usedSegments: readonly string[] = Object.keys(SEGMENTS),
): PortfolioSummary {
  // The top rows: the first `top`, the rows ranked.slice(0, topN) gives.
  const rows = g.count;
  const top = topCount(rows, topN);
  const scope = params.recovery.scope;
  const exposureOn = params.exposure.enabled;
  // Customers with gaps in rank order of their best row; the customers on the churn list.
  const withGaps = customersByBestRank(c, rows);
  let churnRiskCustomers = 0;
  const churnListed = c.churnListed;
  for (let k = 0; k < c.count; k++) if (churnListed[k] === 1) churnRiskCustomers++;
  const { typeCounts, totalGapCents, allRecoveryCents } = rowTotals(g, scope === "all");
  const gapsByType: Record<string, number> = {};
  for (let t = 0; t < GAP_TYPES.length; t++)
    if (typeCounts[t] > 0) gapsByType[GAP_TYPES[t]] = typeCounts[t];

  const expByCause = new Map<string, number>();
  const expByTier = new Map<string, number>();
  const riskByCause = new Map<string, number>();
  const riskByType = new Map<string, number>();
  const riskByTier = new Map<string, number>();
  const riskBySegment = new Map<string, Map<string, number>>(
    usedSegments.map((s) => [s, new Map<string, number>()]),
  );
  const segmentMaps = usedSegments.map((s) => riskBySegment.get(s) ?? new Map<string, number>());
  const rootCauseCounts: Record<string, number> = {};
  const segmentCounts: Record<string, Record<string, number>> = {};
  for (const s of usedSegments) segmentCounts[s] = {};
  const bandCounts: Record<string, number> = {};
  for (const b of priorityBands(params.scoring)) bandCounts[b.label] = 0;
  // Customer-scope recovery: the first topN customers with gaps (top-n-customers), else all.
  const recoveryCustomers = scope === "top-n-customers" ? topN : withGaps.length;
  let riskCents = 0;
  let totalExposureCents = 0;
  let customerRecoveryCents = 0;
  // Concentration: exposure (or revenue at risk when exposure is off) of each customer with gaps.
  const amounts = new Array<number>(withGaps.length);
  // The facts read here, of every customer with gaps (in withGaps order), each name looked up once.
  const tiers = c.facts.factAt("customerTier", withGaps);
  const segmentValues = usedSegments.map((s) => c.facts.factAt(s, withGaps));
  for (let j = 0; j < withGaps.length; j++) {
    const k = withGaps[j];
    const rootCause = c.rootCause[k];
    const cause = rootCause ?? "unknown";
    const tier = String(tiers[j] ?? "standard");
    const risk = toCents(c.revenueAtRisk[k]);
    riskCents += risk;
    if (exposureOn) totalExposureCents += toCents(c.exposure[k]);
    if (j < recoveryCustomers) customerRecoveryCents += toCents(c.recoveryPotential[k]);
    addTo(riskByCause, cause, risk);
    addTo(riskByType, c.primaryGapType[k] ?? "unknown", risk);
    addTo(riskByTier, tier, risk);
    for (let s = 0; s < usedSegments.length; s++)
      addTo(segmentMaps[s], String(segmentValues[s][j] ?? ""), risk);
    if (exposureOn) {
      addTo(expByCause, cause, toCents(c.exposure[k]));
      addTo(expByTier, tier, toCents(c.exposure[k]));
    }
    amounts[j] = toCents(exposureOn ? c.exposure[k] : c.revenueAtRisk[k]);
    if (rootCause !== null) rootCauseCounts[rootCause] = (rootCauseCounts[rootCause] ?? 0) + 1;
    for (let s = 0; s < usedSegments.length; s++) {
      const counts = segmentCounts[usedSegments[s]];
      const v = String(segmentValues[s][j] ?? "");
      counts[v] = (counts[v] ?? 0) + 1;
    }
    const band = c.priorityBand[k];
    if (band !== null) bandCounts[band] = (bandCounts[band] ?? 0) + 1;
  }
  let topRecoveryCents = 0;
  for (let i = 0; i < top; i++) topRecoveryCents += toCents(g.recoveryPotential[i]);
  const recoveryCents =
    scope === "all"
      ? allRecoveryCents
      : scope === "top-n"
        ? topRecoveryCents
        : customerRecoveryCents;
  const recoveryBase = scope === "top-n" || scope === "all" ? totalGapCents : riskCents;

  // Concentration: exposure (or revenue at risk when exposure is off) of the top customers / total.
  amounts.sort((a, b) => b - a);
  const concN = params.portfolio.concentrationTopN;
  let concTop = 0;
  let concTotal = 0;
  for (let j = 0; j < amounts.length; j++) {
    if (j < concN) concTop += amounts[j];
    concTotal += amounts[j];
  }

  const topByType = GAP_TYPES.map((t) => {
    let count = 0;
    let scoreSum = 0;
    let gapCents = 0;
    for (let i = 0; i < top; i++) {
      if (g.gapType[i] !== t) continue;
      count++;
      scoreSum += g.priorityScore[i];
      gapCents += toCents(g.gapAmount[i]);
    }
    return {
      gapType: t as string,
      count,
      totalGap: gapCents / 100,
      averageScore: count > 0 ? scoreSum / count : 0,
    };
  }).filter((x) => x.count > 0);

  return {
    customersAnalyzed: c.count,
    customersWithGaps: withGaps.length,
    gapCount: rows,
    gapsByType,
    severityCounts: severityCounts(g, rows),
    topSeverityCounts: severityCounts(g, top),
    totalGap: totalGapCents / 100,
    revenueAtRisk: riskCents / 100,
    revenueAtRiskByCause: sortedDollars(riskByCause),
    revenueAtRiskByGapType: sortedDollars(riskByType),
    revenueAtRiskByTier: sortedDollars(riskByTier),
    revenueAtRiskBySegment: Object.fromEntries(
      [...riskBySegment.entries()].map(([s, m]) => [s, sortedDollars(m)]),
    ),
    churnRiskCustomers,
    potentialRecovery: recoveryCents / 100,
    recoveryShare: recoveryBase > 0 ? recoveryCents / recoveryBase : 0,
    totalExposure: totalExposureCents / 100,
    exposureByCause: sortedDollars(expByCause),
    exposureByTier: sortedDollars(expByTier),
    bandCounts,
    concentrationShare: concTotal > 0 ? concTop / concTotal : 0,
    concentrationTopN: concN,
    topN,
    topByType,
    rootCauseCounts,
    segmentCounts,
  };
}
