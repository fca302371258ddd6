/**
 * The metrics stage split into passes (issue 14, metrics phases: spend sums, gap weeks, robust
 * facts, purchase rhythm and attributes, each a small function over a block of customers; medians
 * by insertion; the value percentile without a binary search per customer) against the stage as
 * it stood before, kept verbatim in reference/metrics-phases-before.ts: every value of every
 * column identical (Object.is, so -0 and NaN count) on generated datasets with gaps, zeros, refunds,
 * tied spends and totals, spikes, stockouts of every measure, late starters and empty histories,
 * baselines longer than the insertion median's 64 values, both anchors, every rounding rule and
 * random attribution parameters; on several blocks of customers with the same progress ticks; and
 * on the seed data with each built-in pack.
 */
import fc from "fast-check";
import type { Dataset } from "../../src/engine/input/dataset";
import * as metricsStage from "../../src/engine/metrics/compute-metrics";
import { computeMetrics } from "../../src/engine/metrics/compute-metrics";
import { runAnalysis } from "../../src/engine/pipeline/run-analysis";
import { generateSample } from "../../src/engine/sample/generate-sample";
import { NUMERIC_METRICS, type CustomerMetrics } from "../../src/engine/metrics/customer-metrics";
import type {
  AttributionParameters,
  WindowParameters,
} from "../../src/engine/parameters/pack-parameters";
import { makeRounder, type RoundingRule } from "../../src/engine/rounding/round-rule";
import { resolveParameters } from "../../src/engine/stages/resolve-parameters";
import { makeDataset } from "./make-dataset";
import { spikeCap } from "../../src/engine/metrics/spike-cap";
import {
  computeMetricsPhasedBefore,
  spikeCapPhasedBefore,
} from "./reference/metrics-phases-before";
import { builtinPack, rawPack, RUN_AT, seedDataset } from "./seed-helpers";
import { lazyFactsOf } from "../../src/engine/metrics/lazy-facts";
import {
  customerFactsRecord,
  factsRecordMaker,
} from "../../src/engine/stages/customer-facts-record";

type Columns = Record<string, ArrayLike<unknown>>;

/** Every column of a stage's output by name: the numeric facts and the other per-customer arrays. */
function columnsOf(m: CustomerMetrics): Columns {
  const out: Columns = {};
  for (const name of NUMERIC_METRICS) out[`numeric.${name}`] = m.numeric[name];
  const { baselineRaw, currentRaw, expectedRaw, isHighValue, loyaltyMember, region, storeId } = m;
  Object.assign(out, {
    baselineRaw,
    currentRaw,
    expectedRaw,
    isHighValue,
    loyaltyMember,
    region,
    storeId,
  });
  return out;
}

/** The values where `now` and `before` differ (Object.is), at most five, as "column[k]: a vs b". */
function mismatches(now: CustomerMetrics, before: CustomerMetrics): string[] {
  const found: string[] = [];
  if (now.count !== before.count) found.push(`count: ${now.count} vs ${before.count}`);
  const a = columnsOf(now);
  const b = columnsOf(before);
  for (const name of Object.keys(b)) {
    const x = a[name];
    const y = b[name];
    if (x.length !== y.length) found.push(`${name}: ${x.length} values vs ${y.length}`);
    for (let k = 0; k < y.length && found.length < 5; k++)
      if (!Object.is(x[k], y[k])) found.push(`${name}[${k}]: ${String(x[k])} vs ${String(y[k])}`);
  }
  return found;
}

/** Cents a week: a few amounts many customers share (ties), refunds, spikes and anything. */
const weekCents = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.constantFrom(500, 1000, 1234, 2500) },
  { weight: 1, arbitrary: fc.constantFrom(-300, -1) },
  { weight: 1, arbitrary: fc.constantFrom(90_000, 250_000) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 60_000 }) },
);

const customerArb = fc.record({
  // Short histories (late starters, none at all) and long ones (baselines past 64 purchase weeks).
  cents: fc.oneof(
    fc.array(weekCents, { maxLength: 12 }),
    fc.array(weekCents, { minLength: 60, maxLength: 80 }),
  ),
  highValue: fc.boolean(),
  home: fc.integer({ min: -1, max: 3 }),
  loyalty: fc.constantFrom(-1, 0, 1),
  region: fc.constantFrom<string | null>("East", "West", "", null),
});

