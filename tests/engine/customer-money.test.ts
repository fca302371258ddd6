/** One money figure per customer: the primary row (largest gap; ties: better rank). */
import fc from "fast-check";
import type { CustomerResult, GapRow } from "../../src/engine/analysis-result";
import { DEFAULT_PRIORITY_BANDS, GAP_TYPES } from "../../src/engine/parameters/pack-parameters";
import { assignCustomerMoney, primaryGaps } from "../../src/engine/stages/customer-money";
import { customerResult } from "./customer-result";
import { gapRow } from "./gap-row";

const customer = (id: string): CustomerResult => customerResult(id);

/** The rows with their primary flags from primaryGaps (rows in rank order). */
function withPrimary(rows: readonly GapRow[]): GapRow[] {
  const primary = primaryGaps(rows);
  return rows.map((r, i) => gapRow({ ...r, primary: primary[i] }));
}

test("hand-worked: the largest gap is the customer's money; ties go to the better-ranked row", () => {
  const rows = withPrimary([
    gapRow({
      rank: 1,
      customerPosition: 1,
      gapType: "below_baseline",
      gapAmount: 60,
      exposure: 75,
      recoveryPotential: 60,
      priorityScore: 8.1,
    }),
    gapRow({
      rank: 2,
      customerPosition: 0,
      gapType: "zero_spend",
      gapAmount: 100,
      exposure: 125,
      recoveryPotential: 50,
      priorityScore: 7.2,
    }),
    gapRow({
      rank: 3,
      customerPosition: 1,
      gapType: "declining_revenue",
      gapAmount: 60,
      exposure: 75,
      recoveryPotential: 120,
      priorityScore: 6,
    }),
    gapRow({
      rank: 4,
      customerPosition: 0,
      gapType: "declining_revenue",
      gapAmount: 50,
      exposure: 62.5,
      recoveryPotential: 50,
      priorityScore: 5.5,
    }),
  ]);
  const cs = [customer("A"), customer("B"), customer("C")];
  assignCustomerMoney(rows, cs, DEFAULT_PRIORITY_BANDS);
  expect(
    cs.map((c) => [
      c.gapCount,
      c.revenueAtRisk,
      c.exposure,
      c.recoveryPotential,
      c.primaryGapType,
      c.priorityScore,
      c.priorityBand,
      c.bestRank,
    ]),
  ).toEqual([
    [2, 100, 125, 50, "zero_spend", 7.2, "high", 2],
    [2, 60, 75, 60, "below_baseline", 8.1, "critical", 1],
    [0, 0, 0, 0, null, 0, null, 0],
  ]);
  expect(rows.map((r) => r.primary)).toEqual([true, true, false, false]);
});

test("property: one primary row per customer with gaps, holding its largest amount; totals never exceed the row sums", () => {
  const rowsArb = fc.array(
    fc.record({
      position: fc.integer({ min: 0, max: 5 }),
      type: fc.constantFrom(...GAP_TYPES),
      cents: fc.integer({ min: 0, max: 50000 }),
      score: fc.integer({ min: 0, max: 1000 }),
    }),
    { maxLength: 30 },
  );
  fc.assert(
    fc.property(rowsArb, (spec) => {
      const sorted = spec
        .map((s) =>
          gapRow({
            customerPosition: s.position,
            gapType: s.type,
            gapAmount: s.cents / 100,
            exposure: s.cents / 50,
            priorityScore: s.score / 100,
          }),
        )
        .sort((a, b) => b.priorityScore - a.priorityScore);
      const rows = withPrimary(sorted.map((r, i) => gapRow({ ...r, rank: i + 1 })));
      const cs = Array.from({ length: 6 }, (_, i) => customer(String(i)));
      assignCustomerMoney(rows, cs, DEFAULT_PRIORITY_BANDS);
      for (let k = 0; k < 6; k++) {
        const mine = rows.filter((r) => r.customerPosition === k);
        const primaries = mine.filter((r) => r.primary);
        expect(primaries).toHaveLength(mine.length > 0 ? 1 : 0);
        expect(cs[k].gapCount).toBe(mine.length);
        if (mine.length === 0) continue;
        const max = Math.max(...mine.map((r) => r.gapAmount));
        expect(cs[k].revenueAtRisk).toBe(max);
        expect(primaries[0].gapAmount).toBe(max);
        // ties: no better-ranked row with the same amount
        expect(mine.find((r) => r.gapAmount === max)).toBe(primaries[0]);
        expect(cs[k].exposure).toBe(primaries[0].exposure);
        expect(cs[k].priorityScore).toBe(Math.max(...mine.map((r) => r.priorityScore)));
        expect(cs[k].bestRank).toBe(Math.min(...mine.map((r) => r.rank)));
      }
      const risk = cs.reduce((a, c) => a + Math.round(c.revenueAtRisk * 100), 0);
      const rowsSum = rows.reduce((a, r) => a + Math.round(r.gapAmount * 100), 0);
      expect(risk).toBeLessThanOrEqual(rowsSum);
    }),
    { numRuns: 200 },
  );
});
