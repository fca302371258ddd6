import { analyze } from "../../src/engine/pipeline/analyze";
import { buildResultBook } from "../../src/engine/report/build-result-book";
import type { ResultBook } from "../../src/engine/report/result-book";
import { isRgoError } from "../../src/engine/errors";
import {
  RGO_MARKER_KEY,
  RGO_MARKER_VALUE,
  activateSheet,
  listSheets,
  readRulesText,
  readSource,
  subscribeGapSelection,
  writeResultBook,
  writeRulesText,
  writeSampleSheets,
  type XlContext,
} from "../../src/workbook/excel";
import { FakeExcel, type FakeValue } from "../support/fake-excel";
import { rawPack, RUN_AT, seedDataset } from "../engine/seed-helpers";

const ctxOf = (x: FakeExcel): XlContext => x.context();

function salesRows(n: number): FakeValue[][] {
  const rows: FakeValue[][] = [["customer_id", "week_start", "weekly_spend", "units"]];
  for (let i = 0; i < n; i++)
    rows.push([`C${1000 + (i % 97)}`, 45000 + 7 * (i % 52), i + 0.25, i % 9]);
  return rows;
}

function smallBook(): ResultBook {
  return {
    properties: {},
    sheets: [
      {
        name: "RGO Summary",
        content: {
          kind: "report",
          blocks: [
            { kind: "heading", text: "Report", level: 1 },
            {
              kind: "figures",
              items: [
                { label: "Total gap", value: 1234.5, format: "currency" },
                { label: "Verdict", value: "=1+1", format: "text" },
              ],
            },
            {
              kind: "table",
              table: {
                name: "RGO_Summary_ByType",
                columns: [
                  { header: "Gap type", format: "text" },
                  { header: "Total gap", format: "currency" },
                ],
                rows: [
                  ["demand", 100],
                  ["stockout", 50.5],
                ],
              },
            },
          ],
        },
        charts: [
          {
            title: "Gap by type",
            table: "RGO_Summary_ByType",
            categoryColumn: 0,
            valueColumn: 1,
            kind: "bar",
          },
        ],
      },
      {
        name: "RGO Gaps",
        freezeHeader: true,
        content: {
          kind: "table",
          table: {
            name: "RGO_Gaps",
            columns: [
              { header: "Rank", format: "integer" },
              { header: "Customer", format: "text" },
              { header: "Priority score", format: "score" },
              { header: "Gap amount", format: "currency" },
              { header: "Note", format: "decimal" },
            ],
            rows: [
              [1, "=1+1", 8.5, 100.25, 1.5],
              [2, "+A1", 7, 50, "-2x"],
              [3, "-2x", 6.25, 25, null],
              [4, "@SUM(A1)", 5, 10, 2],
              [5, "00123", 4, 5, "'quoted"],
            ],
          },
        },
      },
    ],
  };
}

