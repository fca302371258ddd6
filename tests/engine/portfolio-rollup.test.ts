/**
 * The portfolio stage's indexed loops (issue 14, engine-gc round) give the summary the replaced
 * stage gave: every figure equal (Object.is, so -0 and rounding slips show) and every record's keys
 * in the same order, on random gap rows and customers (money from assignCustomerMoney as a run
 * makes it, or with best ranks a run never makes), each recovery scope, exposure on and off, random
 * concentration and top N, and random sets of segments (repeats included), with each built-in
 * pack's parameters.
 */
import fc from "fast-check";
import type { CustomerResult, GapRow } from "../../src/engine/analysis-result";
import {
  DEFAULT_PRIORITY_BANDS,
  GAP_TYPES,
  type PackParameters,
} from "../../src/engine/parameters/pack-parameters";
import { SEGMENTS } from "../../src/engine/registry/customer-facts";
import { assignCustomerMoney, primaryGaps } from "../../src/engine/stages/customer-money";
import { portfolioRollup } from "../../src/engine/stages/portfolio-rollup";
import { resolveParameters } from "../../src/engine/stages/resolve-parameters";
import { customerResult } from "./customer-result";
import { gapRow } from "./gap-row";
import { portfolioRollupBefore } from "./reference/portfolio-before";
import { rawPack } from "./seed-helpers";

const PACKS = ["seed-tier2", "seed-v2", "default"].map((name) => resolveParameters(rawPack(name)));
const SEGMENT_NAMES = Object.keys(SEGMENTS);
const SCOPES = ["top-n", "all", "top-n-customers", "all-customers"] as const;
const money = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
  fc.constant(-0),
);

const rowArb = (customers: number) =>
  fc.record({
    customerPosition: fc.nat({ max: customers - 1 }),
    gapType: fc.constantFrom(...GAP_TYPES),
    severity: fc.constantFrom("high" as const, "medium" as const, "low" as const),
    gapAmount: money,
    exposure: money,
    recoveryPotential: money,
    priorityScore: fc.double({ min: 0, max: 10, noNaN: true }),
  });

const customerArb = fc.record({
  churnListed: fc.boolean(),
  rootCause: fc.constantFrom(null, "stockout", "demand_softness", "price"),
  tier: fc.option(fc.constantFrom("vip", "standard", "growth"), { nil: undefined }),
  segment: fc.option(fc.constantFrom("a", "b", "", "c"), { nil: undefined }),
});

const caseArb = fc.integer({ min: 1, max: 25 }).chain((n) =>
  fc.record({
    customers: fc.array(customerArb, { minLength: n, maxLength: n }),
    rows: fc.array(rowArb(n), { maxLength: 60 }),
    pack: fc.nat({ max: PACKS.length - 1 }),
    scope: fc.constantFrom(...SCOPES),
    exposureOn: fc.boolean(),
    concentrationTopN: fc.integer({ min: 1, max: 30 }),
    topN: fc.integer({ min: 0, max: 30 }),
    segments: fc.array(fc.constantFrom(...SEGMENT_NAMES), { maxLength: 5 }),
    // Best ranks a run never makes (repeated, 0, negative, past the last row): the customers'
    // order by best rank then falls back to the sort the counting sort replaces.
    bestRanks: fc.option(fc.array(fc.integer({ min: -3, max: 70 }), { minLength: 1 }), {
      nil: undefined,
    }),
  }),
);

test("the indexed portfolio stage equals the replaced one, figures and key order", () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const ranked0 = c.rows.map((r, i) =>
        gapRow({ ...r, rank: i + 1, customerId: `C${r.customerPosition}` }),
      );
      const primary = primaryGaps(ranked0);
      const ranked: GapRow[] = ranked0.map((r, i) => ({ ...r, primary: primary[i] }));
      const customers: CustomerResult[] = c.customers.map((x, k) => {
        const facts: Record<string, string | number | boolean | null> = {};
        if (x.tier !== undefined) facts.customerTier = x.tier;
        if (x.segment !== undefined) for (const s of SEGMENT_NAMES) facts[s] = `${s}:${x.segment}`;
        return customerResult(`C${k}`, {
          churnListed: x.churnListed,
          rootCause: x.rootCause,
          facts,
        });
      });
      assignCustomerMoney(ranked, customers, DEFAULT_PRIORITY_BANDS);
      const ranks = c.bestRanks;
      if (ranks !== undefined) customers.forEach((x, k) => (x.bestRank = ranks[k % ranks.length]));
      const base = PACKS[c.pack];
      const params: PackParameters = {
        ...base,
        recovery: { ...base.recovery, scope: c.scope },
        exposure: { ...base.exposure, enabled: c.exposureOn },
        portfolio: { ...base.portfolio, concentrationTopN: c.concentrationTopN },
      };
      const after = portfolioRollup(ranked, c.topN, customers, params, c.segments);
      const before = portfolioRollupBefore(ranked, c.topN, customers, params, c.segments);
      expect(after).toEqual(before);
      expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    }),
    { numRuns: 300 },
  );
});

test("hand-worked: two customers, three rows, top 2", () => {
  const rows = [
    gapRow({ rank: 1, customerPosition: 1, gapType: "zero_spend", gapAmount: 10.25 }),
    gapRow({ rank: 2, customerPosition: 0, gapType: "below_baseline", gapAmount: 4.5 }),
    gapRow({ rank: 3, customerPosition: 1, gapType: "below_baseline", gapAmount: 12.5 }),
  ].map((r) => ({ ...r, recoveryPotential: r.gapAmount, exposure: r.gapAmount * 2 }));
  const primary = primaryGaps(rows);
  const ranked = rows.map((r, i) => ({ ...r, primary: primary[i] }));
  const customers = [customerResult("A"), customerResult("B", { churnListed: true })];
  assignCustomerMoney(ranked, customers, DEFAULT_PRIORITY_BANDS);
  const p = PACKS[0];
  const params = { ...p, recovery: { ...p.recovery, scope: "top-n" as const } };
  const s = portfolioRollup(ranked, 2, customers, params, []);
  expect(s.gapsByType).toEqual({ below_baseline: 2, zero_spend: 1 });
  expect(s.totalGap).toBe(27.25); // 10.25 + 4.50 + 12.50
  expect(s.revenueAtRisk).toBe(17); // B's largest row 12.50 + A's 4.50
  expect(s.potentialRecovery).toBe(14.75); // the top 2 rows: 10.25 + 4.50
  expect(s.recoveryShare).toBe(1475 / 2725);
  expect(s.churnRiskCustomers).toBe(1);
  expect(s.customersWithGaps).toBe(2);
});
