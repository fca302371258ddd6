/**
 * The planted behaviours really show in the data. Facts are read back from the tables (spend per
 * customer-week, SKUs out per store-week) and compared with the truth table / plans.
 */
import { generateSample } from "../../src/engine/sample/generate-sample";
import { mean, median, outShareByStore, spendMatrix, tableNamed } from "./sample-index";

const WEEKS = 52;
const START = Date.UTC(2025, 0, 4);

describe.each([17, 2025])("planted scenarios (seed %i, 2,000 customers x 52 weeks)", (seed) => {
  const sample = generateSample({ customers: 2000, weeks: WEEKS, seed, stores: 8 });
  const spend = spendMatrix(tableNamed(sample.tables, "weekly_sales"), WEEKS, START);
  const outShare = outShareByStore(tableNamed(sample.tables, "stock"), WEEKS, START);
  const scenarioOf = new Map(sample.truth.rows.map((r) => [r[0] as string, r[1] as string]));
  const detailOf = new Map(sample.truth.rows.map((r) => [r[0] as string, r[2] as string]));
  const iso = (w: number): string =>
    new Date(START + w * 7 * 86_400_000).toISOString().slice(0, 10);
  const ids = (scenario: string): string[] =>
    [...scenarioOf].filter(([, s]) => s === scenario).map(([id]) => id);
  const rowOf = (id: string): number[] => spend.get(id) ?? new Array<number>(WEEKS).fill(NaN);
  /** Trailing weeks with spend 0 or no row. */
  const trailingZeros = (row: number[]): number => {
    let k = 0;
    while (k < row.length && !(row[row.length - 1 - k] > 0)) k++;
    return k;
  };

  it("plants every scenario, about 70% stable", () => {
    for (const s of [
      "demand_softness",
      "lapse",
      "stockout_dip",
      "structural_decline",
      "new",
      "growing",
    ]) {
      expect(ids(s).length).toBeGreaterThan(20);
    }
    expect(ids("stable").length / 2000).toBeGreaterThan(0.65);
    expect(ids("stable").length / 2000).toBeLessThan(0.75);
  });

  it("lapse: spend is 0 or absent for the last 3-8 weeks, positive before, and truth gives the date", () => {
    let sparse = 0;
    let zeroRows = 0;
    for (const id of ids("lapse")) {
      const row = rowOf(id);
      const k = trailingZeros(row);
      expect(k).toBeGreaterThanOrEqual(3);
      expect(k).toBeLessThanOrEqual(8);
      expect(row.slice(0, WEEKS - k).every((v) => v > 0)).toBe(true);
      const tail = row.slice(WEEKS - k);
      if (tail.every((v) => Number.isNaN(v))) sparse++;
      else if (tail.every((v) => v === 0)) zeroRows++;
      else throw new Error(`${id} mixes zero rows and missing rows`);
      expect(detailOf.get(id)).toContain(`no spend from ${iso(WEEKS - k)}`);
    }
    // Both kinds occur: some lapsed customers simply have no rows (sparse data).
    expect(sparse).toBeGreaterThan(5);
    expect(zeroRows).toBeGreaterThan(5);
  });

  it("no customer other than a lapse has a zero-spend or missing week after their first purchase", () => {
    for (const [id, row] of spend) {
      if (scenarioOf.get(id) === "lapse") continue;
      const first = row.findIndex((v) => !Number.isNaN(v));
      expect(row.slice(first).every((v) => v > 0)).toBe(true);
    }
  });

  it("new: the first row is in the last 3 weeks, with no rows before it", () => {
    for (const id of ids("new")) {
      const row = rowOf(id);
      const first = row.findIndex((v) => !Number.isNaN(v));
      expect(first).toBeGreaterThanOrEqual(WEEKS - 3);
      expect(detailOf.get(id)).toContain(`first purchase ${iso(first)}`);
    }
    // Everybody else buys from week 0.
    for (const [id, row] of spend) {
      if (scenarioOf.get(id) !== "new") expect(Number.isNaN(row[0])).toBe(false);
    }
  });

  it("stockout dips: the dip weeks are exactly the store's heavy-stockout weeks, and spend drops in them", () => {
    const ratios: number[] = [];
    for (const p of sample.planted.filter((x) => x.scenario === "stockout_dip")) {
      const share = outShare.get(p.storeId) ?? [];
      const heavy = share.flatMap((x, w) => (x >= 0.5 ? [w] : []));
      expect(p.eventWeeks).toEqual(heavy);
      expect(heavy.length === 2 || heavy.length === 3).toBe(true);
      expect(heavy.every((w) => w >= WEEKS - 4)).toBe(true);
      const row = rowOf(p.customerId);
      const before = median(row.slice(0, WEEKS - 4));
      for (const w of heavy) {
        expect(row[w]).toBeLessThan(before);
        ratios.push(row[w] / before);
      }
      for (const w of heavy) expect(detailOf.get(p.customerId)).toContain(iso(w));
    }
    // Planted drops are 40-80%: the dip weeks average well under the customer's usual spend.
    expect(mean(ratios)).toBeGreaterThan(0.2);
    expect(mean(ratios)).toBeLessThan(0.6);
  });

  it("stable customers at a store barely move in that store's heavy-stockout weeks", () => {
    const ratios: number[] = [];
    for (const p of sample.planted.filter((x) => x.scenario === "stable")) {
      const heavy = sample.heavyStockoutWeeks[p.storeId - 101];
      const row = rowOf(p.customerId);
      const before = median(row.slice(0, WEEKS - 4));
      for (const w of heavy) ratios.push(row[w] / before);
    }
    expect(ratios.length).toBeGreaterThan(100);
    expect(mean(ratios)).toBeGreaterThan(0.9);
    expect(mean(ratios)).toBeLessThan(1.15);
  });

  it("background stockouts: 1-2 SKUs out in about 20% of the other store-weeks", () => {
    let minor = 0;
    let total = 0;
    for (const [store, share] of outShare) {
      const heavy = new Set(sample.heavyStockoutWeeks[store - 101]);
      share.forEach((x, w) => {
        if (heavy.has(w)) return;
        total++;
        if (x > 0) {
          minor++;
          expect(x).toBeLessThanOrEqual(2 / 15);
        }
      });
    }
    expect(minor / total).toBeGreaterThan(0.12);
    expect(minor / total).toBeLessThan(0.28);
  });

  /** Mean of the last two weeks over the median of the weeks before `from`. */
  const endRatio = (id: string, from: number): number => {
    const row = rowOf(id);
    return mean(row.slice(WEEKS - 2)) / median(row.slice(0, from));
  };

  it("demand softness: spend ends 20-50% lower; stable customers end level", () => {
    const soft = ids("demand_softness").map((id) => endRatio(id, WEEKS - 10));
    const stable = ids("stable").map((id) => endRatio(id, WEEKS - 10));
    expect(mean(soft)).toBeGreaterThan(0.5);
    expect(mean(soft)).toBeLessThan(0.8);
    expect(mean(stable)).toBeGreaterThan(0.93);
    expect(mean(stable)).toBeLessThan(1.07);
    // Gradual: the middle of the window sits between the start and the end.
    const mid = ids("demand_softness").map((id) => {
      const row = rowOf(id);
      return mean(row.slice(WEEKS - 5, WEEKS - 3)) / median(row.slice(0, WEEKS - 10));
    });
    expect(mean(mid)).toBeGreaterThan(mean(soft));
    expect(mean(mid)).toBeLessThan(0.97);
  });

  it("growing: spend ends 20-60% higher", () => {
    const grow = ids("growing").map((id) => endRatio(id, WEEKS - 12));
    expect(mean(grow)).toBeGreaterThan(1.2);
    expect(mean(grow)).toBeLessThan(1.6);
  });

  it("structural decline: more volatile than stable customers and ending lower", () => {
    const cv = (id: string): number => {
      const row = rowOf(id).slice(WEEKS - 16);
      const m = mean(row);
      return Math.sqrt(mean(row.map((v) => (v - m) ** 2))) / m;
    };
    const structural = ids("structural_decline");
    expect(mean(structural.map(cv))).toBeGreaterThan(1.5 * mean(ids("stable").map(cv)));
    const end = structural.map((id) => {
      const row = rowOf(id);
      return mean(row.slice(WEEKS - 4)) / median(row.slice(0, WEEKS - 16));
    });
    expect(mean(end)).toBeLessThan(0.8);
    // Repeated sharp drops: at least 3 weeks in the last 16 below 40% of the usual level.
    for (const id of structural) {
      const row = rowOf(id);
      const usual = median(row.slice(0, WEEKS - 16));
      expect(row.slice(WEEKS - 16).filter((v) => v < 0.4 * usual).length).toBeGreaterThanOrEqual(3);
    }
  });
});
