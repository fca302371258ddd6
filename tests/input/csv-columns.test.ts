/**
 * The column-wise CSV reader (src/workbook/csv-columns.ts) against the reference parser
 * (csv-parser.ts parseCsv) on random CSV text, and the input layer on a column-wise table against
 * the same table given as plain rows: same cells, blank rows, money cents, quote reports, Dataset
 * and issues.
 */
import fc from "fast-check";
import { scanCsv } from "../../src/workbook/csv-columns";
import { parseCsv } from "../../src/workbook/csv-parser";
import { decodeCsvBytes } from "../../src/workbook/csv-encoding";
import { csvTextToTable } from "../../src/workbook/csv-folder-reader";
import { coerceMoney, newNumberParse, NumStatus } from "../../src/engine/input/coerce-number";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";
import { expectReadsAsRows } from "../support/reads-as-rows";
import { expectScanOf } from "./csv-reference";

/** Pieces CSV text is made of, chosen to hit every branch of the grammar. */
const PIECES = [
  "a",
  "C001",
  " x ",
  "1",
  "12.50",
  "-3",
  "-0",
  "+3",
  "007.5",
  "12.345",
  "1e3",
  "1.",
  ".5",
  "-.5",
  "$1,234.50",
  "(12.00)",
  "12,5",
  "99999999999999.99",
  "1234567890123456",
  "2025-01-04",
  "Total",
  '"',
  '""',
  '"q,"',
  '"a""b"',
  '"x"y',
  ",",
  ";",
  "\t",
  "\r\n",
  "\n",
  "\r",
  " ",
  "\u00a0",
  "é",
  "\ufeff",
];

const csvText = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }))
  .map(([bom, parts]) => (bom ? "\ufeff" : "") + parts.join(""));

/** parseCsv's rows as csvTextToTable made them before (empty cells -> null). */
function referenceRows(text: string): CellValue[][] {
  return parseCsv(text).rows.map((r) => r.map((c) => (c === "" ? null : c)));
}