describe("reading", () => {
  test("a sheet's used range comes back complete, in order, in several blocks", async () => {
    const x = new FakeExcel(["Sales"]);
    const rows = salesRows(3000);
    x.put("Sales", 2, 1, rows); // header at B3
    const progress: number[] = [];
    const t = await readSource(
      ctxOf(x),
      { kind: "sheet", sheet: "Sales" },
      {
        targetBytes: 20_000,
        onProgress: (p) => progress.push(p.done),
      },
    );
    expect(t.header).toEqual(["customer_id", "week_start", "weekly_spend", "units"]);
    expect(t.headerRow).toBe(3);
    expect(t.firstColumn).toBe(2);
    expect(t.origin).toBe("excel sheet");
    expect(t.rows).toEqual(rows.slice(1));
    const reads = x.ops("values").length;
    expect(reads).toBe(0); // reads are loads, not writes
    expect(x.requests.length).toBeGreaterThan(5);
    expect(progress[progress.length - 1]).toBe(3000);
    expect(x.requests.every((r) => r.suspends === 0)).toBe(true);
  });

  test("a block rejected for its response size is retried at half size; data complete and in order", async () => {
    const x = new FakeExcel(["Sales"]);
    const rows = salesRows(2000);
    x.put("Sales", 0, 0, rows);
    // Planned blocks target ~50 KB; Excel refuses responses over 30 KB.
    x.responseLimit = 30_000;
    const t = await readSource(
      ctxOf(x),
      { kind: "sheet", sheet: "Sales" },
      { targetBytes: 50_000 },
    );
    expect(t.rows).toEqual(rows.slice(1));
    expect(t.rows.map((r) => r[3])).toEqual(rows.slice(1).map((r) => r[3]));
  });

  test("a simulated RequestPayloadSizeLimitExceeded on a read block halves it", async () => {
    const x = new FakeExcel(["Sales"]);
    const rows = salesRows(500);
    x.put("Sales", 0, 0, rows);
    let failed = 0;
    x.beforeSync = ({ request }) => {
      if (request === 3 && failed === 0) {
        failed++;
        throw Object.assign(new Error("payload too big"), {
          code: "RequestPayloadSizeLimitExceeded",
        });
      }
    };
    const t = await readSource(ctxOf(x), { kind: "sheet", sheet: "Sales" }, { targetBytes: 8_000 });
    expect(failed).toBe(1);
    expect(t.rows).toEqual(rows.slice(1));
  });

  test("an Excel table is read by name (header + data body), empty cells as null", async () => {
    const x = new FakeExcel(["Data"]);
    x.put("Data", 4, 2, [
      ["id", "name"],
      ["a", ""],
      ["b", "Bea"],
    ]);
    x.putTable("Data", "Customers", "C5:D7");
    const t = await readSource(ctxOf(x), { kind: "table", table: "Customers" });
    expect(t).toEqual({
      name: "Customers",
      origin: "excel table",
      header: ["id", "name"],
      rows: [
        ["a", null],
        ["b", "Bea"],
      ],
      headerRow: 5,
      firstColumn: 3,
    });
  });

  test("cancellation between blocks", async () => {
    const x = new FakeExcel(["Sales"]);
    x.put("Sales", 0, 0, salesRows(2000));
    const ac = new AbortController();
    const read = readSource(
      ctxOf(x),
      { kind: "sheet", sheet: "Sales" },
      {
        targetBytes: 10_000,
        signal: ac.signal,
        onProgress: (p) => {
          if (p.done > 500) ac.abort();
        },
      },
    );
    await expect(read).rejects.toMatchObject({ kind: "cancelled" });
  });

  test("listSheets: used range, header, tables, RGO marker", async () => {
    const x = new FakeExcel(["Empty", "Sales"]);
    x.put("Sales", 0, 0, salesRows(10));
    x.putTable("Sales", "SalesTable", "A1:D11");
    x.addSheet("RGO Gaps").props.set(RGO_MARKER_KEY.toLowerCase(), RGO_MARKER_VALUE);
    const sheets = await listSheets(ctxOf(x));
    expect(sheets).toEqual([
      { name: "Empty", rows: 0, columns: 0, header: [], tables: [], createdByRgo: false },
      {
        name: "Sales",
        rows: 11,
        columns: 4,
        header: ["customer_id", "week_start", "weekly_spend", "units"],
        tables: [
          {
            name: "SalesTable",
            sheet: "Sales",
            rows: 10,
            columns: 4,
            header: ["customer_id", "week_start", "weekly_spend", "units"],
          },
        ],
        createdByRgo: false,
      },
      { name: "RGO Gaps", rows: 0, columns: 0, header: [], tables: [], createdByRgo: true },
    ]);
  });
});

