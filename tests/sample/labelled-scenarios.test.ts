/**
 * The labelled sample for quality measurement: truth columns, background minor stockouts from 0
 * to 60%, the three stock measures (read back through the real input readers), and the scenario
 * definitions documented in docs/QUALITY.md (materiality of planted gaps by construction).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { RgoError } from "../../src/engine/errors";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { storeWeekOutShare } from "../../src/engine/metrics/stock-out-share";
import { generateSample, type SampleOptions } from "../../src/engine/sample/generate-sample";
import { mean, median, outShareByStore, spendMatrix, tableNamed } from "./sample-index";

const WEEKS = 26;
const START = Date.UTC(2025, 0, 4);
const CAUSE: Record<string, string> = {
  stable: "none",
  new: "none",
  growing: "none",
  demand_softness: "demand_softness",
  lapse: "behavioral_churn",
  stockout_dip: "operational_stockout",
  structural_decline: "structural_decline",
};

describe("truth columns", () => {
  const s = generateSample({ customers: 1500, weeks: WEEKS, seed: 8 });
  it("give the expected root cause and is_gap for every scenario", () => {
    expect(s.truth.header).toEqual([
      "customer_id",
      "scenario",
      "detail",
      "expected_root_cause",
      "is_gap",
    ]);
    for (const [id, scenario, , cause, isGap] of s.truth.rows) {
      expect([id, cause]).toEqual([id, CAUSE[scenario as string]]);
      expect([id, isGap]).toEqual([id, cause !== "none"]);
    }
    const gaps = s.truth.rows.filter((r) => r[4] === true).length / 1500;
    expect(gaps).toBeGreaterThan(0.17);
    expect(gaps).toBeLessThan(0.29);
  });
});

describe("background minor stockouts", () => {
  /** Share of non-heavy store-weeks with any SKU out, and the largest such share of the range. */
  function minorShare(opts: Partial<SampleOptions>): { share: number; max: number } {
    const s = generateSample({ customers: 2000, weeks: WEEKS, seed: 4, stores: 10, ...opts });
    const out = outShareByStore(tableNamed(s.tables, "stock"), WEEKS, START);
    let minor = 0;
    let total = 0;
    let max = 0;
    for (const [store, shares] of out) {
      const heavy = new Set(s.heavyStockoutWeeks[store - 101]);
      shares.forEach((x, w) => {
        if (heavy.has(w)) return;
        total++;
        if (x > 0) minor++;
        max = Math.max(max, x);
      });
    }
    return { share: minor / total, max };
  }

  it.each([0, 0.2, 0.4, 0.6])("hit about %d of the other store-weeks, 1-2 SKUs each", (level) => {
    const { share, max } = minorShare({ backgroundStockouts: level });
    expect(Math.abs(share - level)).toBeLessThan(0.06);
    expect(max).toBeLessThanOrEqual(2 / 15);
  });

  it("do not change customers, sales or the planted heavy stockouts", () => {
    const a = generateSample({ customers: 300, weeks: WEEKS, seed: 5, backgroundStockouts: 0 });
    const b = generateSample({ customers: 300, weeks: WEEKS, seed: 5, backgroundStockouts: 0.6 });
    expect(JSON.stringify(b.tables.slice(0, 2))).toBe(JSON.stringify(a.tables.slice(0, 2)));
    expect(b.heavyStockoutWeeks).toEqual(a.heavyStockoutWeeks);
    expect(JSON.stringify(b.truth)).toBe(JSON.stringify(a.truth));
  });

  it.each([[-0.1], [0.61], [Number.NaN]])("rejects backgroundStockouts %d", (v) => {
    expect(() =>
      generateSample({ customers: 5, weeks: 5, seed: 1, backgroundStockouts: v }),
    ).toThrow(RgoError);
  });

  it("rejects an unknown stock measure", () => {
    expect(() =>
      generateSample({
        customers: 5,
        weeks: 5,
        seed: 1,
        stockMeasure: "units" as SampleOptions["stockMeasure"],
      }),
    ).toThrow(/stockMeasure/);
  });
});

describe.each(["on_hand", "stockout_days", "in_stock_rate"] as const)(
  "stock measure %s",
  (measure) => {
    const s = generateSample({
      customers: 1000,
      weeks: WEEKS,
      seed: 6,
      stores: 4,
      stockMeasure: measure,
      backgroundStockouts: 0.5,
    });
    const stock = tableNamed(s.tables, "stock");

    it("writes the documented columns and value ranges", () => {
      const last = stock.header[3];
      expect(last).toBe(measure === "on_hand" ? "on_hand_units" : measure);
      expect(stock.rows).toHaveLength(4 * 15 * WEEKS);
      for (const r of stock.rows) {
        const v = r[3] as number;
        if (measure === "stockout_days") expect(Number.isInteger(v) && v >= 0 && v <= 7).toBe(true);
        if (measure === "in_stock_rate") expect(v >= 0 && v <= 1).toBe(true);
      }
    });

    it("is read by the input readers, and the share of range out separates heavy from minor weeks", () => {
      const { dataset, issues } = buildDataset({ source: "sample", tables: s.tables });
      expect(issues.filter((i) => i.severity === "error")).toEqual([]);
      expect(dataset.stock.measure).toBe(measure);
      const share = storeWeekOutShare(dataset.stock, dataset.stores.ids.length, WEEKS);
      dataset.stores.ids.forEach((id, si) => {
        const heavy = new Set(s.heavyStockoutWeeks[Number(id) - 101]);
        for (let w = 0; w < WEEKS; w++) {
          const x = share[si * WEEKS + w];
          if (heavy.has(w)) expect(x).toBeGreaterThanOrEqual(0.5 * (5 / 7));
          else expect(x).toBeLessThanOrEqual(2 / 15 + 1e-9);
        }
      });
    });
  },
);

