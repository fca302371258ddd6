/**
 * The portfolio stage as it was before issue 14's engine-gc round (array callbacks and for-of over
 * every gap row and customer), kept verbatim as the reference the faster stage is tested against
 * (tests/engine/portfolio-rollup.test.ts). Not used by the app.
 */
import type {
  CustomerResult,
  GapRow,
  PortfolioSummary,
  SeverityCounts,
} from "../../../src/engine/analysis-result";
import { GAP_TYPES } from "../../../src/engine/parameters/pack-parameters";
import type { PackParameters } from "../../../src/engine/parameters/pack-parameters";
import { toCents } from "../../../src/engine/rounding/round-rule";
import { SEGMENTS } from "../../../src/engine/registry/customer-facts";
import { priorityBands } from "../../../src/engine/stages/priority-band";

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

/** Cents keyed by name, in dollars, sorted by value desc (ties: first seen). */
function sortedDollars(map: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of [...map.entries()].sort((a, b) => b[1] - a[1])) out[k] = v / 100;
  return out;
}

const addTo = (map: Map<string, number>, key: string, cents: number): void => {
  map.set(key, (map.get(key) ?? 0) + cents);
};

export function portfolioRollupBefore(
  ranked: readonly GapRow[],
  topN: number,
  customers: readonly CustomerResult[],
  params: PackParameters,
  usedSegments: readonly string[] = Object.keys(SEGMENTS),
): PortfolioSummary {
  const top = ranked.slice(0, topN);
  // Customers with gaps in rank order of their best row.
  const withGaps = customers.filter((c) => c.gapCount > 0).sort((a, b) => a.bestRank - b.bestRank);
  const gapsByType: Record<string, number> = {};
  for (const t of GAP_TYPES) {
    const n = ranked.reduce((acc, r) => acc + (r.gapType === t ? 1 : 0), 0);
    if (n > 0) gapsByType[t] = n;
  }
  const totalGapCents = sumCents(ranked.map((r) => r.gapAmount));
  const riskCents = sumCents(withGaps.map((c) => c.revenueAtRisk));
  const scope = params.recovery.scope;
  const recoveryCents =
    scope === "all"
      ? sumCents(ranked.map((r) => r.recoveryPotential))
      : scope === "top-n"
        ? sumCents(top.map((r) => r.recoveryPotential))
        : sumCents(
            (scope === "top-n-customers" ? withGaps.slice(0, topN) : withGaps).map(
              (c) => c.recoveryPotential,
            ),
          );
  const recoveryBase = scope === "top-n" || scope === "all" ? totalGapCents : riskCents;
  const exposureOn = params.exposure.enabled;
  const totalExposureCents = exposureOn ? sumCents(withGaps.map((c) => c.exposure)) : 0;

  const expByCause = new Map<string, number>();
  const expByTier = new Map<string, number>();
  const riskByCause = new Map<string, number>();
  const riskByType = new Map<string, number>();
  const riskByTier = new Map<string, number>();
  const riskBySegment = new Map<string, Map<string, number>>(
    usedSegments.map((s) => [s, new Map<string, number>()]),
  );
  for (const c of withGaps) {
    const cause = c.rootCause ?? "unknown";
    const tier = String(c.facts.customerTier ?? "standard");
    const risk = toCents(c.revenueAtRisk);
    addTo(riskByCause, cause, risk);
    addTo(riskByType, c.primaryGapType ?? "unknown", risk);
    addTo(riskByTier, tier, risk);
    for (const s of usedSegments)
      addTo(riskBySegment.get(s) ?? new Map(), String(c.facts[s] ?? ""), risk);
    if (exposureOn) {
      addTo(expByCause, cause, toCents(c.exposure));
      addTo(expByTier, tier, toCents(c.exposure));
    }
  }

  // Concentration: exposure (or revenue at risk when exposure is off) of the top customers / total.
  const amounts = withGaps
    .map((c) => toCents(exposureOn ? c.exposure : c.revenueAtRisk))
    .sort((a, b) => b - a);
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
  const bandCounts: Record<string, number> = {};
  for (const b of priorityBands(params.scoring)) bandCounts[b.label] = 0;
  for (const c of withGaps) {
    if (c.rootCause !== null)
      rootCauseCounts[c.rootCause] = (rootCauseCounts[c.rootCause] ?? 0) + 1;
    for (const s of usedSegments) {
      const v = String(c.facts[s] ?? "");
      segmentCounts[s][v] = (segmentCounts[s][v] ?? 0) + 1;
    }
    if (c.priorityBand !== null) bandCounts[c.priorityBand] = (bandCounts[c.priorityBand] ?? 0) + 1;
  }

  return {
    customersAnalyzed: customers.length,
    customersWithGaps: withGaps.length,
    gapCount: ranked.length,
    gapsByType,
    severityCounts: severityCounts(ranked),
    topSeverityCounts: severityCounts(top),
    totalGap: totalGapCents / 100,
    revenueAtRisk: riskCents / 100,
    revenueAtRiskByCause: sortedDollars(riskByCause),
    revenueAtRiskByGapType: sortedDollars(riskByType),
    revenueAtRiskByTier: sortedDollars(riskByTier),
    revenueAtRiskBySegment: Object.fromEntries(
      [...riskBySegment.entries()].map(([s, m]) => [s, sortedDollars(m)]),
    ),
    churnRiskCustomers: customers.reduce((a, c) => a + (c.churnListed ? 1 : 0), 0),
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
