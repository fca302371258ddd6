/** Scoring models (weighted, worst-of with per-dimension factors) and priority bands, hand-worked. */
import { analyze } from "../../src/engine/pipeline/analyze";
import {
  DEFAULT_PRIORITY_BANDS,
  SUB_SCORES,
  type ScoringParameters,
} from "../../src/engine/parameters/pack-parameters";
import { priorityBandOf, priorityBands } from "../../src/engine/stages/priority-band";
import { combineSubScores } from "../../src/engine/stages/score-gaps";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import type { RulePack } from "../../src/rules/rule-pack";
import { validatePack } from "../../src/rules/validate-pack";
import { rawPack, RUN_AT, seedDataset } from "./seed-helpers";

const base = (BUILTIN_PACKS["seed-tier2"] as RulePack).parameters as unknown as {
  scoring: ScoringParameters;
};
const scoring = (over: Partial<ScoringParameters>): ScoringParameters => ({
  ...base.scoring,
  ...over,
});
const subs = { revenueImpact: 6, churnRisk: 9, customerValue: 10, recoveryProbability: 2 };

test("weighted: 0.35 x 6 + 0.30 x 9 + 0.20 x 10 + 0.15 x 2 = 7.1", () => {
  expect(combineSubScores(subs, scoring({ model: "weighted" }))).toBeCloseTo(7.1, 12);
});

test("worst-of: as risky as the worst dimension, factors in JSON (default 1), capped at 10", () => {
  expect(combineSubScores(subs, scoring({ model: "worst-of" }))).toBe(10);
  // customer value halved: max(6, 9, 5, 2) = 9
  expect(
    combineSubScores(subs, scoring({ model: "worst-of", worstOfFactors: { customerValue: 0.5 } })),
  ).toBe(9);
  // churn doubled: min(10, 18) = 10; everything zeroed but recovery: 2
  expect(
    combineSubScores(subs, scoring({ model: "worst-of", worstOfFactors: { churnRisk: 2 } })),
  ).toBe(10);
  expect(
    combineSubScores(
      subs,
      scoring({
        model: "worst-of",
        worstOfFactors: { revenueImpact: 0, churnRisk: 0, customerValue: 0 },
      }),
    ),
  ).toBe(2);
});

test("bands: first band reached, in order; below every band the last label", () => {
  const d = DEFAULT_PRIORITY_BANDS;
  expect([8, 7.99, 6, 5.5, 4, 3.99, 0].map((x) => priorityBandOf(x, d))).toEqual([
    "critical",
    "high",
    "high",
    "medium",
    "medium",
    "low",
    "low",
  ]);
  const custom = [
    { min: 9, label: "now" },
    { min: 5, label: "soon" },
  ];
  expect([9.5, 5, 4.99].map((x) => priorityBandOf(x, custom))).toEqual(["now", "soon", "soon"]);
  expect(priorityBands(scoring({}))).toBe(DEFAULT_PRIORITY_BANDS);
  expect(priorityBands(scoring({ bands: custom }))).toBe(custom);
});

test("a worst-of pack with factors and bands validates; each row's score is its worst weighted sub-score", async () => {
  const pack = JSON.parse(JSON.stringify(rawPack("seed-tier2"))) as RulePack;
  const p = pack.parameters as { scoring: ScoringParameters };
  p.scoring.model = "worst-of";
  p.scoring.worstOfFactors = { customerValue: 0.5 };
  p.scoring.bands = [
    { min: 7, label: "act now" },
    { min: 0, label: "watch" },
  ];
  const checked = validatePack(pack, RGO_REGISTRY);
  expect(checked.ok ? [] : checked.errors).toEqual([]);
  const r = await analyze(await seedDataset(), pack, { runAt: RUN_AT });
  expect(r.gaps).toHaveLength(343);
  for (const g of r.gaps) {
    const worst = Math.max(
      ...SUB_SCORES.map((s) => g.subScores[s] * (s === "customerValue" ? 0.5 : 1)),
    );
    expect(g.priorityScore).toBeCloseTo(Math.min(10, worst), 10);
    expect(g.priorityBand).toBe(g.priorityScore >= 7 ? "act now" : "watch");
  }
  // The largest gap has revenue impact 10 (amount / largest amount x 10): the top score is 10.
  expect(r.gaps[0].priorityScore).toBe(10);
  const bands = r.portfolio.bandCounts;
  expect(bands["act now"] + bands.watch).toBe(155);
});

test("schema rejects bad bands and negative factors", () => {
  for (const bad of [
    { bands: [] },
    { bands: [{ min: 1 }] },
    { worstOfFactors: { churnRisk: -1 } },
    { worstOfFactors: { unknownScore: 1 } },
  ]) {
    const pack = JSON.parse(JSON.stringify(rawPack("seed-v2"))) as RulePack;
    const p = pack.parameters as { scoring: Record<string, unknown> };
    Object.assign(p.scoring, bad);
    expect(validatePack(pack, RGO_REGISTRY).ok).toBe(false);
  }
});

test("seed presets keep their scores and get bands from the defaults", async () => {
  const r = await analyze(await seedDataset(), rawPack("seed-tier2"), { runAt: RUN_AT });
  expect(r.gaps.slice(0, 2).map((g) => [g.priorityScore, g.priorityBand])).toEqual([
    [8.35, "critical"],
    [8.29, "critical"],
  ]);
  expect(
    r.gaps.every((g) => g.priorityBand === priorityBandOf(g.priorityScore, DEFAULT_PRIORITY_BANDS)),
  ).toBe(true);
});
