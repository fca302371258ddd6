/**
 * The rank stage on the stages' key columns (issue 14; columns since the gapcols round) against
 * the code it replaced, kept here as the reference (a key closure over the stages' records called
 * by the comparator): the same order for every ranking key and for the loss-risk model's raw
 * priority, on random figures with many ties, -0, NaN and infinities; and the order itself by
 * hand.
 */
import fc from "fast-check";
import type { RankingParameters } from "../../src/engine/parameters/pack-parameters";
import type { GapExposure } from "../../src/engine/stages/expose-gaps";
import type { GapMeasure } from "../../src/engine/stages/measure-gaps";
import { rankGaps, type RankKeys } from "../../src/engine/stages/rank-gaps";
import type { GapScore } from "../../src/engine/stages/score-gaps";

function rankBefore(
  measures: readonly GapMeasure[],
  scores: readonly GapScore[],
  exposures: readonly GapExposure[],
  p: RankingParameters,
): number[] {
  const key = (i: number): number =>
    p.by === "exposure"
      ? exposures[i].exposure
      : p.by === "gapAmount"
        ? measures[i].gapAmount
        : scores[i].priorityScore;
  return measures.map((_, i) => i).sort((a, b) => key(b) - key(a));
}

const figure = fc.oneof(
  fc.constantFrom(0, -0, 1, 1, 2.5, 10, Number.NaN, Infinity, -Infinity),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: false }),
);

const gaps = fc.array(fc.tuple(figure, figure, figure), { maxLength: 60 });

/** The stages' key columns of the generated figures (amount, score, exposure per gap). */
function keysOf(g: readonly (readonly [number, number, number])[]): RankKeys {
  return {
    gapAmount: Float64Array.from(g, ([amount]) => amount),
    priorityScore: Float64Array.from(g, ([, score]) => score),
    exposure: Float64Array.from(g, ([, , e]) => e),
  };
}

test("rankGaps orders as the replaced key closure did, for every key", () => {
  fc.assert(
    fc.property(gaps, fc.constantFrom("priorityScore", "exposure", "gapAmount"), (g, by) => {
      const measures = g.map(([amount]) => ({ gapAmount: amount }) as GapMeasure);
      const scores = g.map(([, score]) => ({ priorityScore: score }) as GapScore);
      const exposures = g.map(([, , e]) => ({ exposure: e, exposureMultiplier: 1 }));
      const p = { by, topN: 10 } as RankingParameters;
      expect(rankGaps(keysOf(g), p)).toEqual(rankBefore(measures, scores, exposures, p));
    }),
    { numRuns: 500 },
  );
});

test("rankGaps: largest first, ties in detection order (hand-worked)", () => {
  const amounts = [5, 9, 5, 1, 9];
  const p = { by: "gapAmount", topN: 5 } as RankingParameters;
  expect(rankGaps(keysOf(amounts.map((a) => [a, 0, 0] as const)), p)).toEqual([1, 4, 0, 2, 3]);
});

test("rankGaps by raw priority orders as the replaced code did, ties to the larger exposure", () => {
  fc.assert(
    fc.property(gaps, fc.array(figure, { minLength: 1, maxLength: 7 }), (g, raw) => {
      const exposures = g.map(([, , e]) => ({ exposure: e, exposureMultiplier: 1 }));
      const rawPriority = (i: number): number => raw[i % raw.length];
      const before = g
        .map((_, i) => i)
        .sort(
          (a, b) =>
            rawPriority(b) - rawPriority(a) || exposures[b].exposure - exposures[a].exposure,
        );
      const p = { by: "priorityScore", topN: 10 } as RankingParameters;
      expect(rankGaps(keysOf(g), p, rawPriority)).toEqual(before);
    }),
    { numRuns: 300 },
  );
  // By hand: raw 3, 5, 5, 1 with exposures 0, 1, 2, 9 -> 2 (5, exposure 2), 1, 0, 3.
  const p = { by: "priorityScore", topN: 4 } as RankingParameters;
  const raw = [3, 5, 5, 1];
  const g = [0, 1, 2, 9].map((e) => [0, 0, e] as const);
  expect(rankGaps(keysOf(g), p, (i) => raw[i])).toEqual([2, 1, 0, 3]);
});
