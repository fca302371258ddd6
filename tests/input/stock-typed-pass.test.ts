/**
 * The stock reader's typed run (stock-typed-pass.ts) against the row path it shortcuts. On random
 * faulty stock tables (stores, weeks and measures good, blank, quoted, invalid; weeks outside the
 * calendar or of the other family; total lines; blank rows; each measure column, with and
 * without stockout-days and in-stock-rate columns beside it), read column-wise (the CSV scan's
 * distinct cells, the typed run) and as plain rows (the row path, the reference): the same
 * Dataset, the same issues in the same order, the same counts, or the same error. Hand-worked:
 * stock per store-week computed from the rows by hand.
 */
import fc from "fast-check";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { csvBothWays } from "../support/reads-as-rows";

/** Sales over four weeks at stores S1 and S2 (the calendar the stock rows fall on or off). */
const SALES = [
  "customer_id,week_start_date,weekly_spend,store_id",
  "C1,2025-01-06,12.50,S1",
  "C1,2025-01-13,3.00,S1",
  "C2,2025-01-20,7.25,S2",
  "C2,2025-01-27,1.00,S2",
].join("\n");

const MEASURES = ["on_hand_units", "in_stock_flag", "stockout_days", "in_stock_rate"] as const;
const VALUES = ["0", "5", "12", "", "x", "-1", "3.5", '"5"', "0.5", "TRUE", "no", "1", "80%"];

const stockRow = fc.record({
  store: fc.constantFrom("S1", "S2", "S3", "", "7", '"S1"', " S2"),
  sku: fc.constantFrom("K1", "K2", "Total"),
  week: fc.constantFrom(
    "2025-01-06",
    "2025-01-13",
    '"2025-01-13"',
    "2025-01-20",
    "2025-01-27",
    "2024-06-03",
    "2026-01-05",
    "",
    "bad",
    "3",
    "2025-W03",
  ),
  measure: fc.constantFrom(...VALUES),
  days: fc.constantFrom("0", "2", "", "x"),
  rate: fc.constantFrom("1", "0.5", "", "y", "95%"),
  blank: fc.nat(9),
});

describe("stock typed run: the rows needing no report, from distinct cells", () => {
  it("same Dataset, issues and counts as the row path, on random faulty stock tables", () => {
    fc.assert(
      fc.property(
        fc.array(stockRow, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...MEASURES),
        fc.boolean(),
        fc.boolean(),
        fc.nat(3),
        (stock, measure, withDays, withRate, cycles) => {
          const header = ["store_id", "sku", "week_start", measure];
          if (withDays && measure !== "stockout_days") header.push("stockout_days");
          if (withRate && measure !== "in_stock_rate") header.push("in_stock_rate");
          const lines = [header.join(",")];
          // Repeated cycles so the run meets the same distinct cells again.
          for (let t = 0; t <= cycles; t++)
            for (const r of stock) {
              if (r.blank === 0) {
                lines.push(header.map(() => "").join(","));
                continue;
              }
              const cells = [r.store, r.sku, r.week, r.measure];
              if (header.includes("stockout_days") && measure !== "stockout_days")
                cells.push(r.days);
              if (header.includes("in_stock_rate") && measure !== "in_stock_rate")
                cells.push(r.rate);
              lines.push(cells.join(","));
            }
          const { a, b } = csvBothWays({
            "weekly_sales.csv": `${SALES}\n`,
            "stock.csv": `${lines.join("\n")}\n`,
          });
          expect(a).toEqual(b);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("hand-worked: units on hand per store-week, a bad row reported, one outside the calendar", () => {
    const stock = [
      "store_id,sku,week_start,on_hand_units",
      "S1,K1,2025-01-06,5",
      "S1,K2,2025-01-06,0",
      "S2,K1,2025-01-13,x",
      "S2,K1,2025-01-20,3",
      "S1,K1,2024-06-03,4",
      ",,,",
    ].join("\n");
    const { a, b } = csvBothWays({ "weekly_sales.csv": `${SALES}\n`, "stock.csv": `${stock}\n` });
    expect(a).toEqual(b);
    if (!a.ok) throw new Error(a.error);
    const { dataset, issues, rowStats } = a.value as ReturnType<typeof buildDataset>;
    const weeks = dataset.sales.weeks;
    expect(weeks).toBe(4);
    const s1 = dataset.stores.ids.indexOf("S1");
    const s2 = dataset.stores.ids.indexOf("S2");
    // S1 week 0: two SKUs, one out (0 on hand); S2 week 2: one SKU, in stock.
    expect(dataset.stock.skuCount[s1 * weeks + 0]).toBe(2);
    expect(dataset.stock.skusOut[s1 * weeks + 0]).toBe(1);
    expect(dataset.stock.skuCount[s2 * weeks + 2]).toBe(1);
    expect(dataset.stock.skusOut[s2 * weeks + 2]).toBe(0);
    expect(dataset.stock.rowCount).toBe(3);
    expect(rowStats.stock).toMatchObject({ accepted: 3, blank: 1, skipped: 1 });
    const bad = issues.filter((i) => i.sheet === "stock.csv" && i.severity !== "info");
    expect(bad.map((i) => [i.row, i.column])).toEqual([[4, "on_hand_units"]]);
    expect(issues.some((i) => i.code === "stock-outside-calendar")).toBe(true);
  });
});
