import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { RgoError } from "../../src/engine/errors";
import type { Issue } from "../../src/engine/issue";
import { readInput } from "../../src/workbook/read-input";
import type { CellValue } from "../../src/engine/input/raw-table";
import { table, workbook } from "./helpers";

const CUST = ["customer_id", "age"];
const SALES = ["customer_id", "week_start_date", "weekly_spend"];
const customers = (...ids: number[]) =>
  table(
    "customers",
    CUST,
    ids.map((i) => [String(i), "40"]),
  );
/** Two customers x three Saturdays, valid. */
const goodSales = (): CellValue[][] => [
  ["1", "2025-09-06", "10.00"],
  ["1", "2025-09-13", "11.00"],
  ["1", "2025-09-20", "12.00"],
  ["2", "2025-09-06", "20.00"],
  ["2", "2025-09-13", "21.00"],
  ["2", "2025-09-20", "22.00"],
];
const only = (issues: Issue[], code: string) => issues.filter((i) => i.code === code);

function thrown(f: () => unknown): RgoError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RgoError);
    return e as RgoError;
  }
  throw new Error("expected an RgoError");
}
async function thrownAsync(p: Promise<unknown>): Promise<RgoError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RgoError);
    return e as RgoError;
  }
  throw new Error("expected an RgoError");
}