describe("scanCsv agrees with parseCsv", () => {
  it("header, rows, cells, widths, blank rows and the unclosed-quote report", () => {
    fc.assert(
      fc.property(csvText, (text) => {
        const ref = parseCsv(text);
        const rows = referenceRows(text);
        expectScanOf(scanCsv(text), ref, rows);
      }),
      { numRuns: 2000 },
    );
  });

  it("plainCents (and plainCentsColumn) is NaN or exactly coerceMoney's cents", () => {
    const num = newNumberParse();
    let fast = 0;
    fc.assert(
      fc.property(csvText, (text) => {
        const rows = referenceRows(text);
        const { columns } = scanCsv(text);
        for (let i = 0; i < rows.length; i++)
          for (let j = 0; j < rows[i].length + 1; j++) {
            const cents = columns.plainCents(i, j);
            // The whole column, made once, holds the same values.
            expect(Object.is(columns.plainCentsColumn(j)[i], cents)).toBe(true);
            if (Number.isNaN(cents)) continue;
            fast++;
            expect(coerceMoney(rows[i][j] ?? null, num)).toBe(NumStatus.Ok);
            expect(Object.is(cents, num.cents)).toBe(true);
            expect(num.subCent).toBe(false);
            expect(cents / 100).toBe(num.value === 0 ? 0 : num.value);
          }
      }),
      { numRuns: 2000 },
    );
    expect(fast).toBeGreaterThan(20);
  });

  it("plainCents on random plain decimals, including the 15-character limit", () => {
    const num = newNumberParse();
    const decimal = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^\d{1,14}$/),
        fc.constantFrom("", ".", ".5", ".05", ".50", ".99", ".123"),
      )
      .map(([neg, int, frac]) => `${neg ? "-" : ""}${int}${frac}`);
    fc.assert(
      fc.property(decimal, (text) => {
        const { columns } = scanCsv(`h\n${text}\n`);
        const cents = columns.plainCents(0, 0);
        const st = coerceMoney(text, num);
        const plain = /^-?\d+(\.\d{1,2})?$/.test(text) && text.length <= 15;
        expect(Number.isNaN(cents)).toBe(!plain);
        if (plain) {
          expect(st).toBe(NumStatus.Ok);
          expect(Object.is(cents, num.cents)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("hand-worked cases", () => {
    const { columns } = scanCsv('id,amt\r\nC1,"12.50"\r\n\r\nC2,-0.5\r\n , \r\nC3,7\r\n');
    expect(columns.header).toEqual(["id", "amt"]);
    expect(columns.rowCount).toBe(5);
    expect(columns.cell(0, 1)).toBe("12.50");
    expect(columns.plainCents(0, 1)).toBeNaN(); // quoted: read through the text path
    expect(columns.isBlankRow(1)).toBe(true);
    expect(columns.width(1)).toBe(1);
    expect(columns.plainCents(2, 1)).toBe(-50);
    expect(columns.isBlankRow(3)).toBe(true);
    expect(columns.cell(3, 0)).toBe(" ");
    expect(columns.plainCents(3, 0)).toBeNaN();
    expect(columns.plainCents(4, 1)).toBe(700);
    expect(columns.plainCents(4, 2)).toBeNaN(); // beyond the row
    expect(columns.cell(5, 0)).toBeNull(); // past the last row
  });
});

describe("distinctCells: each distinct field once, every row its own cell", () => {
  it("values[code[i]] is cell(i, j) and every code is some row's, on random CSV text", () => {
    fc.assert(
      fc.property(csvText, (text) => {
        const { columns } = scanCsv(text);
        const rows = referenceRows(text);
        const width = Math.max(1, ...rows.map((r) => r.length));
        for (let j = -1; j <= width; j++) {
          const { code, values } = columns.distinctCells(j);
          expect(code.length).toBe(rows.length);
          for (let i = 0; i < rows.length; i++) expect(values[code[i]]).toBe(rows[i][j] ?? null);
          // Every code is used by some row.
          expect(new Set(code).size).toBe(values.length);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("hand-worked: plain and quoted spellings, a blank line, a short row", () => {
    const { columns } = scanCsv('id,w\nC1,a\nC2,b\nC1,a\n"C1",a\n\nC2\n');
    const ids = columns.distinctCells(0);
    expect(Array.from(ids.code)).toEqual([0, 1, 0, 2, 3, 1]);
    expect(ids.values).toEqual(["C1", "C2", "C1", null]);
    const w = columns.distinctCells(1);
    expect(Array.from(w.code)).toEqual([0, 1, 0, 0, 2, 2]);
    expect(w.values).toEqual(["a", "b", null]);
  });

  it("repeating sequences (runs, weeks in turn, spellings that differ only by quotes): codes are first-seen spellings", () => {
    // The predicted code (the one that last followed the row before's) must never stand in for
    // a field written differently: each row's code is that of the first row written the same way.
    const spelling = fc.constantFrom(
      "a",
      "b",
      "ab",
      '"a"',
      '"ab"',
      '""',
      "",
      "a ",
      '"b,c"',
      "2025-01-04",
    );
    fc.assert(
      fc.property(
        fc.array(spelling, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.nat(), spelling), { maxLength: 4 }),
        (cycle, times, edits) => {
          const fields: string[] = [];
          for (let t = 0; t < times; t++) fields.push(...cycle);
          for (const [at, s] of edits) fields[at % fields.length] = s;
          const text = `id,w\n${fields.map((f) => `x,${f}`).join("\n")}\n`;
          const rows = parseCsv(text).rows;
          const { code, values } = scanCsv(text).columns.distinctCells(1);
          expect(code.length).toBe(rows.length);
          const firstOf = new Map<string, number>();
          const seen: number[] = [];
          for (let i = 0; i < rows.length; i++) {
            const cell = rows[i][1] ?? "";
            expect(values[code[i]]).toBe(cell === "" ? null : cell);
            // Written the same way (a blank field is one code): the same code, first-seen order.
            const written = fields[i] === "" ? "" : `w:${fields[i]}`;
            const first = firstOf.get(written);
            if (first === undefined) {
              firstOf.set(written, code[i]);
              expect(seen.includes(code[i])).toBe(false);
              expect(code[i]).toBe(seen.length);
              seen.push(code[i]);
            } else expect(code[i]).toBe(first);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("thousands of distinct ids (the table grows and rehashes) keep first-seen order", () => {
    const ids = Array.from({ length: 5000 }, (_, k) => `C${(k * 7919) % 5000}`);
    const lines = ["id"];
    for (let r = 0; r < 3; r++) lines.push(...ids);
    const { code, values } = scanCsv(`${lines.join("\n")}\n`).columns.distinctCells(0);
    expect(values).toEqual(ids);
    for (let i = 0; i < code.length; i++) expect(code[i]).toBe(i % 5000);
  });
});

describe("csvTextToTable: rows as before, also through the encodings", () => {
  it("rows built from the columns equal the reference rows", () => {
    fc.assert(
      fc.property(csvText, fc.constantFrom("utf8", "utf16le", "latin1"), (text, enc) => {
        if (enc === "latin1" && [...text].some((ch) => ch.charCodeAt(0) > 0xff)) return;
        const bytes =
          enc === "utf16le"
            ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])
            : Buffer.from(text, enc);
        const decoded = decodeCsvBytes(bytes).text;
        const open = parseCsv(decoded).unclosedQuote;
        if (open !== undefined && open.linesSwallowed > 0) {
          expect(() => csvTextToTable("t.csv", decoded)).toThrow(/never closed/);
          return;
        }
        const table = csvTextToTable("t.csv", decoded);
        expect(table.header).toEqual(parseCsv(decoded).header);
        expect(table.rows).toEqual(referenceRows(decoded));
        // A copy carries plain rows, not the column-wise cells.
        const copy = { ...table };
        expect(copy.cells).toBeUndefined();
        expect(copy.rows).toEqual(table.rows);
      }),
      { numRuns: 1000 },
    );
  });
});

/** A sales CSV with the faults the readers report: bad numbers, blanks, repeats, totals. */
const salesCsv = fc
  .array(
    fc.record({
      id: fc.constantFrom("C1", "C2", " C3 ", "C4.0", "", "4", "4.0", '"4"', '"C5"', "C,6"),
      week: fc.constantFrom(
        "2025-01-06",
        '"2025-01-06"',
        "2025-01-13",
        "2025-01-20",
        "",
        "bad",
        "W3",
        "2025-W04",
      ),
      spend: fc.constantFrom(
        "12.50",
        "-3",
        "0",
        "1.234",
        "$4.00",
        "x",
        "",
        '"1,5"',
        "99999999999999.99",
        "1e2",
        " 7 ",
      ),
      store: fc.constantFrom("S1", "S2", "", "true", "7", "7.00", '"S1"'),
      blank: fc.boolean(),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .chain((rows) =>
    fc.tuple(fc.constant(rows), fc.constantFrom("\n", "\r\n"), fc.boolean(), fc.boolean()),
  )
  .map(([rows, eol, total, bom]) => {
    const lines = ["customer_id,week_start_date,weekly_spend,store_id"];
    for (const r of rows) lines.push(r.blank ? ", ,," : `${r.id},${r.week},${r.spend},${r.store}`);
    if (total) lines.push("Total,,100.00,");
    return (bom ? "\ufeff" : "") + lines.join(eol) + eol;
  });

function plainCopy(table: RawTable): RawTable {
  const copy = { ...table, rows: table.rows.map((r) => r.slice()) };
  expect(copy.cells).toBeUndefined();
  return copy;
}

describe("the input layer reads a column-wise table exactly as its rows", () => {
  it("same Dataset, issues and counts on random faulty sales tables", () => {
    fc.assert(
      fc.property(salesCsv, (text) => {
        const columnar = csvTextToTable("weekly_sales.csv", text);
        const rows = plainCopy(csvTextToTable("weekly_sales.csv", text));
        expectReadsAsRows(columnar, rows);
      }),
      { numRuns: 300 },
    );
  });
});