const caseArb = fc.record({
  customers: fc.array(customerArb, { minLength: 1, maxLength: 10 }),
  stores: fc.integer({ min: 0, max: 4 }),
  measure: fc.constantFrom("on_hand", "in_stock_flag", "stockout_days", "in_stock_rate"),
  // Per store-week (cycled over the grid): SKUs, SKUs out, stockout days, in-stock rate.
  stock: fc.array(
    fc.tuple(
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 3 }),
      fc.oneof(fc.constant(Number.NaN), fc.integer({ min: 0, max: 21 })),
      fc.oneof(fc.constant(Number.NaN), fc.constantFrom(0, 0.5, 0.9, 1)),
    ),
    { minLength: 1, maxLength: 40 },
  ),
  // Per sales row (cycled): its own store, or -1 (the customer's home store is used).
  rowStores: fc.array(fc.integer({ min: -1, max: 4 }), { minLength: 1, maxLength: 13 }),
  windows: fc.record({
    baselineWeeks: fc.integer({ min: 1, max: 80 }),
    baselineAnchor: fc.constantFrom("first" as const, "trailing" as const),
    currentWeeks: fc.integer({ min: 1, max: 10 }),
    structuralWeeks: fc.integer({ min: 1, max: 20 }),
  }),
  rule: fc.constantFrom<RoundingRule>("numpy-2dp", "python-2dp", "cents"),
  attribution: fc.record({
    stockoutWeekShare: fc.constantFrom(0, 0.3, 0.5, 1),
    sharpDropRatio: fc.constantFrom(0, 0.35, 1),
    noiseFloorCv: fc.constantFrom(0, 0.05, 0.4),
    zCap: fc.constantFrom(3, 50),
    spikeClipK: fc.constantFrom(0, 1, 3),
    spikeMinWeeks: fc.constantFrom(0, 3, 5),
  }),
  // Which customers run, in which order: all forwards, all backwards, or every other one.
  selection: fc.constantFrom("all", "reversed", "alternate"),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function datasetFor(c: Case): Dataset {
  const ds = makeDataset(
    c.customers.map((x, i) => ({
      id: `P${i}`,
      spend: x.cents.map((v) => v / 100),
      highValue: x.highValue,
      ...(x.home >= 0 && x.home < c.stores ? { store: x.home } : {}),
    })),
    Array.from({ length: c.stores }, () => []),
  );
  const W = ds.sales.weeks;
  ds.customers.loyalty = Int8Array.from(c.customers, (x) => x.loyalty);
  ds.customers.segment = c.customers.map((x) => x.region);
  let row = 0;
  for (let cell = 0; cell < ds.sales.store.length; cell++)
    if (ds.sales.present[cell] === 1) {
      const s = c.rowStores[row++ % c.rowStores.length];
      ds.sales.store[cell] = s < c.stores ? s : -1;
    }
  ds.stock.measure = c.measure;
  for (let cell = 0; cell < c.stores * W; cell++) {
    const [skus, out, days, rate] = c.stock[cell % c.stock.length];
    ds.stock.skuCount[cell] = skus;
    ds.stock.skusOut[cell] = Math.min(out, skus);
    ds.stock.stockoutDays[cell] = days;
    ds.stock.inStockRate[cell] = rate;
  }
  return ds;
}

function selectionFor(count: number, how: Case["selection"]): Int32Array {
  const all = Array.from({ length: count }, (_, i) => i);
  if (how === "reversed") all.reverse();
  return Int32Array.from(how === "alternate" ? all.filter((i) => i % 2 === 0) : all);
}

/** Both stages on the same input, each with its own list of progress ticks. */
function run(
  ds: Dataset,
  sel: Int32Array,
  w: WindowParameters,
  rule: RoundingRule,
  a?: Partial<AttributionParameters>,
): { now: CustomerMetrics; before: CustomerMetrics; ticks: [number[][], number[][]] } {
  const r = makeRounder(rule);
  const ticks: [number[][], number[][]] = [[], []];
  const now = computeMetrics(ds, sel, w, r, (d, t) => ticks[0].push([d, t]), a);
  const before = computeMetricsPhasedBefore(ds, sel, w, r, (d, t) => ticks[1].push([d, t]), a);
  return { now, before, ticks };
}

