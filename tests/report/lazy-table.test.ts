/**
 * Result tables whose rows are built when first read (src/engine/report/lazy-table.ts): the rows
 * are the builder's, built once; the count and the head are known without building them; every
 * ordinary way of reading a table (property, spread, JSON, structured clone) sees the rows; a
 * builder that returns another count than announced fails loudly. On the seed run's book, holding
 * the rows as the preview's worker does (holdBook) builds none of RGO Gaps / Customers / Churn,
 * and their counts are the seed's (343 gaps).
 */
import fc from "fast-check";
import { lazyTable, tableHead, tableRowCount } from "../../src/engine/report/lazy-table";
import type { ResultCell, ResultColumn } from "../../src/engine/report/result-book";
import { runAnalysis } from "../../src/engine/pipeline/run-analysis";
import { holdBook } from "../../src/taskpane/worker/handle-request";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";
import { builtinPack, RUN_AT, SEED_DIR } from "../engine/seed-helpers";

// Values JSON carries as they are (no NaN, infinities or -0), so the JSON round trip can be compared too.
const cell = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
const rowsArb = fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 30 });
const columns: ResultColumn[] = [{ header: "A", format: "text" }];

const isUnbuilt = (table: object): boolean =>
  Object.getOwnPropertyDescriptor(table, "rows")?.get !== undefined;

test("a lazy table's rows are the builder's, built once, on first read (property)", () => {
  fc.assert(
    fc.property(rowsArb, (rows) => {
      let builds = 0;
      const table = lazyTable({ name: "T", columns }, rows.length, () => {
        builds++;
        return rows.map((r) => [...r]);
      });
      expect(tableRowCount(table)).toBe(rows.length);
      expect(tableHead(table)).toEqual({ name: "T", columns });
      expect(builds).toBe(0);
      expect(isUnbuilt(table)).toBe(true);
      expect(table.rows).toEqual(rows);
      expect(table.rows).toBe(table.rows);
      expect({ ...table }.rows).toBe(table.rows);
      expect(JSON.parse(JSON.stringify(table))).toEqual({ name: "T", columns, rows });
      expect(structuredClone(table)).toEqual({ name: "T", columns, rows });
      expect(builds).toBe(1);
      expect(Object.keys(table)).toEqual(["name", "columns", "rows"]);
    }),
  );
});

test("the spread, JSON and clone of an unbuilt lazy table carry its rows", () => {
  const rows: ResultCell[][] = [
    ["a", 1],
    ["b", 2],
  ];
  expect({ ...lazyTable({ name: "T", columns }, 2, () => rows) }.rows).toEqual(rows);
  expect(JSON.parse(JSON.stringify(lazyTable({ name: "T", columns }, 2, () => rows))).rows).toEqual(
    rows,
  );
  expect(structuredClone(lazyTable({ name: "T", columns }, 2, () => rows)).rows).toEqual(rows);
});

test("a builder that returns another count than announced is an internal error", () => {
  const table = lazyTable({ name: "T", columns }, 3, () => [["only one"]]);
  expect(() => table.rows).toThrow("table T was announced with 3 rows but has 1");
});

test("an eager table's count and head are its own", () => {
  const table = { name: "T", title: "Title", columns, rows: [["x"], ["y"]] };
  expect(tableRowCount(table)).toBe(2);
  expect(tableHead(table)).toEqual({ name: "T", title: "Title", columns });
});

test("holding the seed run's rows builds none of them; reading them gives the seed's counts", async () => {
  const out = await runAnalysis(await readCsvFolder(SEED_DIR), builtinPack("seed-tier2"), {
    runAt: RUN_AT,
  });
  const lazy = ["RGO Gaps", "RGO Customers", "RGO Churn"];
  const tables = new Map(
    out.book.sheets.flatMap((s) =>
      s.content.kind === "table" ? [[s.name, s.content.table] as const] : [],
    ),
  );
  for (const name of lazy) expect(isUnbuilt(tables.get(name) ?? {})).toBe(true);
  const held = holdBook(out.book);
  for (const name of lazy) expect(isUnbuilt(tables.get(name) ?? {})).toBe(true);
  const count = (name: string): number | undefined =>
    held.heldRows.find((h) => out.book.sheets[h.sheet].name === name)?.rows;
  expect(count("RGO Gaps")).toBe(343);
  expect(count("RGO Customers")).toBe(out.result.customers.length);
  expect(count("RGO Churn")).toBe(out.result.churn.length);
  for (const name of lazy) expect(tables.get(name)?.rows.length).toBe(count(name));
  expect(tables.get("RGO Gaps")?.rows[0]?.[0]).toBe(1);
});
