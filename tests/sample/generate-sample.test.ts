import { RgoError } from "../../src/engine/errors";
import { customerIdOf, generateSample, REGIONS } from "../../src/engine/sample/generate-sample";
import { DAY_MS, spendMatrix, tableNamed } from "./sample-index";

const START = Date.UTC(2025, 0, 4);

/** Serialises tables exactly (Dates as ISO text, numbers as written). */
function serialise(tables: unknown): string {
  return JSON.stringify(tables);
}

describe("generateSample: determinism", () => {
  it("gives identical tables for the same options", () => {
    const a = generateSample({ customers: 300, weeks: 30, seed: 123 });
    const b = generateSample({ customers: 300, weeks: 30, seed: 123 });
    expect(serialise([...a.tables, a.truth])).toBe(serialise([...b.tables, b.truth]));
  });

  it("gives different tables for a different seed", () => {
    const a = generateSample({ customers: 300, weeks: 30, seed: 123 });
    const b = generateSample({ customers: 300, weeks: 30, seed: 124 });
    const sa = tableNamed(a.tables, "weekly_sales");
    const sb = tableNamed(b.tables, "weekly_sales");
    expect(serialise(sa.rows)).not.toBe(serialise(sb.rows));
    expect(serialise(tableNamed(a.tables, "stock").rows)).not.toBe(
      serialise(tableNamed(b.tables, "stock").rows),
    );
  });

  it("does not depend on Math.random or the clock", () => {
    const realRandom = Math.random;
    const realNow = Date.now;
    const first = serialise(generateSample({ customers: 50, weeks: 12, seed: 9 }).tables);
    try {
      Math.random = () => 0.5;
      Date.now = () => 0;
      expect(serialise(generateSample({ customers: 50, weeks: 12, seed: 9 }).tables)).toBe(first);
    } finally {
      Math.random = realRandom;
      Date.now = realNow;
    }
  });

  it("keeps a customer's data when more customers are generated", () => {
    const small = generateSample({ customers: 10, weeks: 20, seed: 5, stores: 3 });
    const big = generateSample({ customers: 40, weeks: 20, seed: 5, stores: 3 });
    const s = tableNamed(small.tables, "weekly_sales").rows;
    const b = tableNamed(big.tables, "weekly_sales").rows.slice(0, s.length);
    expect(serialise(b)).toBe(serialise(s));
  });
});

