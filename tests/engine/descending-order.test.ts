/**
 * The rank stage's comparator-free order (issue 14, engine2 round) against the comparator sort it
 * replaced (tests/engine/reference/rank-before.ts): the same order for every ranking key on random
 * figures, short and long (V8 sorts short arrays by insertion and long ones by merging runs), with
 * many ties, -0 and infinities; with a NaN key descendingOrder declines and rankGaps sorts as
 * before. And descendingOrder by hand.
 */
import fc from "fast-check";
import type { RankingParameters } from "../../src/engine/parameters/pack-parameters";
import { descendingOrder } from "../../src/engine/stages/descending-order";
import type { GapMeasure } from "../../src/engine/stages/measure-gaps";
import { rankGaps } from "../../src/engine/stages/rank-gaps";
import type { GapScore } from "../../src/engine/stages/score-gaps";
import { rankGapsBefore } from "./reference/rank-before";

const tied = fc.constantFrom(0, -0, 1, 2.5, 10, 12.35, Infinity, -Infinity, 5e-324, -1e308, 1e308);
const figure = (nan: boolean): fc.Arbitrary<number> =>
  fc.oneof(tied, fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: !nan }));

const outputs = (nan: boolean, maxLength: number) =>
  fc.array(fc.tuple(figure(nan), figure(nan), figure(nan)), { maxLength }).map((g) => ({
    measures: g.map(([amount]) => ({ gapAmount: amount }) as GapMeasure),
    scores: g.map(([, score]) => ({ priorityScore: score }) as GapScore),
    exposures: g.map(([, , e]) => ({ exposure: e, exposureMultiplier: 1 })),
  }));

const by = fc.constantFrom("priorityScore" as const, "exposure" as const, "gapAmount" as const);

test("rankGaps gives the replaced comparator sort's order, short and long inputs, every key", () => {
  for (const maxLength of [40, 3000])
    fc.assert(
      fc.property(outputs(false, maxLength), by, (o, key) => {
        const p = { by: key, topN: 10 } as RankingParameters;
        expect(rankGaps(o.measures, o.scores, o.exposures, p)).toEqual(
          rankGapsBefore(o.measures, o.scores, o.exposures, p),
        );
      }),
      { numRuns: maxLength > 100 ? 60 : 400 },
    );
});

test("with NaN keys rankGaps still gives the replaced sort's order (it falls back to it)", () => {
  fc.assert(
    fc.property(outputs(true, 200), by, fc.nat(), (o, key, at) => {
      if (o.measures.length > 0) {
        const i = at % o.measures.length;
        o.measures[i] = { gapAmount: Number.NaN } as GapMeasure;
        o.scores[i] = { priorityScore: Number.NaN } as GapScore;
        o.exposures[i] = { exposure: Number.NaN, exposureMultiplier: 1 };
      }
      const p = { by: key, topN: 10 } as RankingParameters;
      expect(rankGaps(o.measures, o.scores, o.exposures, p)).toEqual(
        rankGapsBefore(o.measures, o.scores, o.exposures, p),
      );
    }),
    { numRuns: 300 },
  );
});

test("descendingOrder: a permutation, keys non-increasing along it, ties in index order", () => {
  fc.assert(
    fc.property(fc.array(figure(false), { maxLength: 500 }), (xs) => {
      const keys = Float64Array.from(xs);
      const order = descendingOrder(keys) as number[];
      expect([...order].sort((a, b) => a - b)).toEqual(xs.map((_, i) => i));
      for (let j = 1; j < order.length; j++) {
        const a = keys[order[j - 1]];
        const b = keys[order[j]];
        expect(a >= b).toBe(true);
        if (a === b) expect(order[j - 1]).toBeLessThan(order[j]);
      }
    }),
  );
});

test("descendingOrder by hand: ties in index order, -0 equal to 0, NaN declined", () => {
  expect(descendingOrder(Float64Array.of(5, 9, 5, 1, 9))).toEqual([1, 4, 0, 2, 3]);
  expect(descendingOrder(Float64Array.of(0, -0, 0, -Infinity, Infinity))).toEqual([4, 0, 1, 2, 3]);
  expect(descendingOrder(new Float64Array(0))).toEqual([]);
  expect(descendingOrder(Float64Array.of(1, Number.NaN, 2))).toBeUndefined();
});
