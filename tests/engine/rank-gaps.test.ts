/**
 * The rank stage with each gap's key read once into a typed column (issue 14) against the code it
 * replaced, kept here as the reference (a key closure called by the comparator): the same order
 * for every ranking key, on random figures with many ties, -0, NaN and infinities; and the order
 * itself by hand.
 */
import fc from "fast-check";
import type { RankingParameters } from "../../src/engine/parameters/pack-parameters";
import type { GapExposure } from "../../src/engine/stages/expose-gaps";
import type { GapMeasure } from "../../src/engine/stages/measure-gaps";
import { rankGaps } from "../../src/engine/stages/rank-gaps";
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

test("rankGaps orders as the replaced key closure did, for every key", () => {
  fc.assert(
    fc.property(gaps, fc.constantFrom("priorityScore", "exposure", "gapAmount"), (g, by) => {
      const measures = g.map(([amount]) => ({ gapAmount: amount }) as GapMeasure);
      const scores = g.map(([, score]) => ({ priorityScore: score }) as GapScore);
      const exposures = g.map(([, , e]) => ({ exposure: e, exposureMultiplier: 1 }));
      const p = { by, topN: 10 } as RankingParameters;
      expect(rankGaps(measures, scores, exposures, p)).toEqual(
        rankBefore(measures, scores, exposures, p),
      );
    }),
    { numRuns: 500 },
  );
});

test("rankGaps: largest first, ties in detection order (hand-worked)", () => {
  const amounts = [5, 9, 5, 1, 9];
  const measures = amounts.map((gapAmount) => ({ gapAmount }) as GapMeasure);
  const p = { by: "gapAmount", topN: 5 } as RankingParameters;
  expect(rankGaps(measures, [], [], p)).toEqual([1, 4, 0, 2, 3]);
});