let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rgo-input-bad-"))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("malformed inputs", () => {
  test("1 missing sales sheet -> missing-table naming what was found", () => {
    const e = thrown(() =>
      buildDataset(workbook(customers(1, 2), table("notes", ["text"], [["hi"]]))),
    );
    expect([e.kind, e.code]).toEqual(["input", "missing-table"]);
    expect(e.message).toMatch(/"customers", "notes"/);
    expect(e.message).toMatch(/weekly_sales/);
  });

  test("2 missing required column -> missing-column naming sheet, columns found, synonyms", () => {
    const e = thrown(() =>
      buildDataset(
        workbook(
          table(
            "weekly_sales",
            ["customer_id", "week_start_date", "units"],
            [["1", "2025-09-06", "3"]],
          ),
        ),
      ),
    );
    expect([e.kind, e.code, e.location]).toEqual(["input", "missing-column", "weekly_sales"]);
    expect(e.message).toMatch(/no revenue column/);
    expect(e.message).toMatch(/"customer_id", "week_start_date", "units"/);
    expect(e.message).toMatch(/weekly_spend, revenue, sales, amount/);
  });

  test("3 empty workbook -> missing-table", () => {
    const e = thrown(() => buildDataset(workbook()));
    expect(e.code).toBe("missing-table");
    expect(e.message).toMatch(/has no tables/);
  });

  test("4 empty tables (header only): sales -> empty-table error; customers -> derived with warnings", () => {
    expect(thrown(() => buildDataset(workbook(table("sales", SALES, [])))).code).toBe(
      "empty-table",
    );
    const r = buildDataset(
      workbook(table("customers", CUST, []), table("sales", SALES, goodSales())),
    );
    expect(only(r.issues, "empty-table")[0]).toMatchObject({
      sheet: "customers",
      severity: "warning",
    });
    expect(r.dataset.customers.ids).toEqual(["1", "2"]);
  });

  test("5 text in numeric cells -> not-a-number at sheet/row/column, row skipped", () => {
    const rows = goodSales();
    rows[2][2] = "twelve";
    const r = buildDataset(workbook(customers(1, 2), table("sales", SALES, rows)));
    expect(only(r.issues, "not-a-number")).toEqual([
      expect.objectContaining({
        severity: "error",
        sheet: "sales",
        row: 4,
        column: "weekly_spend",
      }),
    ]);
    expect(only(r.issues, "not-a-number")[0].message).toMatch(/"twelve"; expected an amount/);
    expect(r.dataset.sales.rowCount).toBe(5);
    expect(r.rowStats.sales.skipped).toBe(1);
    expect(r.dataset.sales.present[0 * 3 + 2]).toBe(0);
  });

  test("6 blank rows are skipped silently and counted; row numbers stay sheet rows", () => {
    const rows = goodSales();
    rows.splice(2, 0, [null, "", "  "], []);
    rows[5][2] = "x"; // sheet row 7
    const r = buildDataset(workbook(customers(1, 2), table("sales", SALES, rows)));
    expect(r.rowStats.sales.blank).toBe(2);
    expect(r.issues.map((i) => [i.code, i.row])).toEqual([["not-a-number", 7]]);
  });

  test("7 duplicate rows: exact repeat skipped, different repeat summed, both warned", () => {
    const rows = goodSales();
    rows.push(["1", "2025-09-06", "10.00"]); // row 8, exact duplicate of row 2
    rows.push(["2", "2025-09-13", "1.50"]); // row 9, second amount for the same customer-week
    const r = buildDataset(workbook(customers(1, 2), table("sales", SALES, rows)));
    expect(only(r.issues, "duplicate-row")).toEqual([
      expect.objectContaining({ sheet: "sales", row: 8, severity: "warning" }),
    ]);
    expect(only(r.issues, "repeated-customer-week")).toEqual([
      expect.objectContaining({ row: 9, column: "week_start_date" }),
    ]);
    expect(r.dataset.sales.spendCents[0]).toBe(1000);
    expect(r.dataset.sales.spendCents[3 + 1]).toBe(2250);
    expect(r.dataset.sales.rowCount).toBe(7);
  });

  test("8 negative revenue is kept and warned", () => {
    const rows = goodSales();
    rows[1][2] = "(5.25)";
    const r = buildDataset(workbook(customers(1, 2), table("sales", SALES, rows)));
    expect(only(r.issues, "negative-revenue")).toEqual([
      expect.objectContaining({ severity: "warning", row: 3, column: "weekly_spend" }),
    ]);
    expect(r.dataset.sales.spendCents[1]).toBe(-525);
  });

  test("9 mixed week formats: dates win, week numbers skipped per row; ISO weeks reconcile", () => {
    const rows = goodSales();
    rows[5][1] = "3"; // a week number among dates, sheet row 7
    const r = buildDataset(workbook(customers(1, 2), table("sales", SALES, rows)));
    expect(only(r.issues, "mixed-week-format")).toEqual([
      expect.objectContaining({
        severity: "error",
        sheet: "sales",
        row: 7,
        column: "week_start_date",
      }),
    ]);
    // ISO weeks and Monday dates land on the same Monday calendar
    const isoRows: CellValue[][] = [
      ["1", "2025-W37", "1"],
      ["1", "2025-09-15", "2"],
      ["1", 45922, "3"], // Excel serial of 2025-09-22
    ];
    const d = buildDataset(workbook(table("sales", SALES, isoRows))).dataset;
    expect(d.calendar.labels).toEqual(["2025-09-08", "2025-09-15", "2025-09-22"]);
  });

  test("10 sales for a customer missing from the customers table: one warning per customer, added", () => {
    const rows = goodSales();
    rows.push(["7", "2025-09-06", "1"], ["7", "2025-09-13", "1"]);
    const r = buildDataset(workbook(customers(1, 2), table("sales", SALES, rows)));
    expect(only(r.issues, "unknown-customer")).toEqual([
      expect.objectContaining({ row: 8, column: "customer_id" }),
    ]);
    expect(r.dataset.customers.ids).toEqual(["1", "2", "7"]);
    expect(Number.isNaN(r.dataset.customers.age[2])).toBe(true);
  });

  test("11 a 32,767-character cell is reported shortened and skipped", () => {
    const rows = goodSales();
    rows[0][2] = "9".repeat(10) + "x".repeat(32757);
    const r = buildDataset(workbook(customers(1, 2), table("sales", SALES, rows)));
    const issue = only(r.issues, "not-a-number")[0];
    expect(issue).toMatchObject({ row: 2, column: "weekly_spend" });
    expect(issue.message.length).toBeLessThan(200);
  });

  test("12 duplicate headers: warning, first column wins", () => {
    const r = buildDataset(
      workbook(
        table(
          "sales",
          ["customer_id", "week_start_date", "weekly_spend", "Weekly Spend"],
          goodSales().map((x) => [...x, "999"]),
        ),
      ),
    );
    expect(only(r.issues, "duplicate-header")).toEqual([
      expect.objectContaining({
        severity: "warning",
        sheet: "sales",
        row: 1,
        column: "Weekly Spend",
      }),
    ]);
    expect(r.dataset.sales.spendCents[0]).toBe(1000);
  });

  test("13 corrupt .xlsx (random bytes, and a text file named .xlsx) -> corrupt-file", async () => {
    const rnd = path.join(tmp, "random.xlsx");
    fs.writeFileSync(
      rnd,
      Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 256)),
    );
    const txt = path.join(tmp, "text.xlsx");
    fs.writeFileSync(txt, "customer_id,week,revenue\n1,2025-09-06,3\n");
    for (const f of [rnd, txt]) {
      const e = await thrownAsync(readInput(f));
      expect([e.kind, e.code]).toEqual(["input", "corrupt-file"]);
      expect(e.message).toMatch(/not a readable \.xlsx/);
    }
    // a zip that is not a workbook
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("x").getCell("A1").value = 1;
    const good = path.join(tmp, "truncated.xlsx");
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    fs.writeFileSync(good, buf.subarray(0, Math.floor(buf.length / 2)));
    expect((await thrownAsync(readInput(good))).code).toBe("corrupt-file");
  });

  test("14 unsupported file type and missing path", async () => {
    const f = path.join(tmp, "data.xls");
    fs.writeFileSync(f, "x");
    const e = await thrownAsync(readInput(f));
    expect([e.kind, e.code]).toEqual(["input", "unsupported-type"]);
    expect(e.message).toMatch(/\.xlsx/);
    expect((await thrownAsync(readInput(path.join(tmp, "nope")))).code).toBe("missing-input");
  });

  test("15 bad dates (2025-02-30, ambiguous 9/6/2025) -> bad-date with the reason", () => {
    const rows = goodSales();
    rows[0][1] = "2025-02-30";
    rows[3][1] = "9/6/2025";
    const r = buildDataset(workbook(customers(1, 2), table("sales", SALES, rows)));
    const bad = only(r.issues, "bad-date");
    expect(bad.map((i) => [i.row, i.column])).toEqual([
      [2, "week_start_date"],
      [5, "week_start_date"],
    ]);
    expect(bad[0].message).toMatch(/"2025-02-30" is not a real calendar date/);
    expect(bad[1].message).toMatch(/ambiguous/);
    expect(r.dataset.calendar.labels).toEqual(["2025-09-13", "2025-09-20"]);
  });

  test("16 blank required cell -> missing-value, row skipped", () => {
    const rows = goodSales();
    rows[4][0] = " ";
    const r = buildDataset(workbook(customers(1, 2), table("sales", SALES, rows)));
    expect(only(r.issues, "missing-value")).toEqual([
      expect.objectContaining({ row: 6, column: "customer_id" }),
    ]);
  });

  test("17 issue cap: 1,000 bad rows -> 200 listed + one summary with the count", () => {
    const rows = goodSales();
    for (let i = 0; i < 1000; i++) rows.push(["1", "2025-09-06", "n/a"]);
    const r = buildDataset(workbook(customers(1, 2), table("sales", SALES, rows)));
    const list = only(r.issues, "not-a-number");
    expect(list).toHaveLength(201);
    expect(list[200]).toMatchObject({
      row: null,
      message: expect.stringMatching(/800 more .* 1000 in total/),
    });
  });

  test("18 a hole in the weeks is filled and warned", () => {
    const rows = goodSales().filter((r) => r[1] !== "2025-09-13");
    const r = buildDataset(workbook(customers(1, 2), table("sales", SALES, rows)));
    expect(r.dataset.calendar.labels).toEqual(["2025-09-06", "2025-09-13", "2025-09-20"]);
    expect(only(r.issues, "missing-week")[0].message).toMatch(/2025-09-13/);
  });

  test("19 stock: missing measure column, rows outside the calendar", () => {
    const stockHeader = ["store_id", "week_start", "sku"];
    const e = thrown(() =>
      buildDataset(
        workbook(
          table("sales", SALES, goodSales()),
          table("stock", stockHeader, [["101", "2025-09-06", "A"]]),
        ),
      ),
    );
    expect(e.code).toBe("missing-column");
    expect(e.message).toMatch(/no stock measure column/);
    const r = buildDataset(
      workbook(
        table(
          "sales",
          [...SALES, "store_id"],
          goodSales().map((x) => [...x, "101"]),
        ),
        table(
          "stock",
          ["store_id", "week_start", "on_hand_units"],
          [
            ["101", "2025-09-06", "0"],
            ["101", "2025-12-06", "5"],
          ],
        ),
      ),
    );
    expect(only(r.issues, "stock-outside-calendar")[0]).toMatchObject({
      severity: "info",
      message: expect.stringMatching(/^1 stock rows/),
    });
    expect(Array.from(r.dataset.stock.skusOut)).toEqual([1, 0, 0]);
  });
});

