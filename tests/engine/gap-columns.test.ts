/**
 * Gap rows made when read (issue 14, engine-fast round): the columns the customers and portfolio
 * stages read (gapColumnsOf, from the stage outputs, no row made) are the columns of the rows
 * assembleGapRows makes (columnsOfRows), value for value (Object.is: -0 and NaN count), on random
 * stage outputs in random rank orders; gapRowAt makes the row assembleGapRows makes at that rank;
 * topCount is how many rows slice(0, topN) keeps, for any topN; and in a run the top rows are
 * the first rows of `gaps`, the same objects, with `gaps` the same array on every read.
 */
import fc from "fast-check";
import type { GapRow } from "../../src/engine/analysis-result";
import { GAP_TYPES } from "../../src/engine/parameters/pack-parameters";
import { analyze } from "../../src/engine/pipeline/analyze";
import {
  assembleGapRows,
  columnsOfRows,
  gapColumnsOf,
  gapRowAt,
  type GapColumns,
  topCount,
} from "../../src/engine/stages/build-gap-rows";
import { exposureAt } from "../../src/engine/stages/expose-gaps";
import { type GapMeasure, measureAt } from "../../src/engine/stages/measure-gaps";
import { recoveryAt } from "../../src/engine/stages/recover-gaps";
import { scoreAt } from "../../src/engine/stages/score-gaps";
import { type GapStageRecords, stageOutputsOf } from "./gap-stage-columns";
import { RUN_AT, rawPack, seedDataset } from "./seed-helpers";

const number = fc.oneof(
  fc.double({ min: -1e6, max: 1e6 }),
  fc.constantFrom(0, -0, Number.NaN, 0.1, 12.35),
);

const outputsArb: fc.Arbitrary<GapStageRecords> = fc.integer({ min: 0, max: 30 }).chain((n) =>
  fc.record({
    measures: fc.array(
      fc.record({
        customerId: fc.constantFrom("A", "B", "C"),
        customerPosition: fc.nat({ max: 5 }),
        gapType: fc.constantFrom(...GAP_TYPES),
        severity: fc.constantFrom("high" as const, "medium" as const, "low" as const),
        current: number,
        expected: number,
        gapAmount: number,
        gapPct: number,
        weeksAtRisk: fc.nat({ max: 9 }),
        rootCause: fc.constantFrom(null, "stockout"),
        ruleName: fc.constantFrom("r1", "r2"),
      }) as fc.Arbitrary<GapMeasure>,
      { minLength: n, maxLength: n },
    ),
    scores: fc.array(
      fc.record({
        subScores: fc.record({
          revenueImpact: number,
          churnRisk: number,
          customerValue: number,
          recoveryProbability: number,
        }),
        priorityScore: number,
        priorityBand: fc.constantFrom("low", "high"),
      }),
      { minLength: n, maxLength: n },
    ),
    exposures: fc.array(fc.record({ exposure: number, exposureMultiplier: number }), {
      minLength: n,
      maxLength: n,
    }),
    recoveries: fc.array(
      fc.record({
        recoveryPotential: number,
        recommendedActions: fc.array(fc.constantFrom("call", "visit"), { maxLength: 2 }),
      }),
      { minLength: n, maxLength: n },
    ),
    order: fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ),
    explanations: fc.array(
      fc.record({
        why: fc.string({ maxLength: 5 }),
        whySource: fc.constantFrom("reference" as const, "compiled" as const),
      }),
      { minLength: n, maxLength: n },
    ),
    primary: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  }),
);

/** Every column of a and b, element by element with Object.is; the differences. */
function differences(a: GapColumns, b: GapColumns): string[] {
  const out: string[] = [];
  if (a.count !== b.count) out.push(`count ${a.count} ${b.count}`);
  const names = [
    "rank",
    "customerPosition",
    "gapType",
    "severity",
    "priorityScore",
    "gapAmount",
    "exposure",
    "recoveryPotential",
    "primary",
  ] as const;
  for (const name of names)
    for (let j = 0; j < a.count; j++)
      if (!Object.is(a[name][j], b[name][j])) out.push(`${name}[${j}]`);
  return out;
}

