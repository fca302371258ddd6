/**
 * The .xlsx reader's distinct cells (SheetTableCells.distinctCells): the input layer parses each
 * distinct week and coerces each distinct id once through them. Properties on random sales sheets
 * (ids as inline and shared strings and numbers, 0 and -0, dates as serials, text dates, blanks,
 * rows written out of order or twice, a total row): every row's code names exactly the cell the
 * row reads (`cell(i, j)`, compared with Object.is and by time for dates), and buildDataset gives
 * the same Dataset and issues on the column-wise table as on a plain copy of its rows.
 */
import fc from "fast-check";
import type { CellValue, RawTable } from "../../../src/engine/input/raw-table";
import { readXlsxBytes } from "../../../src/workbook/xlsx/read-xlsx";
import { bookEntries, buildZip } from "./zip-builder";
import { expectReadsAsRows } from "../../support/reads-as-rows";

const SHARED = ["C1", " C2 ", "C1", "2025-01-13", "S1", ""];

const inline = (s: string): string => `t="inlineStr"><is><t xml:space="preserve">${s}</t></is>`;
const id = fc.constantFrom(
  inline("C1"),
  inline(" C3 "),
  inline("C4.0"),
  inline(""),
  `t="s"><v>0</v>`,
  `t="s"><v>1</v>`,
  `t="s"><v>2</v>`,
  `<v>4</v>`,
  `<v>4.0</v>`,
  `<v>-0</v>`,
  `<v>0</v>`,
);
const week = fc.constantFrom(
  `s="1"><v>45663</v>`,
  `s="1"><v>45670</v>`,
  `s="1"><v>45677</v>`,
  `s="1"><v>45677.5</v>`,
  `<v>45670</v>`,
  `<v>3</v>`,
  inline("2025-01-20"),
  inline("bad"),
  `t="s"><v>3</v>`,
  inline("2025-W04"),
);
const spend = fc.constantFrom(
  `<v>12.5</v>`,
  `<v>-3</v>`,
  `<v>0</v>`,
  `<v>-0</v>`,
  inline("x"),
  inline("$4.00"),
);
const store = fc.constantFrom(
  `t="s"><v>4</v>`,
  `t="s"><v>5</v>`,
  inline("S2"),
  `<v>7</v>`,
  `t="b"><v>1</v>`,
);

const cellXml = (ref: string, body: string): string =>
  body.startsWith("<") ? `<c r="${ref}">${body}</c>` : `<c r="${ref}" ${body}</c>`;

const salesSheet = fc
  .array(
    fc.record({
      cells: fc.tuple(fc.option(id), fc.option(week), fc.option(spend), fc.option(store)),
      row: fc.integer({ min: 2, max: 40 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .chain((rows) => fc.tuple(fc.constant(rows), fc.boolean(), fc.boolean()))
  .map(([rows, ordered, total]) => {
    const list = ordered ? [...rows].sort((a, b) => a.row - b.row) : rows;
    const header = ["customer_id", "week_start_date", "weekly_spend", "store_id"]
      .map((h, j) => cellXml(`${"ABCD"[j]}1`, inline(h)))
      .join("");
    const body = list.map(({ cells, row }) => {
      const cs = cells.map((c, j) => (c === null ? "" : cellXml(`${"ABCD"[j]}${row}`, c))).join("");
      return `<row r="${row}">${cs}</row>`;
    });
    if (total)
      body.push(
        `<row r="41">${cellXml("A41", inline("Total"))}${cellXml("C41", "<v>100</v>")}</row>`,
      );
    return `<row r="1">${header}</row>${body.join("")}`;
  });

function salesTable(body: string): RawTable {
  const bytes = buildZip(
    bookEntries({
      sharedStrings: SHARED,
      sheets: [{ name: "weekly_sales", body }],
    }),
  );
  const tables = readXlsxBytes(bytes, "sales.xlsx").tables;
  expect(tables).toHaveLength(1);
  return tables[0];
}

function same(a: CellValue, b: CellValue): boolean {
  if (a instanceof Date && b instanceof Date) return Object.is(a.getTime(), b.getTime());
  return Object.is(a, b);
}

test("every row's code names exactly the cell the row reads", () => {
  fc.assert(
    fc.property(salesSheet, (body) => {
      const table = salesTable(body);
      const cells = table.cells;
      expect(cells?.distinctCells).toBeDefined();
      if (cells?.distinctCells === undefined) return;
      for (let j = 0; j < table.header.length + 1; j++) {
        const d = cells.distinctCells(j);
        expect(d.code).toHaveLength(cells.rowCount);
        expect(cells.distinctCells(j)).toBe(d); // made once per column
        for (let i = 0; i < cells.rowCount; i++) {
          const want = cells.cell(i, j);
          const got = d.values[d.code[i]];
          if (!same(got, want))
            throw new Error(`row ${i} column ${j}: ${String(got)} vs ${String(want)}`);
        }
        // Distinct: no two codes of the same kind hold the same number or text.
        const keys = d.values.map((v) =>
          v instanceof Date
            ? `d${v.getTime()}`
            : Object.is(v, -0)
              ? "n-0"
              : `${typeof v}${String(v)}`,
        );
        const texts = d.values.filter((v) => typeof v !== "string");
        expect(new Set(keys.filter((_k, x) => typeof d.values[x] !== "string")).size).toBe(
          texts.length,
        );
      }
    }),
    { numRuns: 300 },
  );
});

test("buildDataset reads the column-wise sales sheet exactly as its rows", () => {
  fc.assert(
    fc.property(salesSheet, (body) => {
      const columnar = salesTable(body);
      const rows: RawTable = { ...columnar, rows: columnar.rows.map((r) => r.slice()) };
      expectReadsAsRows(salesTable(body), rows);
    }),
    { numRuns: 300 },
  );
});
