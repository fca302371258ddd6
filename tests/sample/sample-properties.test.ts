import fc from "fast-check";
import { generateSample, type SampleOptions } from "../../src/engine/sample/generate-sample";
import { DAY_MS, outShareByStore, tableNamed, weekIndex } from "./sample-index";

const smallOptions: fc.Arbitrary<SampleOptions> = fc.record(
  {
    customers: fc.integer({ min: 0, max: 40 }),
    weeks: fc.integer({ min: 1, max: 30 }),
    seed: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    stores: fc.integer({ min: 1, max: 5 }),
    skusPerStore: fc.integer({ min: 1, max: 8 }),
    startDate: fc
      .integer({ min: 0, max: 600 })
      .map((k) => new Date(Date.UTC(2023, 0, 7) + k * 7 * DAY_MS).toISOString().slice(0, 10)),
  },
  { requiredKeys: ["customers", "weeks", "seed"] },
);

function startMs(o: SampleOptions): number {
  return Date.parse(`${o.startDate ?? "2025-01-04"}T00:00:00Z`);
}

describe("generateSample properties (fast-check)", () => {
  it("spend is a non-negative amount in whole cents, on a known customer's own store", () => {
    fc.assert(
      fc.property(smallOptions, (o) => {
        const s = generateSample(o);
        const customers = tableNamed(s.tables, "customers");
        const storeOf = new Map(customers.rows.map((r) => [r[0], r[5]]));
        const bad: unknown[][] = [];
        for (const row of tableNamed(s.tables, "weekly_sales").rows) {
          const [id, week, spend, store] = row;
          const v = spend as number;
          const w = weekIndex(week, startMs(o));
          const ok =
            typeof spend === "number" &&
            Number.isFinite(v) &&
            v >= 0 &&
            !Object.is(v, -0) &&
            // At most two decimals, as text and as a value.
            /^\d+(\.\d{1,2})?$/.test(String(v)) &&
            Math.round(v * 100) / 100 === v &&
            storeOf.has(id) &&
            store === storeOf.get(id) &&
            w >= 0 &&
            w < o.weeks;
          if (!ok) bad.push(row);
        }
        expect(bad).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it("weeks are consecutive Saturdays and each customer-week appears at most once", () => {
    fc.assert(
      fc.property(smallOptions, (o) => {
        const s = generateSample(o);
        const seen = new Set<string>();
        let bad = 0;
        for (const [id, week] of tableNamed(s.tables, "weekly_sales").rows) {
          const d = week as Date;
          const key = `${String(id)}|${d.getTime()}`;
          if (d.getUTCDay() !== 6 || d.getTime() % DAY_MS !== 0 || seen.has(key)) bad++;
          seen.add(key);
        }
        expect(bad).toBe(0);
        const stockWeeks = [
          ...new Set(tableNamed(s.tables, "stock").rows.map((r) => (r[2] as Date).getTime())),
        ].sort((a, b) => a - b);
        expect(stockWeeks).toEqual(
          Array.from({ length: o.weeks }, (_, i) => startMs(o) + i * 7 * DAY_MS),
        );
      }),
      { numRuns: 80 },
    );
  });

  it("stock has one row per store x SKU x week with whole, non-negative units", () => {
    fc.assert(
      fc.property(smallOptions, (o) => {
        const s = generateSample(o);
        const stock = tableNamed(s.tables, "stock");
        const stores = o.stores ?? Math.max(2, Math.floor(o.customers / 500));
        const skus = o.skusPerStore ?? 15;
        expect(stock.rows).toHaveLength(stores * skus * o.weeks);
        const keys = new Set(
          stock.rows.map((r) => `${String(r[0])}|${String(r[1])}|${(r[2] as Date).getTime()}`),
        );
        expect(keys.size).toBe(stock.rows.length);
        const bad = stock.rows.filter(
          ([, , , onHand, onOrder, demand]) =>
            ![onHand, onOrder, demand].every((v) => Number.isInteger(v) && (v as number) >= 0) ||
            (demand as number) < 1,
        );
        expect(bad).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it("heavy stockouts (half or more SKUs out) happen exactly in the planted weeks", () => {
    fc.assert(
      fc.property(smallOptions, (o) => {
        const s = generateSample(o);
        const shares = outShareByStore(tableNamed(s.tables, "stock"), o.weeks, startMs(o));
        s.heavyStockoutWeeks.forEach((planted, i) => {
          const share = shares.get(101 + i) ?? [];
          const heavy = share.flatMap((x, w) => (x >= 0.5 ? [w] : []));
          expect(heavy).toEqual(planted);
        });
        for (const p of s.planted) {
          if (p.scenario !== "stockout_dip") continue;
          const share = shares.get(p.storeId) ?? [];
          expect(p.eventWeeks.length).toBeGreaterThanOrEqual(2);
          for (const w of p.eventWeeks) expect(share[w]).toBeGreaterThanOrEqual(0.5);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("truth names every customer exactly once with a known scenario", () => {
    const known = [
      "stable",
      "demand_softness",
      "lapse",
      "stockout_dip",
      "structural_decline",
      "new",
      "growing",
    ];
    fc.assert(
      fc.property(smallOptions, (o) => {
        const s = generateSample(o);
        const ids = tableNamed(s.tables, "customers").rows.map((r) => r[0]);
        expect(s.truth.rows.map((r) => r[0])).toEqual(ids);
        for (const [, scenario, detail] of s.truth.rows) {
          expect(known).toContain(scenario);
          expect(typeof detail).toBe("string");
          expect((detail as string).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 50 },
    );
  });
});
