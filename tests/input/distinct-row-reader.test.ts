/**
 * The customers and stock readers read their repeating columns once per distinct cell
 * (cell-readers.ts RowReader `distinct` keys, issue 14). Differential check on random faulty
 * tables: the column-wise tables (CSV reader, distinct cells) against plain copies of their rows
 * (read cell by cell, the reference path) give the same Dataset and the same issues, each at its
 * sheet, row and column, or the same error.
 */
import fc from "fast-check";
import { buildDataset } from "../../src/engine/input/build-dataset";
import type { RawTable } from "../../src/engine/input/raw-table";
import { csvTextToTable } from "../../src/workbook/csv-folder-reader";
import { outcome } from "../support/reads-as-rows";

/** A valid little sales table naming customers C1..C3 at stores S1, S2 over three weeks. */
const SALES = [
  "customer_id,week_start_date,weekly_spend,store_id",
  "C1,2025-01-06,12.50,S1",
  "C1,2025-01-13,3.00,S1",
  "C2,2025-01-06,7.25,S2",
  "C2,2025-01-20,1.00,S2",
  "C3,2025-01-13,9.99,S1",
].join("\n");

/** Cells chosen to repeat, to be blank, quoted, invalid or banded. */
const customerRow = fc.record({
  id: fc.constantFrom("C1", "C2", "C3", "C4", "", '"C1"', "C2 "),
  age: fc.constantFrom("41", "41", "45-54", "65+", "", "old", '"41"', "41.0", "-3"),
  household: fc.constantFrom("2", "3", "5+", "", "many", " 2 "),
  loyalty: fc.constantFrom("TRUE", "FALSE", "Yes", "n", "", "maybe", "1", '"TRUE"'),
  region: fc.constantFrom("North", "South", "", " North", '"North"', "=1+1"),
  store: fc.constantFrom("S1", "S2", "", "7", "7.00", '"S1"', "true"),
  blank: fc.boolean(),
});

const stockRow = fc.record({
  store: fc.constantFrom("S1", "S2", "", "7", '"S1"'),
  sku: fc.constantFrom("K1", "K2"),
  week: fc.constantFrom(
    "2025-01-06",
    "2025-01-13",
    '"2025-01-13"',
    "2025-01-20",
    "2024-06-03",
    "",
    "bad",
    "W3",
  ),
  measure: fc.constantFrom("0", "5", "12", "", "x", "-1", "3.5", '"5"', "0.5"),
  blank: fc.boolean(),
});

const MEASURES = ["on_hand_units", "in_stock_flag", "stockout_days", "in_stock_rate"] as const;

function plainCopy(table: RawTable): RawTable {
  return { ...table, cells: undefined, rows: table.rows.map((r) => r.slice()) };
}

describe("customers and stock read once per distinct cell", () => {
  it("same Dataset and issues as their rows read cell by cell, on random faulty tables", () => {
    fc.assert(
      fc.property(
        fc.array(customerRow, { minLength: 1, maxLength: 30 }),
        fc.array(stockRow, { minLength: 1, maxLength: 30 }),
        fc.constantFrom(...MEASURES),
        (customers, stock, measure) => {
          const cLines = ["customer_id,age,household_size,loyalty_member,region,store_id"];
          for (const r of customers)
            cLines.push(
              r.blank
                ? ",,,,,"
                : `${r.id},${r.age},${r.household},${r.loyalty},${r.region},${r.store}`,
            );
          const sLines = [`store_id,sku,week_start,${measure}`];
          for (const r of stock)
            sLines.push(r.blank ? ",,," : `${r.store},${r.sku},${r.week},${r.measure}`);
          const columnar = [
            csvTextToTable("weekly_sales.csv", `${SALES}\n`),
            csvTextToTable("customers.csv", `${cLines.join("\n")}\n`),
            csvTextToTable("stock.csv", `${sLines.join("\n")}\n`),
          ];
          for (const t of columnar) expect(t.cells?.distinctCells).toBeDefined();
          const rows = columnar.map(plainCopy);
          const a = outcome(() => buildDataset({ source: "x", tables: columnar }));
          const b = outcome(() => buildDataset({ source: "x", tables: rows }));
          // The results hold their tables: compare them through the same rows.
          for (let k = 0; k < columnar.length; k++)
            Object.defineProperty(columnar[k], "rows", { value: rows[k].rows });
          for (const t of columnar) delete (t as { cells?: unknown }).cells;
          expect(a).toEqual(b);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("hand-worked: a repeated bad age warns on each of its rows, at its own row", () => {
    const customers = csvTextToTable(
      "customers.csv",
      "customer_id,age,region\nC1,old,North\nC2,old,North\nC3,41,North\n",
    );
    const { dataset, issues } = buildDataset({
      source: "x",
      tables: [csvTextToTable("weekly_sales.csv", `${SALES}\n`), customers],
    });
    const bad = issues.filter((i) => i.code === "bad-value");
    expect(bad.map((i) => [i.sheet, i.row, i.column])).toEqual([
      ["customers.csv", 2, "age"],
      ["customers.csv", 3, "age"],
    ]);
    const c3 = dataset.customers.ids.indexOf("C3");
    expect(dataset.customers.age[c3]).toBe(41);
  });
});
