/**
 * Hand-worked stockout-robust facts, read through the real input readers for each of the three
 * stock measures (on-hand units, stockout days, in-stock rate), which must give the same shares.
 */
import { buildDataset } from "../../src/engine/input/build-dataset";
import { computeMetrics } from "../../src/engine/metrics/compute-metrics";
import type { AttributionParameters } from "../../src/engine/parameters/pack-parameters";
import { makeRounder } from "../../src/engine/rounding/round-rule";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";

const WEEKS = ["2025-01-04", "2025-01-11", "2025-01-18", "2025-01-25", "2025-02-01", "2025-02-08"];
const SKUS = 8;
/** Store-week share of the range out: week 1 minor (1 of 8), week 2 heavy (3 of 8), week 4 heavy (4 of 8). */
const OUT_SKUS = [0, 1, 3, 0, 4, 0];

const table = (name: string, header: string[], rows: CellValue[][]): RawTable => ({
  name,
  origin: "test",
  header,
  rows,
  headerRow: 1,
  firstColumn: 1,
});

type Measure = "on_hand" | "stockout_days" | "in_stock_rate" | "partial_days";

function stockTable(measure: Measure): RawTable {
  const rows: CellValue[][] = [];
  WEEKS.forEach((week, w) => {
    for (let k = 0; k < SKUS; k++) {
      const out = k < OUT_SKUS[w];
      // partial_days: every SKU is out half of week 4 (3.5 days each = the same 0.5 share of
      // the range), which an SKU count would call 100% out.
      const days = measure === "partial_days" ? (w === 4 ? 3.5 : out ? 7 : 0) : out ? 7 : 0;
      const value =
        measure === "on_hand" ? (out ? 0 : 12) : measure === "in_stock_rate" ? 1 - days / 7 : days;
      rows.push(["S1", `SKU-${k}`, week, value]);
    }
  });
  const col =
    measure === "on_hand"
      ? "on_hand_units"
      : measure === "in_stock_rate"
        ? "in_stock_rate"
        : "stockout_days";
  return table("stock", ["store_id", "sku", "week_start", col], rows);
}

// Both customers buy in 3 comparable baseline weeks, under attribution.spikeMinWeeks (6): no
// spike clipping here (tests/quality/spike-cap.test.ts covers it).
const SPEND: Record<string, number[]> = {
  // Drop in the heavy-stockout week 4, normal in week 5.
  a: [100, 120, 80, 100, 40, 100],
  // A sharp drop (30) in in-stock week 3, then zero spend in week 4 (heavy) and week 5 (in stock).
  b: [100, 100, 100, 30, 0, 0],
};

function factsFor(measure: Measure, attribution: Partial<AttributionParameters> = {}) {
  const sales: CellValue[][] = [];
  for (const [id, spend] of Object.entries(SPEND))
    spend.forEach((v, w) => sales.push([id, WEEKS[w], v, "S1"]));
  const { dataset } = buildDataset({
    source: "test",
    tables: [
      table("weekly_sales", ["customer_id", "week_start_date", "weekly_spend", "store_id"], sales),
      stockTable(measure),
    ],
  });
  const m = computeMetrics(
    dataset,
    Int32Array.from({ length: dataset.customers.count }, (_, i) => i),
    { baselineWeeks: 4, baselineAnchor: "trailing", currentWeeks: 2, structuralWeeks: 4 },
    makeRounder("cents"),
    undefined,
    { sharpDropRatio: 0.4, ...attribution },
  );
  return (id: string) => {
    const k = dataset.customers.ids.indexOf(id);
    return {
      ...Object.fromEntries(Object.entries(m.numeric).map(([name, arr]) => [name, arr[k]])),
      storeId: m.storeId[k],
    } as Record<string, number | string>;
  };
}

