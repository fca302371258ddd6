/**
 * What the speed work on the engine stages keeps (issue 14): a compiled row's why, worded when
 * first read, is the text json-rules-engine's reference trace gives for the same row and does not
 * depend on which rows were read first; and every customer's fact record has the keys a record
 * grown key by key gets, in the same order.
 */
import type { AnalysisResult } from "../../src/engine/analysis-result";
import { analyze } from "../../src/engine/pipeline/analyze";
import { NUMERIC_METRICS } from "../../src/engine/metrics/customer-metrics";
import { SCORES, SEGMENTS } from "../../src/engine/registry/customer-facts";
import type { RulePack } from "../../src/rules/rule-pack";
import { rawPack, RUN_AT, seedDataset } from "./seed-helpers";

/** The pack with every row's why from the reference engine (n = a large number) or none (0). */
function withReferenceRows(name: string, n: number): RulePack {
  const pack = rawPack(name);
  return { ...pack, parameters: { ...pack.parameters, referenceTraceRows: n } };
}

describe.each(["seed-tier2", "seed-v2", "default"])("seed data, pack %s", (name) => {
  let lazy: AnalysisResult;
  let reference: AnalysisResult;
  beforeAll(async () => {
    const dataset = await seedDataset();
    lazy = await analyze(dataset, withReferenceRows(name, 0), { runAt: RUN_AT });
    reference = await analyze(dataset, withReferenceRows(name, 1_000_000), { runAt: RUN_AT });
  });

  test("compiled whys, read last row first, equal the reference engine's", () => {
    expect(lazy.gaps.length).toBeGreaterThan(0);
    expect(lazy.gaps.length).toBe(reference.gaps.length);
    for (let i = lazy.gaps.length - 1; i >= 0; i--) {
      expect(lazy.gaps[i].whySource).toBe("compiled");
      expect(reference.gaps[i].whySource).toBe("reference");
      expect(lazy.gaps[i].customerId).toBe(reference.gaps[i].customerId);
      expect(lazy.gaps[i].why).toBe(reference.gaps[i].why);
    }
  });

  test("a why is the same on every read, in a copy and in JSON", () => {
    const g = lazy.gaps[0];
    const first = g.why;
    expect(first.length).toBeGreaterThan(20);
    expect(g.why).toBe(first);
    expect({ ...g }.why).toBe(first);
    expect((JSON.parse(JSON.stringify(g)) as { why: string }).why).toBe(first);
  });

  test("fact records: metrics, flags, scores and segments in the order they are set", () => {
    const expected = [
      ...new Set([
        ...NUMERIC_METRICS,
        "isHighValue",
        "loyaltyMember",
        "region",
        "storeId",
        ...Object.keys(SCORES),
        ...Object.keys(SEGMENTS),
      ]),
    ];
    for (const c of lazy.customers) expect(Object.keys(c.facts)).toEqual(expected);
  });
});