describe("writing", () => {
  test("order per sheet: text formats, values, then the table, then number formats; screen updating suspended once per batch", async () => {
    const x = new FakeExcel(["Input"]);
    x.put("Input", 0, 0, [["keep me"]]);
    const report = await writeResultBook(ctxOf(x), smallBook());
    expect(report.sheets).toEqual(["RGO Summary", "RGO Gaps"]);
    expect(report.requests).toBe(x.requests.length);
    const log = x.log.filter((e) => e.sheet === "RGO Gaps");
    const first = (op: string, pred: (a: string) => boolean = () => true): number =>
      log.findIndex((e) => e.op === op && pred(e.address));
    const last = (op: string): number => log.map((e) => e.op).lastIndexOf(op);
    const textFormat = log.findIndex((e) => e.op === "numberFormat" && e.address === "B2:B6");
    expect(textFormat).toBeGreaterThanOrEqual(0);
    expect(textFormat).toBeLessThan(first("values"));
    expect(last("values")).toBeLessThan(first("tables.add"));
    const currency = log.findIndex((e) => e.op === "numberFormat" && e.address === "D2:D6");
    expect(currency).toBeGreaterThan(first("tables.add"));
    expect(first("conditionalFormats.add")).toBeGreaterThan(first("tables.add"));
    // Number formats are broadcast per column: far fewer calls than cells.
    expect(log.filter((e) => e.op === "numberFormat").length).toBeLessThan(12);
    // Every write request suspended screen updating exactly once.
    const writes = x.requests.filter((_r, i) => x.log.some((e) => e.request === i));
    expect(writes.every((r) => r.suspends <= 1)).toBe(true);
    expect(writes.filter((r) => r.suspends === 1).length).toBeGreaterThan(0);
    // The sheet: marker, frozen header, table, colour scale on the score column only.
    const gaps = x.sheet("RGO Gaps");
    expect(gaps.props.get(RGO_MARKER_KEY.toLowerCase())).toBe(RGO_MARKER_VALUE);
    expect(gaps.frozenRows).toBe(1);
    expect(x.tables.find((t) => t.name === "RGO_Gaps")?.sheet).toBe(gaps);
    expect(gaps.conditionalFormats.map((c) => c.address)).toEqual(["C2:C6"]);
    expect(gaps.cell(1, 3)?.format).toBe("$#,##0.00;[Red]-$#,##0.00");
    expect(gaps.cell(1, 2)?.format).toBe("0.00");
    // Inputs untouched.
    expect(x.log.some((e) => e.sheet === "Input")).toBe(false);
    expect(x.sheet("Input").cell(0, 0)?.value).toBe("keep me");
  });

  test("formula-looking and number-looking text stays text", async () => {
    const x = new FakeExcel(["Input"]);
    await writeResultBook(ctxOf(x), smallBook());
    const gaps = x.sheet("RGO Gaps");
    const customers = [1, 2, 3, 4, 5].map((r) => gaps.cell(r, 1));
    expect(customers.map((c) => c?.value)).toEqual(["=1+1", "+A1", "-2x", "@SUM(A1)", "00123"]);
    expect(customers.every((c) => c?.formula === undefined && c?.format === "@")).toBe(true);
    // Text in a numeric column keeps "@" even after the column's number format was broadcast.
    expect(gaps.cell(2, 4)).toMatchObject({ value: "-2x", format: "@" });
    expect(gaps.cell(2, 4)?.formula).toBeUndefined();
    expect(gaps.cell(5, 4)).toMatchObject({ value: "'quoted", format: "@" });
    expect(gaps.cell(1, 4)).toMatchObject({ value: 1.5, format: "0.00" });
    const summary = x.sheet("RGO Summary");
    expect(summary.cell(2, 1)).toMatchObject({ value: "=1+1", format: "@" });
    expect(summary.cell(2, 1)?.formula).toBeUndefined();
    // The fake does model Excel: the same text in a General cell would become a formula.
    const ctx = x.context();
    ctx.workbook.worksheets.getItem("Input").getRange("C3").values = [["=1+1"]];
    await ctx.sync();
    expect(x.sheet("Input").cell(2, 2)?.formula).toBe("=1+1");
  });

  test("charts on the summary over the named table's columns, to the right of the blocks", async () => {
    const x = new FakeExcel(["Input"]);
    await writeResultBook(ctxOf(x), smallBook());
    const charts = x.sheet("RGO Summary").charts;
    expect(charts).toHaveLength(1);
    // Table header at row 5 (heading, 2 figures, blank row), data rows 6-7.
    expect(charts[0]).toMatchObject({
      type: "BarClustered",
      source: "B5:B7",
      categories: "A6:A7",
      title: "Gap by type",
    });
    expect(charts[0].position).toEqual(["H2", "O17"]); // column H: right of the 6 text columns
    expect(x.tables.find((t) => t.name === "RGO_Summary_ByType")?.box).toEqual({
      top: 4,
      left: 0,
      rows: 3,
      cols: 2,
    });
  });

  test("a foreign RGO Gaps sheet is refused before anything is written", async () => {
    const x = new FakeExcel(["Input"]);
    x.put("RGO Gaps", 0, 0, [["my own notes"]]);
    const before = x.log.length;
    let error: unknown = null;
    try {
      await writeResultBook(ctxOf(x), smallBook());
    } catch (e) {
      error = e;
    }
    expect(isRgoError(error)).toBe(true);
    expect(error).toMatchObject({ kind: "input", code: "foreign-rgo-sheet", location: "RGO Gaps" });
    expect(String((error as Error).message)).toContain('"RGO Gaps"');
    expect(x.log.length).toBe(before);
    expect(x.sheets.map((s) => s.name)).toEqual(["Input", "RGO Gaps"]);
    expect(x.sheet("RGO Gaps").cell(0, 0)?.value).toBe("my own notes");
  });

  test("sheets RGO made are replaced on the next run (even when they are the only sheets)", async () => {
    const x = new FakeExcel(["Input"]);
    await writeResultBook(ctxOf(x), smallBook());
    await writeResultBook(ctxOf(x), smallBook());
    expect(x.sheets.map((s) => s.name)).toEqual(["Input", "RGO Summary", "RGO Gaps"]);
    const y = new FakeExcel(["Input"]);
    await writeResultBook(ctxOf(y), smallBook());
    y.sheets.splice(0, 1); // only RGO sheets left
    await writeResultBook(ctxOf(y), smallBook());
    expect(y.sheets.map((s) => s.name)).toEqual(["RGO Summary", "RGO Gaps"]);
  });

  test("a write request rejected for its payload is re-sent in halves; values complete", async () => {
    const x = new FakeExcel(["Input"]);
    const rows = Array.from({ length: 3000 }, (_, i) => [
      i + 1,
      `Customer ${i}`,
      (i % 10) + 0.5,
      i * 1.25,
      1,
    ]);
    const book = smallBook();
    const gaps = book.sheets[1].content;
    if (gaps.kind !== "table") throw new Error("table expected");
    gaps.table.rows = rows;
    x.requestLimit = 40_000; // planned blocks aim at 60 KB
    await writeResultBook(ctxOf(x), book, { targetBytes: 60_000 });
    expect(x.requests.some((r) => r.bytes > 40_000)).toBe(true); // some were rejected...
    const sheet = x.sheet("RGO Gaps");
    const back = sheet.valuesOf({ top: 1, left: 0, rows: 3000, cols: 5 });
    expect(back).toEqual(rows); // ...and everything arrived, in place
  });

  test("round trip: the real engine's seed book written, RGO Gaps read back equal", async () => {
    const pack = rawPack("seed-tier2");
    const result = await analyze(await seedDataset(), pack, { runAt: RUN_AT });
    const book = buildResultBook(result, {
      pack,
      packHash: "sha256:abc",
      issues: [],
      source: "seed",
      inputCounts: { customers: 200, salesRows: 2400, stockRows: 360 },
      runAt: RUN_AT,
    });
    const x = new FakeExcel(["customers", "weekly_sales"]);
    const report = await writeResultBook(ctxOf(x), book);
    console.log(`seed book: ${report.sheets.length} sheets written in ${report.requests} requests`);
    const gapsSheet = book.sheets.find((s) => s.name === "RGO Gaps");
    if (!gapsSheet || gapsSheet.content.kind !== "table") throw new Error("RGO Gaps expected");
    const table = gapsSheet.content.table;
    expect(table.rows.length).toBe(343);
    const back = await readSource(ctxOf(x), { kind: "table", table: "RGO_Gaps" });
    expect(back.header).toEqual(table.columns.map((c) => c.header));
    const expected = table.rows.map((r) => r.map((v) => (v === "" || v === undefined ? null : v)));
    expect(back.rows).toEqual(expected);
    const sheets = await listSheets(ctxOf(x));
    expect(sheets.filter((s) => s.createdByRgo).map((s) => s.name)).toEqual(report.sheets);
    // Every written table sits on its sheet without overlap, and each report chart reads a table.
    for (const s of x.sheets) for (const c of s.charts) expect(c.categories).toBeDefined();
  });
});