describe("scenario definitions (2,000 customers x 26 weeks)", () => {
  const s = generateSample({ customers: 2000, weeks: WEEKS, seed: 31, dense: true });
  const spend = spendMatrix(tableNamed(s.tables, "weekly_sales"), WEEKS, START);
  const row = (id: string): number[] => spend.get(id) ?? [];
  const plans = (name: string) => s.planted.filter((p) => p.scenario === name);

  it("stable customers have realistic noise (CV 8-20% after seasonality) and no zero weeks", () => {
    const cvs = plans("stable").map((p) => {
      const r = row(p.customerId);
      const m = mean(r);
      return Math.sqrt(mean(r.map((v) => (v - m) ** 2))) / m;
    });
    expect(median(cvs)).toBeGreaterThan(0.08);
    expect(median(cvs)).toBeLessThan(0.2);
    for (const p of plans("stable")) expect(row(p.customerId).every((v) => v > 0)).toBe(true);
  });

  it("demand softness starts 5-9 weeks before the end and holds 30-55% down", () => {
    for (const p of plans("demand_softness")) {
      expect(WEEKS - p.startWeek).toBeGreaterThanOrEqual(5);
      expect(WEEKS - p.startWeek).toBeLessThanOrEqual(9);
      expect(p.magnitude).toBeGreaterThanOrEqual(0.3);
      expect(p.magnitude).toBeLessThanOrEqual(0.55);
      expect(p.rampWeeks).toBeGreaterThanOrEqual(2);
      expect(p.rampWeeks).toBeLessThanOrEqual(4);
    }
    const ratios = plans("demand_softness").map(
      (p) => mean(row(p.customerId).slice(WEEKS - 2)) / median(row(p.customerId).slice(0, 12)),
    );
    expect(mean(ratios)).toBeGreaterThan(0.5);
    expect(mean(ratios)).toBeLessThan(0.7);
  });

  it("a lapse has at least two zero weeks while its store is in stock", () => {
    expect(plans("lapse").length).toBeGreaterThan(50);
    for (const p of plans("lapse")) {
      const heavy = new Set(s.heavyStockoutWeeks[p.storeId - 101]);
      let inStock = 0;
      for (let w = p.startWeek; w < WEEKS; w++) {
        expect(row(p.customerId)[w]).toBe(0); // dense: zero rows
        if (!heavy.has(w)) inStock++;
      }
      expect(inStock).toBeGreaterThanOrEqual(2);
    }
  });

  it("stockout dips drop spend 45-85% in 2-3 of the last 4 weeks", () => {
    for (const p of plans("stockout_dip")) {
      expect(p.eventWeeks.length === 2 || p.eventWeeks.length === 3).toBe(true);
      expect(p.eventWeeks.every((w) => w >= WEEKS - 4)).toBe(true);
      for (const f of p.eventFactors) expect(f >= 0.45 && f <= 0.85).toBe(true);
    }
  });

  it("structural declines have 3-5 sharp drops in the last 8-12 weeks", () => {
    for (const p of plans("structural_decline")) {
      expect(p.eventWeeks.length).toBeGreaterThanOrEqual(3);
      expect(p.eventWeeks.length).toBeLessThanOrEqual(5);
      expect(p.eventWeeks[0]).toBeGreaterThanOrEqual(WEEKS - 12);
      expect(p.magnitude).toBeGreaterThan(0.2);
    }
  });
});

describe("rgo sample flags", () => {
  const quiet = { out: () => undefined, err: () => undefined };

  it("writes truth.csv with the labels and honours --background-stockouts / --stock-measure / --dense", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "rgo-sample-")), "out");
    const code = await main(
      [
        "sample",
        "--customers",
        "40",
        "--weeks",
        "12",
        "--background-stockouts",
        "0.4",
        "--stock-measure",
        "stockout_days",
        "--dense",
        "--out",
        dir,
      ],
      quiet,
    );
    expect(code).toBe(0);
    const truth = readFileSync(join(dir, "truth.csv"), "utf8").split(/\r?\n/);
    expect(truth[0]).toBe("customer_id,scenario,detail,expected_root_cause,is_gap");
    const stock = readFileSync(join(dir, "stock.csv"), "utf8").split(/\r?\n/);
    expect(stock[0]).toBe("store_id,sku,week_start,stockout_days");
    const sales = readFileSync(join(dir, "weekly_sales.csv"), "utf8").trim().split(/\r?\n/);
    // Dense: exactly customers x weeks rows (0 where the sparse form has none).
    expect(sales).toHaveLength(1 + 40 * 12);
  });

  it.each([
    [["--background-stockouts", "0.7"]],
    [["--background-stockouts", "abc"]],
    [["--stock-measure", "units"]],
  ])("rejects %j with exit code 2", async (flags) => {
    let err = "";
    const code = await main(["sample", ...flags, "--out", join(tmpdir(), "never")], {
      out: () => undefined,
      err: (t) => {
        err += t;
      },
    });
    expect(code).toBe(2);
    expect(err).toMatch(/background-stockouts|stock-measure/);
  });
});
