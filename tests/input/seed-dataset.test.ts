import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";
import { readInput } from "../../src/workbook/read-input";
import type { RawWorkbook } from "../../src/engine/input/raw-table";
import { plain, SEED_DIR } from "./helpers";

let seed: RawWorkbook;
let tmp: string;

beforeAll(async () => {
  seed = await readCsvFolder(SEED_DIR);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rgo-input-seed-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Seed CSV cell -> typed Excel value: numbers as numbers, ISO dates as real dates. */
function excelValue(s: string | number | boolean | Date | null): string | number | Date | null {
  if (typeof s !== "string") return s as number | null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return new Date(s + "T00:00:00Z");
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  return s;
}

describe("seed data from the CSV folder", () => {
  test("roles are found by file name", () => {
    const { roles } = buildDataset(seed);
    expect(roles.customers?.name).toBe("retail_customers.csv");
    expect(roles.sales?.name).toBe("retail_weekly_sales.csv");
    expect(roles.stock?.name).toBe("stock_availability.csv");
    expect(roles.deals?.name).toBe("deals.csv");
    expect(roles.reps?.name).toBe("sales_reps.csv");
  });

  test("200 customers x 12 Saturday weeks, 2,400 rows, no issues", () => {
    const { dataset: d, issues } = buildDataset(seed);
    expect(issues).toEqual([]);
    expect(d.customers.count).toBe(200);
    expect(d.sales.weeks).toBe(12);
    expect(d.sales.rowCount).toBe(2400);
    expect(d.inputCounts).toEqual({ customers: 200, salesRows: 2400, stockRows: 360 });
    expect(d.calendar.labels[0]).toBe("2025-09-06");
    expect(d.calendar.labels[11]).toBe("2025-11-22");
    for (const day of d.calendar.startDays) expect(new Date(day * 86400000).getUTCDay()).toBe(6);
    expect(d.customers.ids.slice(0, 3)).toEqual(["1", "2", "3"]);
    expect(Array.from(d.sales.present).every((p) => p === 1)).toBe(true);
  });

  test("seed figures: customer 1, totals, zero weeks, high-value flags, demographics", () => {
    const { dataset: d } = buildDataset(seed);
    const W = d.sales.weeks;
    const c1 = d.customers.indexById.get("1")!;
    expect(d.sales.spendCents[c1 * W + 0]).toBe(5012);
    expect(d.sales.spendCents[c1 * W + 1]).toBe(4195);
    expect(d.sales.spendCents[c1 * W + 11]).toBe(0);
    expect(d.sales.spendCents[c1 * W + 10]).toBe(0);
    expect(d.customers.lastPurchaseWeek[c1]).toBe(9);
    expect(d.customers.firstWeek[c1]).toBe(0);
    // seed-logic 1.2: 201 zero rows; 50 high-value customers; odd ids store 101, even 102
    let zeros = 0;
    for (const v of d.sales.spendCents) if (v === 0) zeros++;
    expect(zeros).toBe(201);
    expect(Array.from(d.customers.highValueFlag).filter((v) => v === 1)).toHaveLength(50);
    for (let c = 0; c < d.customers.count; c++) {
      const id = Number(d.customers.ids[c]);
      expect(d.stores.ids[d.customers.store[c]]).toBe(id % 2 === 1 ? "101" : "102");
    }
    // seed-logic 1.1: loyalty True 145 / False 55; example rows (12, 40, 5, False), (28, 19, 1, True)
    expect(Array.from(d.customers.loyalty).filter((v) => v === 1)).toHaveLength(145);
    const c12 = d.customers.indexById.get("12")!;
    expect([
      d.customers.age[c12],
      d.customers.householdSize[c12],
      d.customers.loyalty[c12],
    ]).toEqual([40, 5, 0]);
    const c28 = d.customers.indexById.get("28")!;
    expect([
      d.customers.age[c28],
      d.customers.householdSize[c28],
      d.customers.loyalty[c28],
    ]).toEqual([19, 1, 1]);
    // seed-logic 8: portfolio week 1 $25,424.25, week 12 $13,805.10
    const weekTotal = (w: number) => {
      let s = 0;
      for (let c = 0; c < d.customers.count; c++) s += d.sales.spendCents[c * W + w];
      return s;
    };
    expect(weekTotal(0)).toBe(2542425);
    expect(weekTotal(11)).toBe(1380510);
  });

  test("stock: 12 of 24 store-weeks with a SKU out, the ones listed in seed-logic 1.3", () => {
    const { dataset: d } = buildDataset(seed);
    const W = d.sales.weeks;
    expect(d.stock.present).toBe(true);
    expect(d.stock.measure).toBe("on_hand");
    expect(d.stock.rowCount).toBe(360);
    const outWeeks = (store: string) => {
      const s = d.stores.indexById.get(store)!;
      return d.calendar.labels
        .filter((_, w) => d.stock.skusOut[s * W + w] > 0)
        .map((l) => l.slice(5));
    };
    expect(outWeeks("101")).toEqual(["09-27", "10-04", "10-11", "10-25", "11-01", "11-22"]);
    expect(outWeeks("102")).toEqual(["10-04", "10-11", "10-18", "10-25", "11-01", "11-15"]);
    let zeroRows = 0;
    for (const v of d.stock.skusOut) zeroRows += v;
    expect(zeroRows).toBe(60);
    for (const n of d.stock.skuCount) expect(n).toBe(15);
    const s101 = d.stores.indexById.get("101")!;
    expect(d.stock.inStockRate[s101 * W + 3]).toBeCloseTo(1 - 1 / 15, 12);
    expect(Number.isNaN(d.stock.stockoutDays[0])).toBe(true);
  });
});

describe("seed data from .xlsx files equals the CSV dataset", () => {
  test("three sheets with real Excel dates and numbers", async () => {
    const wb = new ExcelJS.Workbook();
    // deliberately not in the CSV order
    for (const name of [
      "stock_availability.csv",
      "retail_weekly_sales.csv",
      "retail_customers.csv",
    ]) {
      const t = seed.tables.find((x) => x.name === name)!;
      const ws = wb.addWorksheet(name.replace(".csv", ""));
      ws.addRow(t.header);
      for (const r of t.rows) ws.addRow(r.map(excelValue));
      if (!name.includes("customers"))
        ws.getColumn(name.startsWith("stock") ? 3 : 2).numFmt = "yyyy-mm-dd";
    }
    const file = path.join(tmp, "seed-sheets.xlsx");
    await wb.xlsx.writeFile(file);
    const raw = await readInput(file);
    const sales = raw.tables.find((t) => t.name === "retail_weekly_sales")!;
    expect(sales.rows[0][1]).toBeInstanceOf(Date);
    expect(sales.rows[0][2]).toBe(50.12);
    const fromXlsx = buildDataset(raw);
    const fromCsv = buildDataset(seed);
    expect(fromXlsx.issues).toEqual([]);
    expect(plain(fromXlsx.dataset)).toEqual(plain(fromCsv.dataset));
  });

  test("three Excel tables placed away from A1 (one sheet holding two tables)", async () => {
    const wb = new ExcelJS.Workbook();
    const place = (ws: ExcelJS.Worksheet, tableName: string, csv: string, ref: string) => {
      const t = seed.tables.find((x) => x.name === csv)!;
      ws.addTable({
        name: tableName,
        ref,
        headerRow: true,
        columns: t.header.map((h) => ({ name: h })),
        rows: t.rows.map((r) => r.map(excelValue)),
      });
    };
    const notes = wb.addWorksheet("Notes");
    notes.getCell("A1").value = "This workbook holds the seed data as Excel tables.";
    const data = wb.addWorksheet("Data");
    place(data, "Customers", "retail_customers.csv", "C5");
    place(data, "StockLevels", "stock_availability.csv", "J3");
    const s = wb.addWorksheet("Sheet 3");
    place(s, "WeeklySalesTbl", "retail_weekly_sales.csv", "B4");
    const file = path.join(tmp, "seed-tables.xlsx");
    await wb.xlsx.writeFile(file);
    const raw = await readInput(file);
    const names = raw.tables.map((t) => t.name).sort();
    expect(names).toEqual(["Customers", "Notes", "StockLevels", "WeeklySalesTbl"]);
    const cust = raw.tables.find((t) => t.name === "Customers")!;
    expect(cust.origin).toBe("xlsx table");
    expect([cust.headerRow, cust.firstColumn, cust.rows.length]).toEqual([5, 3, 200]);
    const built = buildDataset(raw);
    expect(built.roles.sales?.name).toBe("WeeklySalesTbl");
    expect(built.roles.stock?.name).toBe("StockLevels");
    expect(built.issues.map((i) => [i.code, i.sheet])).toEqual([["ignored-table", "Notes"]]);
    expect(plain(built.dataset)).toEqual(plain(buildDataset(seed).dataset));
  });
});