describe("the metrics stage in passes equals the single-function stage, bit for bit", () => {
  it("on generated datasets, windows, roundings and attribution parameters", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const ds = datasetFor(c);
        const sel = selectionFor(ds.customers.count, c.selection);
        const { now, before, ticks } = run(ds, sel, c.windows, c.rule, c.attribution);
        expect(mismatches(now, before)).toEqual([]);
        expect(ticks[0]).toEqual(ticks[1]);
      }),
      { numRuns: 400 },
    );
  });

  it("over several blocks of customers, with the same progress ticks and the same abort", () => {
    // 5,000 customers (three blocks of 2,048, the last one short) from a fixed generator: many
    // share a total (ties in the value percentile), some start late, some never bought.
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const customers = Array.from({ length: 5000 }, (_, i) => {
      const weeks = i % 7 === 0 ? Math.floor(next() * 30) : 30;
      const level = [0, 10, 25, 40][i % 4];
      return {
        id: `B${i}`,
        spend: Array.from({ length: weeks }, () =>
          next() < 0.3 ? 0 : i % 3 === 0 ? level : Math.round(next() * 8000) / 100,
        ),
        store: i % 3,
      };
    });
    const ds = makeDataset(customers, [[2, 3, 4], [], [10, 11, 12, 13, 29]]);
    const sel = Int32Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000);
    const w: WindowParameters = {
      baselineWeeks: 8,
      baselineAnchor: "trailing",
      currentWeeks: 4,
      structuralWeeks: 12,
    };
    for (const rule of ["numpy-2dp", "python-2dp", "cents"] as const) {
      const { now, before, ticks } = run(ds, sel, w, rule);
      expect(mismatches(now, before)).toEqual([]);
      expect(ticks[0]).toEqual(ticks[1]);
      // Independently of the reference: a tick before each 2,048 customers and one at the end.
      expect(ticks[0]).toEqual([
        [0, 5000],
        [2048, 5000],
        [4096, 5000],
        [5000, 5000],
      ]);
    }
    // A tick that throws at its second call aborts both after the same number of ticks.
    const calls = [0, 0];
    const abortAt = (which: 0 | 1) => (): void => {
      if (++calls[which] === 2) throw new Error("cancelled");
    };
    const r = makeRounder("cents");
    expect(() => computeMetrics(ds, sel, w, r, abortAt(0))).toThrow("cancelled");
    expect(() => computeMetricsPhasedBefore(ds, sel, w, r, abortAt(1))).toThrow("cancelled");
    expect(calls).toEqual([2, 2]);
  });

  it.each(["seed-tier2", "seed-v2", "default"])(
    "on the seed data with %s's parameters",
    async (pack) => {
      const ds = await seedDataset();
      const params = resolveParameters(rawPack(pack));
      const all = Int32Array.from({ length: ds.customers.count }, (_, i) => i);
      const { now, before } = run(ds, all, params.windows, params.rounding, params.attribution);
      expect(mismatches(now, before)).toEqual([]);
      // Independently: the value percentile is the share of customers with a total at most this
      // one's, counted directly.
      const totals = now.numeric.totalRevenue;
      for (let k = 0; k < now.count; k += 17) {
        let atMost = 0;
        for (let j = 0; j < now.count; j++) if (totals[j] <= totals[k]) atMost++;
        expect(now.numeric.valuePercentile[k]).toBe((atMost / now.count) * 100);
      }
    },
  );
});

