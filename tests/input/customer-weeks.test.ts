/**
 * Each customer's first week (the first with a row) and last purchase week (the last with a row
 * and spend above zero), which buildDataset finds by scanning from each end of the customer's
 * weeks: checked against a plain walk over every week of the Dataset's own matrix, on random
 * sales tables (gaps, zero and negative weeks, customers with no row, a customers table), and on
 * a hand-worked table.
 */
import fc from "fast-check";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { csvTextToTable } from "../../src/workbook/csv-folder-reader";

const WEEKS = ["2025-01-06", "2025-01-13", "2025-01-20", "2025-01-27", "2025-02-03"];

const salesCase = fc.record({
  rows: fc.array(
    fc.record({
      customer: fc.integer({ min: 1, max: 4 }),
      week: fc.integer({ min: 0, max: WEEKS.length - 1 }),
      spend: fc.constantFrom("0", "0.00", "12.50", "-3", "7"),
    }),
    { minLength: 1, maxLength: 20 },
  ),
  listed: fc.integer({ min: 0, max: 6 }),
});

function read(rows: string[], customers?: string[]) {
  const tables = [csvTextToTable("weekly_sales.csv", `${rows.join("\n")}\n`)];
  if (customers !== undefined)
    tables.push(csvTextToTable("customers.csv", `${customers.join("\n")}\n`));
  return buildDataset({ source: "x", tables }).dataset;
}

describe("customers' first and last purchase weeks", () => {
  it("equal a walk over every week of the matrix", () => {
    fc.assert(
      fc.property(salesCase, ({ rows, listed }) => {
        const d = read(
          [
            "customer_id,week_start_date,weekly_spend",
            ...rows.map((r) => `C${r.customer},${WEEKS[r.week]},${r.spend}`),
          ],
          listed > 0
            ? ["customer_id", ...Array.from({ length: listed }, (_, k) => `C${k + 1}`)]
            : undefined,
        );
        const W = d.sales.weeks;
        for (let c = 0; c < d.customers.count; c++) {
          let first = -1;
          let last = -1;
          for (let w = 0; w < W; w++) {
            if (d.sales.present[c * W + w] !== 1) continue;
            if (first < 0) first = w;
            if (d.sales.spendCents[c * W + w] > 0) last = w;
          }
          expect([d.customers.firstWeek[c], d.customers.lastPurchaseWeek[c]]).toEqual([
            first,
            last,
          ]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("hand-worked: a zero last week, a customer with only a zero week, a customer with no row", () => {
    const d = read(
      [
        "customer_id,week_start_date,weekly_spend",
        "C1,2025-01-13,5.00",
        "C1,2025-01-27,0",
        "C2,2025-01-06,0.00",
        "C1,2025-01-06,0",
      ],
      ["customer_id", "C1", "C2", "C3"],
    );
    // C1: rows in weeks 0, 1, 3, spend only in week 1; C2: week 0, nothing spent; C3: no row.
    expect(Array.from(d.customers.firstWeek)).toEqual([0, 0, -1]);
    expect(Array.from(d.customers.lastPurchaseWeek)).toEqual([1, -1, -1]);
  });
});