describe("generateSample: shape", () => {
  const weeks = 52;
  const sample = generateSample({ customers: 1000, weeks, seed: 2024 });
  const customers = tableNamed(sample.tables, "customers");
  const sales = tableNamed(sample.tables, "weekly_sales");
  const stock = tableNamed(sample.tables, "stock");

  it("names the tables and columns as documented", () => {
    expect(sample.tables.map((t) => t.name)).toEqual(["customers", "weekly_sales", "stock"]);
    expect(customers.header).toEqual([
      "customer_id",
      "age",
      "household_size",
      "loyalty_member",
      "region",
      "store_id",
    ]);
    expect(sales.header).toEqual(["customer_id", "week_start_date", "weekly_spend", "store_id"]);
    expect(stock.header).toEqual([
      "store_id",
      "sku",
      "week_start",
      "on_hand_units",
      "on_order_units",
      "avg_weekly_demand",
    ]);
    expect(sample.truth.name).toBe("truth");
    expect(sample.truth.header).toEqual([
      "customer_id",
      "scenario",
      "detail",
      "expected_root_cause",
      "is_gap",
    ]);
    for (const t of [...sample.tables, sample.truth]) {
      expect(t.headerRow).toBe(1);
      expect(t.firstColumn).toBe(1);
      expect(t.rows.filter((r) => r.length !== t.header.length)).toEqual([]);
    }
  });

  it("writes customers C00001... with plausible demographics", () => {
    expect(customers.rows).toHaveLength(1000);
    expect(customers.rows[0][0]).toBe("C00001");
    expect(customers.rows[999][0]).toBe("C01000");
    expect(customerIdOf(123_456)).toBe("C123457");
    const stores = new Set<number>();
    for (const [, age, hh, loyal, region, store] of customers.rows) {
      expect(Number.isInteger(age) && (age as number) >= 18 && (age as number) <= 85).toBe(true);
      expect(Number.isInteger(hh) && (hh as number) >= 1 && (hh as number) <= 6).toBe(true);
      expect(typeof loyal).toBe("boolean");
      expect(REGIONS).toContain(region);
      stores.add(store as number);
    }
    // Default store count: max(2, 1000 / 500) = 2, ids 101 and 102.
    expect([...stores].sort()).toEqual([101, 102]);
    const loyalShare = customers.rows.filter((r) => r[3] === true).length / 1000;
    expect(loyalShare).toBeGreaterThan(0.5);
    expect(loyalShare).toBeLessThan(0.75);
  });

  it("has one row per customer-week except the planted sparse omissions", () => {
    let expected = 0;
    for (const p of sample.planted) {
      if (p.scenario === "lapse" && p.sparse) expected += p.startWeek;
      else expected += weeks - p.firstWeek;
    }
    expect(sales.rows.length).toBe(expected);
    const omitted = 1000 * weeks - sales.rows.length;
    expect(omitted).toBeGreaterThan(0);
    // Sparse lapses omit at most 8 weeks each; new customers at most weeks - 3.
    expect(omitted).toBeLessThan(1000 * weeks * 0.1);
  });

  it("uses consecutive Saturdays at UTC midnight from the default start 2025-01-04", () => {
    const days = new Set<number>();
    for (const r of sales.rows) days.add((r[1] as Date).getTime());
    const sorted = [...days].sort((a, b) => a - b);
    expect(sorted).toHaveLength(weeks);
    expect(new Date(sorted[0]).toISOString()).toBe("2025-01-04T00:00:00.000Z");
    for (let i = 0; i < sorted.length; i++) {
      expect(sorted[i]).toBe(START + i * 7 * DAY_MS);
      expect(new Date(sorted[i]).getUTCDay()).toBe(6);
    }
    const stockDays = new Set(stock.rows.map((r) => (r[2] as Date).getTime()));
    expect([...stockDays].sort((a, b) => a - b)).toEqual(sorted);
  });

  it("honours startDate, stores and skusPerStore", () => {
    const s = generateSample({
      customers: 30,
      weeks: 6,
      seed: 1,
      startDate: "2025-09-06",
      stores: 3,
      skusPerStore: 4,
    });
    const st = tableNamed(s.tables, "stock");
    expect(st.rows).toHaveLength(3 * 4 * 6);
    expect(new Set(st.rows.map((r) => r[0]))).toEqual(new Set([101, 102, 103]));
    expect(new Set(st.rows.map((r) => r[1]))).toEqual(
      new Set(["SKU-001", "SKU-002", "SKU-003", "SKU-004"]),
    );
    const first = tableNamed(s.tables, "weekly_sales").rows[0][1] as Date;
    expect(first.toISOString().slice(0, 10)).toBe("2025-09-06");
  });

  it("writes a stock row per store x SKU x week (default 15 SKUs)", () => {
    expect(stock.rows).toHaveLength(2 * 15 * weeks);
    expect(stock.rows[0].slice(0, 2)).toEqual([101, "SKU-001"]);
  });

  it("sells each customer at their own store", () => {
    const storeOf = new Map(customers.rows.map((r) => [r[0], r[5]]));
    expect(sales.rows.filter((r) => r[3] !== storeOf.get(r[0]))).toEqual([]);
  });

  it("gives a base spend with median near $80 and a long tail", () => {
    const m = spendMatrix(sales, weeks, START);
    const firstWeeks: number[] = [];
    for (const row of m.values()) if (Number.isFinite(row[0])) firstWeeks.push(row[0]);
    firstWeeks.sort((a, b) => a - b);
    const med = firstWeeks[firstWeeks.length >> 1];
    expect(med).toBeGreaterThan(65);
    expect(med).toBeLessThan(100);
    expect(firstWeeks[firstWeeks.length - 1]).toBeGreaterThan(250);
    expect(firstWeeks[0]).toBeGreaterThan(0);
  });

  it("lists every customer once in truth, in customer order", () => {
    expect(sample.truth.rows.map((r) => r[0])).toEqual(customers.rows.map((r) => r[0]));
    const share = sample.truth.rows.filter((r) => r[1] === "stable").length / 1000;
    expect(share).toBeGreaterThan(0.64);
    expect(share).toBeLessThan(0.76);
    for (const name of [
      "demand_softness",
      "lapse",
      "stockout_dip",
      "structural_decline",
      "new",
      "growing",
    ]) {
      expect(sample.truth.rows.some((r) => r[1] === name)).toBe(true);
    }
  });

  it("falls back to stable (or new) when there are too few weeks for a scenario", () => {
    const s = generateSample({ customers: 400, weeks: 5, seed: 3 });
    const names = new Set(s.truth.rows.map((r) => r[1]));
    expect([...names].sort()).toEqual(["new", "stable"]);
    expect(s.heavyStockoutWeeks.every((w) => w.length === 0)).toBe(true);
    const one = generateSample({ customers: 20, weeks: 1, seed: 3 });
    expect(tableNamed(one.tables, "weekly_sales").rows).toHaveLength(20);
  });

  it("handles zero customers", () => {
    const s = generateSample({ customers: 0, weeks: 4, seed: 1 });
    expect(tableNamed(s.tables, "customers").rows).toHaveLength(0);
    expect(tableNamed(s.tables, "weekly_sales").rows).toHaveLength(0);
    expect(s.truth.rows).toHaveLength(0);
  });
});