describe("the spike cap's deviations merged from the sorted weeks equal their sort", () => {
  it("on any weeks: ties, empty weeks, refunds, infinities, more than 64 purchase weeks", () => {
    const week = fc.oneof(
      fc.constantFrom(0, -0, -5, 10, 10.5, 20, 1e-9, Infinity, -Infinity, Number.NaN),
      fc.double({ min: -100, max: 1e6, noNaN: true }),
      fc.integer({ min: 1, max: 40 }),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.array(week, { maxLength: 16 }), fc.array(week, { maxLength: 90 })),
        fc.constantFrom(0, 1, 3, 2.5),
        fc.constantFrom(0, 0.05, 0.5),
        fc.constantFrom(0, 3, 6),
        (values, k, floorCv, minWeeks) => {
          const a = Float64Array.from(values);
          const b = Float64Array.from(values);
          const now = spikeCap(a, a.length, k, floorCv, minWeeks);
          const before = spikeCapPhasedBefore(b, b.length, k, floorCv, minWeeks);
          expect(now).toBe(before);
          expect(a).toEqual(Float64Array.from(values));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("hand-worked: median 20, deviations 10, 0, 0, 10, 80 -> MAD 10", () => {
    // Purchases 10, 20, 20, 30, 100 (and an empty week): cap = 20 + 3 x 1.4826 x 10.
    expect(spikeCap([10, 0, 20, 100, 20, 30], 6, 3, 0, 3)).toBe(20 + 3 * (1.4826 * 10));
  });
});

describe("the robust facts and the purchase rhythm, computed when read (lazy-facts.ts)", () => {
  it("records made before any column is read equal the stage before's, and compute only their customers", () => {
    const caseOfMany = caseArb.chain((c) =>
      fc
        .record({
          customers: fc.array(customerArb, { minLength: 33, maxLength: 140 }),
          picks: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        })
        .map((more) => ({ ...c, customers: more.customers, picks: more.picks })),
    );
    fc.assert(
      fc.property(caseOfMany, (c) => {
        const ds = datasetFor(c);
        const sel = selectionFor(ds.customers.count, c.selection);
        const r = makeRounder(c.rule);
        const now = computeMetrics(ds, sel, c.windows, r, undefined, c.attribution);
        const before = computeMetricsPhasedBefore(ds, sel, c.windows, r, undefined, c.attribution);
        const lazy = lazyFactsOf(now);
        if (lazy === undefined) throw new Error("no deferred facts");
        expect(lazy.pending()).toBe(now.count);
        const make = factsRecordMaker(now, []);
        const picked = c.picks.map((p) => p % now.count);
        const records = picked.map((k) => make(k));
        // Only the customers asked for were computed.
        expect(lazy.pending()).toBe(now.count - new Set(picked).size);
        picked.forEach((k, i) => {
          const want = customerFactsRecord(before, k);
          const got = records[i];
          expect(Object.keys(got)).toEqual(Object.keys(want));
          for (const key of Object.keys(want))
            if (!Object.is(got[key], want[key]))
              throw new Error(`customer ${k} ${key}: ${String(got[key])} vs ${String(want[key])}`);
        });
        // Reading a column computes the rest: every value then equals the stage before's.
        expect(mismatches(now, before)).toEqual([]);
        expect(lazy.pending()).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it("the stage leaves every customer to compute; reading a column computes them all (seed data)", async () => {
    const ds = await seedDataset();
    const params = resolveParameters(rawPack("seed-tier2"));
    const sel = Int32Array.from({ length: ds.customers.count }, (_, i) => i);
    const now = computeMetrics(ds, sel, params.windows, makeRounder(params.rounding));
    const lazy = lazyFactsOf(now);
    expect(lazy?.pending()).toBe(ds.customers.count);
    // A column read (a rule on a deferred fact, RGO Customers) computes every customer.
    expect(now.numeric.stockoutExplainedShare.length).toBe(ds.customers.count);
    expect(lazy?.pending()).toBe(0);
  });

  it("a seed-tier2 run without its book computes the deferred facts of the explained customers only", async () => {
    // The built-in sample at 4,000 customers: the summary explains a few dozen rows.
    const sample = generateSample({ customers: 4000, weeks: 26, seed: 5 });
    const stage = jest.spyOn(metricsStage, "computeMetrics");
    const out = await runAnalysis(
      { source: "sample", tables: sample.tables },
      builtinPack("seed-tier2"),
      { runAt: RUN_AT },
    );
    const m = stage.mock.results[0]?.value as CustomerMetrics;
    stage.mockRestore();
    const pending = lazyFactsOf(m)?.pending() ?? -1;
    // seed-tier2's rules and gap methods read no deferred fact: only the records of the rows the
    // summary explains computed theirs (a few dozen customers of 4,000).
    expect(pending).toBeGreaterThan(m.count - 200);
    expect(pending).toBeLessThan(m.count);
    expect(out.summary.topGaps.length).toBeGreaterThan(0);
    // The book's RGO Customers reads every column: then all are computed.
    expect(out.book.sheets.some((s) => s.name === "RGO Customers")).toBe(true);
    expect(lazyFactsOf(m)?.pending()).toBe(0);
  });
});