describe("structure variants", () => {
  test("roles by header in any order, synonyms and odd header spelling", () => {
    const r = buildDataset(
      workbook(
        table("Sheet2", ["Store", "Week Of", "SKU", "In-Stock"], [["S1", "2025-W37", "a", "No"]]),
        table(
          "Sheet1",
          ["Household_Key", "Period", "Net Sales", "location"],
          [
            ["12.0", "2025-W37", "$1,000.10", "S1"],
            [12, "2025-W38", "5", "S1"],
          ],
        ),
        table("Sheet3", ["CustomerID", "Region", "Loyalty"], [["12", "North", "Y"]]),
      ),
    );
    expect(r.roles.sales?.name).toBe("Sheet1");
    expect(r.roles.customers?.name).toBe("Sheet3");
    expect(r.roles.stock?.name).toBe("Sheet2");
    const d = r.dataset;
    expect(d.customers.ids).toEqual(["12"]);
    expect(d.customers.segment).toEqual(["North"]);
    expect(d.calendar.labels).toEqual(["2025-W37", "2025-W38"]);
    expect(Array.from(d.sales.spendCents)).toEqual([100010, 500]);
    expect(d.stock.measure).toBe("in_stock_flag");
    expect(Array.from(d.stock.skusOut)).toEqual([1, 0]);
  });

  test("daily transaction log: several rows per customer-week are summed into ISO weeks", () => {
    const r = buildDataset(
      workbook(
        table(
          "transactions",
          ["customer_id", "date", "dollar_value"],
          [
            ["00001", "1997-01-01", "11.77"], // Wednesday
            ["00001", "1997-01-03", "0.23"],
            ["00002", "1997-01-12", "12.00"], // Sunday -> week of Monday 1997-01-06
          ],
        ),
      ),
    );
    expect(only(r.issues, "customers-derived")).toHaveLength(1);
    expect(r.dataset.calendar.labels).toEqual(["1996-12-30", "1997-01-06"]);
    expect(Array.from(r.dataset.sales.spendCents)).toEqual([1200, 0, 0, 1200]);
    expect(Array.from(r.dataset.customers.firstWeek)).toEqual([0, 1]);
  });

  test("week numbers make a 'Week N' calendar", () => {
    const d = buildDataset(
      workbook(
        table(
          "sales",
          ["customer", "week", "revenue"],
          [
            ["1", 2, "1"],
            ["1", "4", "2"],
          ],
        ),
      ),
    ).dataset;
    expect(d.calendar.labels).toEqual(["Week 2", "Week 3", "Week 4"]);
    expect(Array.from(d.sales.present)).toEqual([1, 0, 1]);
    expect(d.customers.lastPurchaseWeek[0]).toBe(2);
  });

  test("by header, the table with most of a role's columns wins (campaigns vs demographics)", () => {
    const r = buildDataset(
      workbook(
        table("campaigns", ["household_id", "campaign_id"], [["1", "9"]]),
        table("hh", ["household_id", "age", "household_size"], [["1", "45", "2"]]),
        table("tx", ["household_id", "week", "sales_value"], [["1", "1", "2.5"]]),
      ),
    );
    expect(r.roles.customers?.name).toBe("hh");
    expect(r.issues.map((i) => [i.code, i.sheet])).toEqual([["ignored-table", "campaigns"]]);
  });

  test("override picks a table by name", () => {
    const a = table("A", SALES, goodSales());
    const b = table("B", SALES, goodSales().slice(0, 3));
    expect(
      buildDataset(workbook(a, b), { tableForRole: { sales: "b" } }).dataset.customers.count,
    ).toBe(1);
    expect(thrown(() => buildDataset(workbook(a), { tableForRole: { sales: "zzz" } })).code).toBe(
      "missing-table",
    );
  });
});