describe("generateSample: options", () => {
  it.each([
    [{ customers: -1, weeks: 4, seed: 1 }],
    [{ customers: 1.5, weeks: 4, seed: 1 }],
    [{ customers: 10, weeks: 0, seed: 1 }],
    [{ customers: 10, weeks: 4, seed: Number.NaN }],
    [{ customers: 10, weeks: 4, seed: 1, stores: 0 }],
    [{ customers: 10, weeks: 4, seed: 1, skusPerStore: 0 }],
    [{ customers: 10, weeks: 4, seed: 1, startDate: "2025-01-05" }],
    [{ customers: 10, weeks: 4, seed: 1, startDate: "2025-02-30" }],
    [{ customers: 10, weeks: 4, seed: 1, startDate: "4 Jan 2025" }],
  ])("rejects %j with an input RgoError", (options) => {
    let error: unknown;
    try {
      generateSample(options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RgoError);
    expect((error as RgoError).kind).toBe("input");
    expect((error as RgoError).code).toBe("bad-sample-options");
  });
});

describe("generateSample: scale", () => {
  it("generates 20,000 customers x 52 weeks (speed is measured by npm run bench)", () => {
    const s = generateSample({ customers: 20_000, weeks: 52, seed: 1 });
    const sales = tableNamed(s.tables, "weekly_sales");
    // About 3% new customers and 3% sparse lapses omit rows: close to, but under, 1,040,000.
    expect(sales.rows.length).toBeLessThan(1_040_000);
    expect(sales.rows.length).toBeGreaterThan(980_000);
    expect(tableNamed(s.tables, "stock").rows).toHaveLength(40 * 15 * 52);
  });
});

describe("dense option", () => {
  test("writes every customer-week with the same spend values as the sparse form", () => {
    const opts = { customers: 300, weeks: 20, seed: 11 };
    const sparse = generateSample(opts).tables[1].rows;
    const dense = generateSample({ ...opts, dense: true }).tables[1].rows;
    expect(dense.length).toBe(300 * 20);
    expect(sparse.length).toBeLessThan(dense.length);
    const key = (r: unknown[]): string => `${String(r[0])}|${(r[1] as Date).toISOString()}`;
    const denseByKey = new Map(dense.map((r) => [key(r), r[2]]));
    for (const r of sparse) expect(denseByKey.get(key(r))).toBe(r[2]);
    const sparseKeys = new Set(sparse.map(key));
    for (const r of dense) if (!sparseKeys.has(key(r))) expect(r[2]).toBe(0);
  });
});
