/**
 * The metrics stage rewritten for speed (issue 14, fifth round: one small function per customer,
 * the store's out shares in a typed scratch, the robust facts and rhythm written into reused
 * records) against the stage it replaced, kept verbatim in reference/metrics-before.ts: every
 * column, bit for bit (Object.is, so -0 and NaN count), on random datasets with late starters,
 * empty customers, refunds, rows without a store, partial stock shares of every measure, both
 * baseline anchors, every rounding rule and random attribution parameters; and on the seed data
 * with each built-in pack's parameters.
 */
import fc from "fast-check";
import type { Dataset } from "../../src/engine/input/dataset";
import { computeMetrics } from "../../src/engine/metrics/compute-metrics";
import { NUMERIC_METRICS, type CustomerMetrics } from "../../src/engine/metrics/customer-metrics";
import { purchaseRhythm } from "../../src/engine/metrics/purchase-rhythm";
import { robustFacts } from "../../src/engine/metrics/robust-facts";
import type {
  AttributionParameters,
  WindowParameters,
} from "../../src/engine/parameters/pack-parameters";
import { makeRounder, type RoundingRule } from "../../src/engine/rounding/round-rule";
import { resolveParameters } from "../../src/engine/stages/resolve-parameters";
import { makeDataset } from "./make-dataset";
import {
  computeMetricsBefore,
  purchaseRhythmBefore,
  robustFactsBefore,
} from "./reference/metrics-before";
import { rawPack, seedDataset } from "./seed-helpers";

/** Every column of `a` and `b`, element by element with Object.is; the first difference. */
function firstDifference(a: CustomerMetrics, b: CustomerMetrics): string | null {
  if (a.count !== b.count) return `count ${a.count} vs ${b.count}`;
  const columns: [string, ArrayLike<unknown>, ArrayLike<unknown>][] = [
    ...NUMERIC_METRICS.map((m): [string, Float64Array, Float64Array] => [
      m,
      a.numeric[m],
      b.numeric[m],
    ]),
    ["baselineRaw", a.baselineRaw, b.baselineRaw],
    ["currentRaw", a.currentRaw, b.currentRaw],
    ["expectedRaw", a.expectedRaw, b.expectedRaw],
    ["isHighValue", a.isHighValue, b.isHighValue],
    ["loyaltyMember", a.loyaltyMember, b.loyaltyMember],
    ["region", a.region, b.region],
    ["storeId", a.storeId, b.storeId],
  ];
  for (const [name, x, y] of columns) {
    if (x.length !== y.length) return `${name}: length ${x.length} vs ${y.length}`;
    for (let k = 0; k < x.length; k++)
      if (!Object.is(x[k], y[k])) return `${name}[${k}]: ${String(x[k])} vs ${String(y[k])}`;
  }
  return null;
}

const MEASURES = ["on_hand", "in_stock_flag", "stockout_days", "in_stock_rate"] as const;

const customerArb = fc.record({
  // Dollars with cents; refunds and empty weeks are common.
  spend: fc.array(
    fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 50_000 }).map((c) => c / 100),
      fc.integer({ min: -5_000, max: -1 }).map((c) => c / 100),
      fc.integer({ min: 1, max: 100 }),
    ),
    { maxLength: 20 },
  ),
  highValue: fc.boolean(),
  store: fc.integer({ min: -1, max: 2 }),
  loyalty: fc.integer({ min: -1, max: 1 }),
  segment: fc.option(fc.constantFrom("North", "South", ""), { nil: null }),
});