describe.each<Measure>(["on_hand", "stockout_days", "in_stock_rate", "partial_days"])(
  "robust facts with the %s stock measure",
  (measure) => {
    const f = factsFor(measure);

    it("customer a: expected from in-stock baseline weeks 0, 1, 3 (week 2 is a stockout week)", () => {
      const a = f("a");
      // expected = (100 + 120 + 100) / 3; sample stdev of (100, 120, 100) = sqrt(400/3)
      expect(a.expectedAvg).toBeCloseTo(320 / 3, 10);
      expect(a.noiseSd).toBeCloseTo(Math.sqrt(400 / 3), 10);
      expect(a.baselineInStockWeeks).toBe(3);
      // current = (40 + 100) / 2 = 70; shortfall 36.667 over sd x sqrt(1/2 + 1/3)
      const sd = Math.sqrt(400 / 3);
      expect(a.shortfallZ).toBeCloseTo((320 / 3 - 70) / (sd * Math.sqrt(1 / 2 + 1 / 3)), 10);
      expect(a.declinePct).toBeCloseTo(34.375, 10);
      expect(a.revenueAtRisk).toBe(36.67);
      // Week 4 has half the range out; week 5 is in stock.
      expect(a.stockoutWeeksCurrent).toBe(1);
      expect(a.stockoutDepth).toBeCloseTo(0.5, 10);
      // Weekly shortfalls below expected: week 4 66.667, week 5 6.667 -> 66.667 / 73.333
      expect(a.stockoutExplainedShare).toBeCloseTo(10 / 11, 10);
      // (106.667 - 40) / (sd x sqrt(1 + 1/3)) = 5 exactly
      expect(a.stockoutShortfallZ).toBeCloseTo(5, 10);
      expect(a.inStockDeclinePct).toBeCloseTo(6.25, 10);
      expect(a.inStockShortfallZ).toBeCloseTo(0.5, 10);
      // 40 < 0.4 x 106.67 but week 4 is a stockout week: not a sharp drop.
      expect(a.sharpDropWeeks).toBe(0);
      expect(a.trailingZeroInStockWeeks).toBe(0);
      expect(a.storeId).toBe("S1");
    });

    it("customer b: sharp drop in an in-stock week, trailing zeros counted only while in stock", () => {
      const b = f("b");
      // in-stock baseline weeks 0, 1, 3: (100 + 100 + 30) / 3
      expect(b.expectedAvg).toBeCloseTo(230 / 3, 10);
      expect(b.sharpDropWeeks).toBe(1); // 30 < 0.4 x 76.67 in week 3
      expect(b.trailingZeroWeeks).toBe(2);
      expect(b.trailingZeroInStockWeeks).toBe(1); // week 5 only; week 4 was a stockout week
      expect(b.declinePct).toBe(100);
      expect(b.inStockDeclinePct).toBe(100);
    });
  },
);

describe("robust facts: thresholds and edge cases", () => {
  it("a higher stockoutWeekShare makes week 2 comparable and week 4 in stock", () => {
    const a = factsFor("on_hand", { stockoutWeekShare: 0.6 })("a");
    expect(a.baselineInStockWeeks).toBe(4);
    expect(a.expectedAvg).toBeCloseTo(100, 10); // (100 + 120 + 80 + 100) / 4
    expect(a.stockoutWeeksCurrent).toBe(0);
    expect(a.stockoutExplainedShare).toBe(0);
    expect(a.stockoutShortfallZ).toBe(0);
  });

  it("the noise floor bounds shortfallZ for a customer with constant spend", () => {
    const sales: CellValue[][] = [50, 50, 50, 50, 45, 45].map((v, w) => ["c", WEEKS[w], v]);
    const { dataset } = buildDataset({
      source: "t",
      tables: [table("weekly_sales", ["customer_id", "week_start_date", "weekly_spend"], sales)],
    });
    const windows = {
      baselineWeeks: 4,
      baselineAnchor: "trailing" as const,
      currentWeeks: 2,
      structuralWeeks: 4,
    };
    const m = computeMetrics(dataset, Int32Array.of(0), windows, makeRounder("cents"));
    expect(m.numeric.noiseSd[0]).toBe(0);
    // sd floor = 0.05 x 50 = 2.5; z = 5 / (2.5 x sqrt(1/2 + 1/4))
    expect(m.numeric.shortfallZ[0]).toBeCloseTo(5 / (2.5 * Math.sqrt(0.75)), 10);
    const noFloor = computeMetrics(
      dataset,
      Int32Array.of(0),
      windows,
      makeRounder("cents"),
      undefined,
      {
        noiseFloorCv: 0,
        zCap: 40,
      },
    );
    expect(noFloor.numeric.shortfallZ[0]).toBe(40);
    // No stock table: nothing is a stockout week.
    expect(m.numeric.stockoutWeeksCurrent[0]).toBe(0);
    expect(m.numeric.baselineInStockWeeks[0]).toBe(4);
  });
});