test("gapColumnsOf: the columns of the rows assembleGapRows makes, row by row (fast-check)", () => {
  fc.assert(
    fc.property(outputsArb, (records) => {
      const o = stageOutputsOf(records);
      const rows = assembleGapRows(o);
      expect(differences(gapColumnsOf(o), columnsOfRows(rows))).toEqual([]);
      for (let j = 0; j < rows.length; j++) {
        const one = gapRowAt(o, j);
        expect(Object.keys(one)).toEqual(Object.keys(rows[j]));
        expect(one).toEqual(rows[j]);
        expect(Object.isFrozen(one)).toBe(true);
      }
      // Hand-checkable: rank j + 1, and the row's amount is its gap's in the rank order.
      const g = gapColumnsOf(o);
      for (let j = 0; j < g.count; j++) {
        expect(g.rank[j]).toBe(j + 1);
        expect(Object.is(g.gapAmount[j], records.measures[records.order[j]].gapAmount)).toBe(true);
      }
    }),
    { numRuns: 150 },
  );
});

test("the stages' columns give back each gap's records, keys in order (fast-check)", () => {
  fc.assert(
    fc.property(outputsArb, (records) => {
      const o = stageOutputsOf(records);
      expect(o.measures.count).toBe(records.measures.length);
      records.measures.forEach((m, i) => {
        const back = measureAt(o.measures, i);
        expect(Object.keys(back)).toEqual(Object.keys(m));
        expect(back).toEqual(m);
        expect(Object.keys(scoreAt(o.scores, i))).toEqual(Object.keys(records.scores[i]));
        expect(scoreAt(o.scores, i)).toEqual(records.scores[i]);
        expect(Object.keys(scoreAt(o.scores, i).subScores)).toEqual(
          Object.keys(records.scores[i].subScores),
        );
        expect(exposureAt(o.exposures, i)).toEqual(records.exposures[i]);
        expect(recoveryAt(o.recoveries, i)).toEqual(records.recoveries[i]);
      });
    }),
    { numRuns: 100 },
  );
});

test("topCount is the length slice(0, topN) keeps (fast-check)", () => {
  fc.assert(
    fc.property(
      fc.nat({ max: 40 }),
      fc.oneof(
        fc.integer({ min: -50, max: 50 }),
        fc.double({ min: -60, max: 60 }),
        fc.constantFrom(Infinity, -Infinity, Number.NaN, -0),
      ),
      (count, topN) => {
        const rows = Array.from({ length: count }, (_, i) => i);
        expect(topCount(count, topN)).toBe(rows.slice(0, topN).length);
      },
    ),
  );
});

describe.each(["seed-tier2", "default"])("a run's gap rows (%s)", (pack) => {
  it("the top rows are the first rows of gaps, the same objects; gaps is one array", async () => {
    const result = await analyze(await seedDataset(), rawPack(pack), { runAt: RUN_AT, topN: 7 });
    const top = result.topGaps;
    expect(top.length).toBe(Math.min(7, result.portfolio.gapCount));
    const gaps: GapRow[] = result.gaps;
    expect(result.gaps).toBe(gaps);
    expect(gaps.length).toBe(result.portfolio.gapCount);
    top.forEach((row, j) => expect(gaps[j]).toBe(row));
    expect(gaps.map((r) => r.rank)).toEqual(gaps.map((_, j) => j + 1));
    // The portfolio's figures, read from the columns, add up from the rows themselves.
    const cents = gaps.reduce((s, r) => s + Math.round(r.gapAmount * 100), 0);
    expect(Math.round(result.portfolio.totalGap * 100)).toBe(cents);
    const byType: Record<string, number> = {};
    for (const r of gaps) byType[r.gapType] = (byType[r.gapType] ?? 0) + 1;
    expect(result.portfolio.gapsByType).toEqual(byType);
    const replaced = gaps.slice(0, 1);
    result.gaps = replaced;
    expect(result.gaps).toBe(replaced);
  });
});