const caseArb = fc.record({
  customers: fc.array(customerArb, { minLength: 1, maxLength: 12 }),
  stores: fc.integer({ min: 0, max: 3 }),
  measure: fc.constantFrom(...MEASURES),
  // Per store-week: SKUs, SKUs out, stockout days, in-stock rate (cycled over the grid).
  stockCells: fc.array(
    fc.record({
      skus: fc.integer({ min: 0, max: 4 }),
      out: fc.integer({ min: 0, max: 4 }),
      days: fc.oneof(fc.constant(Number.NaN), fc.integer({ min: 0, max: 28 })),
      rate: fc.oneof(fc.constant(Number.NaN), fc.double({ min: 0, max: 1, noNaN: true })),
    }),
    { minLength: 1, maxLength: 30 },
  ),
  // Per sales row: its store, or none (-1: the customer's home store is used).
  rowStores: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 1, maxLength: 17 }),
  windows: fc.record({
    baselineWeeks: fc.integer({ min: 1, max: 12 }),
    baselineAnchor: fc.constantFrom("first" as const, "trailing" as const),
    currentWeeks: fc.integer({ min: 1, max: 8 }),
    structuralWeeks: fc.integer({ min: 1, max: 16 }),
  }),
  rule: fc.constantFrom<RoundingRule>("numpy-2dp", "python-2dp", "cents"),
  attribution: fc.record({
    stockoutWeekShare: fc.constantFrom(0, 0.25, 0.5, 1),
    sharpDropRatio: fc.constantFrom(0, 0.35, 1),
    noiseFloorCv: fc.constantFrom(0, 0.05, 0.5),
    zCap: fc.constantFrom(3, 99),
    spikeClipK: fc.constantFrom(0, 1, 3),
    spikeMinWeeks: fc.constantFrom(0, 3, 6),
  }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function datasetOf(c: Case): Dataset {
  const ds = makeDataset(
    c.customers.map((x, i) => ({
      id: `C${i}`,
      spend: x.spend,
      highValue: x.highValue,
      ...(x.store >= 0 && x.store < c.stores ? { store: x.store } : {}),
    })),
    Array.from({ length: c.stores }, () => []),
  );
  const W = ds.sales.weeks;
  ds.customers.loyalty = Int8Array.from(c.customers, (x) => x.loyalty);
  ds.customers.segment = c.customers.map((x) => x.segment);
  // Rows with a store of their own (or none), where the customer has a row.
  for (let cell = 0; cell < ds.sales.store.length; cell++) {
    if (ds.sales.present[cell] !== 1) continue;
    const s = c.rowStores[cell % c.rowStores.length];
    ds.sales.store[cell] = s < c.stores ? s : -1;
  }
  const cells = c.stores * W;
  ds.stock.measure = c.measure;
  for (let cell = 0; cell < cells; cell++) {
    const x = c.stockCells[cell % c.stockCells.length];
    ds.stock.skuCount[cell] = x.skus;
    ds.stock.skusOut[cell] = Math.min(x.out, x.skus);
    ds.stock.stockoutDays[cell] = x.days;
    ds.stock.inStockRate[cell] = x.rate;
  }
  return ds;
}

function both(
  ds: Dataset,
  sel: Int32Array,
  w: WindowParameters,
  rule: RoundingRule,
  a: Partial<AttributionParameters> | undefined,
): [CustomerMetrics, CustomerMetrics] {
  const r = makeRounder(rule);
  return [
    computeMetrics(ds, sel, w, r, undefined, a),
    computeMetricsBefore(ds, sel, w, r, undefined, a),
  ];
}

describe("the metrics stage equals the stage it replaced, bit for bit", () => {
  it("on random datasets, windows, roundings and attribution parameters", () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), (c, reversed) => {
        const ds = datasetOf(c);
        const sel = Int32Array.from({ length: ds.customers.count }, (_, i) =>
          reversed ? ds.customers.count - 1 - i : i,
        );
        const [now, before] = both(ds, sel, c.windows, c.rule, c.attribution);
        expect(firstDifference(now, before)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it.each(["seed-tier2", "seed-v2", "default"])(
    "on the seed data with %s's parameters (every customer, then one)",
    async (pack) => {
      const ds = await seedDataset();
      const params = resolveParameters(rawPack(pack));
      const all = Int32Array.from({ length: ds.customers.count }, (_, i) => i);
      const [now, before] = both(ds, all, params.windows, params.rounding, params.attribution);
      expect(firstDifference(now, before)).toBeNull();
      // Independently of the reference: a customer's total is the rounded sum of its row cents.
      const W = ds.sales.weeks;
      let cents = 0;
      for (let w = 0; w < W; w++) cents += ds.sales.spendCents[w];
      expect(Math.abs(now.numeric.totalRevenue[0] - cents / 100)).toBeLessThan(0.006);
      const one = Int32Array.of(ds.customers.count - 1);
      const [a, b] = both(ds, one, params.windows, params.rounding, params.attribution);
      expect(firstDifference(a, b)).toBeNull();
      expect(a.numeric.valuePercentile[0]).toBe(100);
    },
  );
});

describe("robustFacts and purchaseRhythm keep their answers as wrappers of the typed passes", () => {
  it("equal the replaced functions on random series, shares and windows (past the series too)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -500, max: 50_000 }), { maxLength: 24 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 24 }),
        fc.nat(30),
        fc.nat(30),
        fc.nat(30),
        fc.nat(30),
        fc.nat(30),
        fc.nat(30),
        fc.constantFrom(0, 0.25, 0.6),
        (cents, share, ...rest) => {
          const [p, q, u, v, x, y, T] = rest;
          const spend = Float64Array.from(cents);
          const n = cents.length;
          const outShare = (i: number): number => share[i % share.length];
          const w = {
            baseline: [Math.min(p, q), Math.max(p, q)] as const,
            current: [Math.min(u, v), Math.max(u, v)] as const,
            structural: [Math.min(x, y), Math.max(x, y)] as const,
          };
          const a = {
            stockoutWeekShare: T,
            sharpDropRatio: 0.35,
            noiseFloorCv: 0.05,
            zCap: 99,
            spikeClipK: 3,
            spikeMinWeeks: 3,
          };
          // The replaced code read weeks past the series as NaN (Float64Array out of range).
          const series = { spendCents: spend, offset: 0, outShare, n };
          const now = robustFacts(series, w, a);
          const before = robustFactsBefore(series, w, a);
          for (const key of Object.keys(before) as (keyof typeof before)[])
            expect([key, now[key]]).toEqual([key, before[key]]);
          expect(Object.keys(now)).toEqual(Object.keys(before));
          const bw: [number, number] = [Math.min(p, q, n), Math.min(Math.max(p, q), n)];
          expect(purchaseRhythm(spend, 0, n, bw, x)).toEqual(
            purchaseRhythmBefore(spend, 0, n, bw, x),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