describe("rules, samples, activation, selection", () => {
  test("rules text round trip (long, unicode, formula-looking chunks)", async () => {
    const x = new FakeExcel(["Input"]);
    expect(await readRulesText(ctxOf(x))).toBeNull();
    const text = JSON.stringify(
      { name: "p", rules: Array.from({ length: 80 }, (_, i) => ({ n: `=r${i} 😀 é`, v: -i })) },
      null,
      2,
    );
    await writeRulesText(ctxOf(x), text, "p", "1.0.0", "sha256:1");
    expect(await readRulesText(ctxOf(x))).toBe(text);
    await writeRulesText(ctxOf(x), "{}", "p", "1.0.1", "sha256:2");
    expect(await readRulesText(ctxOf(x))).toBe("{}");
    const y = new FakeExcel(["Input"]);
    y.put("RGO Rules", 0, 0, [["mine"]]);
    await expect(writeRulesText(ctxOf(y), "{}", "p", "1", "h")).rejects.toMatchObject({
      code: "foreign-rgo-sheet",
    });
  });

  test("sample sheets go to new sheets with unique names, text kept as text", async () => {
    const x = new FakeExcel(["customers"]);
    const names = await writeSampleSheets(ctxOf(x), [
      {
        name: "customers",
        origin: "sample",
        header: ["customer_id", "age"],
        rows: [
          ["007", 31],
          ["=x", 40],
        ],
        headerRow: 1,
        firstColumn: 1,
      },
      {
        name: "weekly_sales",
        origin: "sample",
        header: ["customer_id", "week"],
        rows: [["007", new Date(Date.UTC(2025, 0, 6))]],
        headerRow: 1,
        firstColumn: 1,
      },
    ]);
    expect(names).toEqual(["customers (2)", "weekly_sales"]);
    // Dates become Excel serials shown as dates; the header stays text.
    expect(x.sheet("weekly_sales").cell(1, 1)).toMatchObject({
      value: 45663,
      format: "yyyy-mm-dd",
    });
    expect(x.sheet("weekly_sales").cell(0, 1)).toMatchObject({ value: "week", format: "@" });
    expect(x.sheet("customers").cells.size).toBe(0);
    const t = await readSource(ctxOf(x), { kind: "sheet", sheet: "customers (2)" });
    expect(t.header).toEqual(["customer_id", "age"]);
    expect(t.rows).toEqual([
      ["007", 31],
      ["=x", 40],
    ]);
  });

  test("activateSheet and gap-row selection -> customer id", async () => {
    const x = new FakeExcel(["Input"]);
    await writeResultBook(ctxOf(x), smallBook());
    await activateSheet(ctxOf(x), "RGO Gaps");
    expect(x.activeSheet).toBe("RGO Gaps");
    const seen: (string | null)[] = [];
    const sub = await subscribeGapSelection(
      ctxOf(x),
      (fn) => fn(x.context()),
      (id) => seen.push(id),
    );
    await x.select("RGO Gaps", "C6");
    await x.select("RGO Gaps", "A1");
    await x.select("RGO Gaps", "D2:E3");
    expect(seen).toEqual(["00123", null, "=1+1"]);
    const ctx = x.context();
    sub.remove();
    await ctx.sync();
  });
});
