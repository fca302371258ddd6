/**
 * CLI parity with the pane: `--rules results.xlsx` reruns the pack stored in a results workbook's
 * RGO Rules sheet (hash checked), and `--map role.field=Header` chooses a column by hand.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parseColumnMaps } from "../../src/cli/column-map-arg";
import { SEED_DIR, runCli, tempDir } from "./run-cli";

interface Summary {
  rulePack: { name: string; version: string; hash: string };
  summary: { gapCount: number };
  input: { customers: number; weeks: number };
}
const readJson = (f: string) => JSON.parse(readFileSync(f, "utf8")) as Summary;

describe("--rules results.xlsx", () => {
  let dir: string;
  let book: string;
  let first: string;

  beforeAll(async () => {
    dir = tempDir("rules-xlsx");
    book = join(dir, "r.xlsx");
    first = join(dir, "r.json");
    const run = await runCli([
      "analyze",
      SEED_DIR,
      "--rules",
      "seed-v2",
      "--out",
      book,
      "--json",
      first,
      "--quiet",
    ]);
    expect(run.code).toBe(0);
  });

  test("reproduces the run that wrote the workbook (same pack, same JSON)", async () => {
    const again = join(dir, "again.json");
    const run = await runCli(["analyze", SEED_DIR, "--rules", book, "--json", again, "--quiet"]);
    expect(run.code).toBe(0);
    expect(readJson(again).rulePack.name).toBe("seed-v2");
    expect(readFileSync(again, "utf8")).toBe(readFileSync(first, "utf8"));
  });

  test("the workbook re-saved by another program (exceljs drops the tables' header flag) still reproduces the run", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const resaved = join(dir, "resaved.xlsx");
    await wb.xlsx.writeFile(resaved);
    const again = join(dir, "resaved.json");
    const run = await runCli(["analyze", SEED_DIR, "--rules", resaved, "--json", again, "--quiet"]);
    expect([run.code, run.err]).toEqual([0, ""]);
    expect(readFileSync(again, "utf8")).toBe(readFileSync(first, "utf8"));
  });

  test("a pack edited in the sheet is refused: its hash no longer matches", async () => {
    // Copy the RGO Rules rows into a plain sheet of a new workbook, one number changed.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const rows: string[][] = [];
    wb.getWorksheet("RGO Rules")?.eachRow((row) => {
      rows.push([1, 2, 3, 4, 5].map((c) => row.getCell(c).text));
    });
    expect(rows[0]).toEqual(["Part", "Name", "Version", "Hash", "Pack JSON"]);
    expect(rows[1][4]).toMatch(/"version": ?"/);
    const copy = new ExcelJS.Workbook();
    const ws = copy.addWorksheet("RGO Rules");
    for (const r of rows) ws.addRow(r);
    const plainCopy = join(dir, "copy.xlsx");
    await copy.xlsx.writeFile(plainCopy);
    // unchanged, the copy reproduces the pack (the hash matches)
    const same = await runCli(["analyze", SEED_DIR, "--rules", plainCopy, "--quiet"]);
    expect([same.code, same.err]).toEqual([0, ""]);
    ws.getCell(2, 5).value = rows[1][4].replace(/"version": ?"[^"]*"/, '"version": "9.9.9"');
    const edited = join(dir, "edited.xlsx");
    await copy.xlsx.writeFile(edited);
    const run = await runCli(["analyze", SEED_DIR, "--rules", edited, "--quiet"]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/edited\.xlsx \(RGO Rules\) has hash sha256:.*but the sheet records/);
  });

  test("a workbook without an RGO Rules sheet is refused, saying what --rules takes", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Data").addRow(["a", "b"]);
    const plain = join(dir, "plain.xlsx");
    await wb.xlsx.writeFile(plain);
    const run = await runCli(["analyze", SEED_DIR, "--rules", plain, "--quiet"]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/plain\.xlsx has no "RGO Rules" sheet/);
  });
});

describe("--map role.field=Header", () => {
  let dir: string;
  // Two customers, two Saturdays. "Takings" matches no revenue synonym; "value" does.
  // Takings: 1 -> 10 + 30 = 40; 2 -> 20 + 40 = 60. value: 1 -> 1 + 3; 2 -> 2 + 4.
  const CSV =
    "customer_id,week_start_date,Takings,value\n" +
    "1,2025-09-06,10,1\n1,2025-09-13,30,3\n2,2025-09-06,20,2\n2,2025-09-13,40,4\n";

  beforeAll(() => {
    dir = tempDir("map");
    mkdirSync(join(dir, "in"));
    writeFileSync(join(dir, "in", "weekly_sales.csv"), CSV);
  });

  /** Runs with `--map` args and returns the RGO Customers revenue per customer. */
  async function revenueBy(maps: string[]): Promise<{ code: number; err: string; rev: number[] }> {
    const out = join(dir, `r${maps.length}-${Math.random().toString(36).slice(2)}.xlsx`);
    const args = ["analyze", join(dir, "in"), "--out", out, "--quiet"];
    for (const m of maps) args.push("--map", m);
    const run = await runCli(args);
    if (run.code !== 0) return { code: run.code, err: run.err, rev: [] };
    // The run's own figures: total revenue (fact totalRevenue) per customer in the written RGO Customers sheet.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("RGO Customers");
    const header = (ws?.getRow(1).values ?? []) as unknown[];
    const idCol = header.indexOf("Customer");
    const revCol = header.indexOf("Total revenue");
    expect([idCol > 0, revCol > 0]).toEqual([true, true]);
    const byId = new Map<string, number>();
    ws?.eachRow((row, n) => {
      if (n > 1) byId.set(String(row.getCell(idCol).value), Number(row.getCell(revCol).value));
    });
    const rev = ["1", "2"].map((id) => byId.get(id) ?? NaN);
    return { code: 0, err: run.err, rev };
  }

  test("without --map the sheet's 'value' column is revenue", async () => {
    expect((await revenueBy([])).rev).toEqual([4, 6]);
  });

  test("--map weekly_sales.revenue=Takings chooses Takings", async () => {
    expect((await revenueBy(["weekly_sales.revenue=Takings"])).rev).toEqual([40, 60]);
  });

  test("parsing: role or table name, key or label, any case; empty or (none) for no column", () => {
    expect(
      parseColumnMaps([
        "weekly_sales.revenue=Takings",
        "SALES.Store ID=(none)",
        "retail_customers.age=",
        "deals.deal value=Amount",
      ]),
    ).toEqual({
      sales: { revenue: "Takings", store: null },
      customers: { age: null },
      deals: { value: "Amount" },
    });
  });

  test("bad --map values exit 2 naming what is wrong", async () => {
    const cases: [string, RegExp][] = [
      ["revenue=Takings", /--map needs ROLE\.FIELD=HEADER/],
      ["nosuch.revenue=Takings", /"nosuch" is not a role; roles are sales, customers/],
      ["weekly_sales.takings=Takings", /sales has no field "takings"; fields are customerId, week/],
      ["weekly_sales.revenue=Nope", /The column "Nope" chosen for sales revenue is not in/],
    ];
    for (const [m, msg] of cases) {
      const run = await runCli(["analyze", join(dir, "in"), "--map", m, "--quiet"]);
      expect([m, run.code]).toEqual([m, 2]);
      expect(run.err).toMatch(msg);
    }
    const twice = await runCli([
      "analyze",
      join(dir, "in"),
      "--map",
      "sales.revenue=Takings",
      "--map",
      "weekly_sales.revenue=value",
      "--quiet",
    ]);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/chooses sales\.revenue twice/);
  });
});
