/**
 * The customer model's facts in a run: gated (a pack that neither enables the model nor tests one
 * of its facts gets none of them), fitted when a rule tests one, and their invariants on random
 * purchase logs (fast-check): finite, shortfall = max(0, run-rate - expected), 0 <= share <= 1,
 * low <= expected <= high, probabilities in [0, 1], or a reason when the fit is unusable.
 */
import fc from "fast-check";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { computeCustomerForecast, MODEL_METRICS } from "../../src/engine/metrics/customer-forecast";
import { DEFAULT_MODEL } from "../../src/engine/parameters/pack-parameters";
import { analyze } from "../../src/engine/pipeline/analyze";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { makeRounder } from "../../src/engine/rounding/round-rule";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { csvTextToTable } from "../../src/workbook/csv-folder-reader";

const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
const START = Date.UTC(2023, 9, 4) / 86_400_000; // Wed 2023-10-04

/** A 60-customer daily log with different rhythms, values and drop-outs (fits a BG/NBD). */
function log60(): string {
  const rows = ["customer_id,date,revenue"];
  for (let i = 0; i < 60; i++) {
    const every = 1 + (i % 7);
    const stop = i % 2 === 0 ? 14 + (i % 10) : 99; // half stop within the last 13 weeks
    for (let w = i % 5; w <= Math.min(stop, 26); w += every)
      rows.push(`K${i},${iso(START + 7 * w + (i % 3))},${10 + ((i * 7) % 13) * 4 + (w % 3) * 3}`);
  }
  return `${rows.join("\n")}\n`;
}

const dataset = () =>
  buildDataset({ source: "t", tables: [csvTextToTable("sales.csv", log60())] }).dataset;
const runAt = new Date("2026-01-01T00:00:00Z");

function pack(base: unknown, edit: (p: Record<string, unknown> & { rules: unknown[] }) => void) {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown> & { rules: unknown[] };
  edit(copy);
  const checked = validatePack(copy, RGO_REGISTRY);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.pack;
}

describe("customer model facts in a run", () => {
  it("a pack without the model has none of its facts", async () => {
    const checked = validatePack(BUILTIN_PACKS["seed-v2"], RGO_REGISTRY);
    if (!checked.ok) throw new Error("seed-v2");
    const result = await analyze(dataset(), checked.pack, { runAt });
    expect(result.model).toBeUndefined();
    for (const c of result.customers)
      for (const m of MODEL_METRICS) expect(c.facts[m]).toBeUndefined();
  });

  it("a rule testing a model fact fits the model (not enabled in the parameters)", async () => {
    const p = pack(BUILTIN_PACKS["seed-v2"], (x) => {
      x.rules.push({
        name: "model-gap",
        conditions: {
          all: [{ fact: "forecastShortfallShare", operator: "greaterThanInclusive", value: 0.55 }],
        },
        event: { type: "gap", params: { gapType: "revenue_gap" } },
      });
    });
    const result = await analyze(dataset(), p, { runAt });
    expect(result.model?.notFitted).toBeNull();
    expect(result.model?.summary?.customers).toBe(60);
    const shortfall = result.customers.filter(
      (c) => Number(c.facts.forecastShortfallShare) >= 0.55,
    );
    expect(shortfall.length).toBeGreaterThan(0);
    // Each of them has a revenue_gap row (the model rule's, or seed-v2's own when it fired first).
    for (const c of shortfall) expect(c.gapCount).toBeGreaterThan(0);
  });

  it("invariants of the facts on random weekly logs (fast-check)", () => {
    const r = makeRounder("cents");
    let fitted = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            every: fc.integer({ min: 1, max: 6 }),
            start: fc.integer({ min: 0, max: 10 }),
            stop: fc.integer({ min: 3, max: 40 }),
            value: fc.integer({ min: 100, max: 20000 }),
          }),
          { minLength: 8, maxLength: 40 },
        ),
        (customers) => {
          const rows = ["customer_id,week,revenue"];
          customers.forEach((c, i) => {
            for (let w = c.start; w <= Math.min(c.stop, 30); w += c.every)
              rows.push(
                `C${i},${iso(START + 7 * w)},${((c.value * (1 + (w % 4))) / 100).toFixed(2)}`,
              );
          });
          const ds = buildDataset({
            source: "t",
            tables: [csvTextToTable("sales.csv", rows.join("\n"))],
          }).dataset;
          const sel = Int32Array.from({ length: ds.customers.count }, (_, i) => i);
          const out = computeCustomerForecast(
            ds,
            sel,
            ds.sales.weeks,
            { ...DEFAULT_MODEL, enabled: true },
            r,
          );
          if ("reason" in out) {
            expect(out.reason.length).toBeGreaterThan(10);
            return;
          }
          fitted++;
          const n = out.numeric;
          for (let k = 0; k < sel.length; k++) {
            for (const m of MODEL_METRICS) expect(Number.isFinite(n[m][k])).toBe(true);
            expect(n.forecastShortfall[k]).toBeCloseTo(
              Math.max(0, n.recentRunRate[k] - n.expectedSpendNext[k]),
              1,
            );
            expect(n.forecastShortfallShare[k]).toBeGreaterThanOrEqual(0);
            expect(n.forecastShortfallShare[k]).toBeLessThanOrEqual(1);
            expect(n.expectedSpendLow[k]).toBeLessThanOrEqual(n.expectedSpendNext[k] + 0.01);
            expect(n.expectedSpendHigh[k]).toBeGreaterThanOrEqual(n.expectedSpendNext[k] - 0.01);
            for (const m of ["pActive", "pLoss", "lossRisk"] as const) {
              expect(n[m][k]).toBeGreaterThanOrEqual(0);
              expect(n[m][k]).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
      { numRuns: 20, seed: 9 },
    );
    expect(fitted).toBeGreaterThanOrEqual(3); // strictly periodic buyers often give a degenerate fit
  });
});
