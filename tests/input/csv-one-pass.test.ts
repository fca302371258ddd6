/**
 * The one-pass CSV scan (csv-columns.ts, csv-row-scan.ts, csv-field-codes.ts,
 * csv-field-starts.ts): codes found while cutting, plain rows cut by their own loop, columns of
 * mostly distinct fields kept by starts with their cents made as they pass. On random CSV text
 * built from known field spellings (so the test knows which fields are written the same way),
 * through UTF-16 units and UTF-8 bytes, and with columns turned to starts after 1, 2, 3 or the
 * default 4096 rows, every output equals the reference: parseCsv's header, cells, widths, blank
 * rows and quote report; codes equal exactly when the spellings are equal, numbered in first-seen
 * order; plain cents NaN exactly when the text is not plain money, else coerceMoney's cents; and
 * buildDataset reads the table as it reads parseCsv's rows.
 */
import fc from "fast-check";
import { isBlankRow } from "../../src/engine/input/coerce-id";
import { coerceMoney, newNumberParse, NumStatus } from "../../src/engine/input/coerce-number";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";
import { columnarTable } from "../../src/workbook/columnar-table";
import { type ScanOptions, scanCsv, scanCsvBytes } from "../../src/workbook/csv-columns";
import { parseCsv } from "../../src/workbook/csv-parser";
import { expectReadsAsRows } from "../support/reads-as-rows";
import { expectScanOf } from "./csv-reference";

/** Field spellings as written (a quoted one with its quotes), each a whole field. */
const SPELLINGS = [
  "C1",
  "C2",
  "C10",
  '"C1"',
  '"C,1"',
  '"a""b"',
  '""',
  "",
  " ",
  " C1 ",
  "é",
  "12.50",
  "12.5",
  "-0",
  "-3",
  "007",
  "1.234",
  "1e3",
  "12345678901234",
  "123456789012.34",
  "1234567890123.45",
  "$4",
  "2025-01-04",
  "2025-01-11",
  "Total",
];

/** A row's fields: usually as wide as the header, sometimes shorter or longer. */
const rowOf = (width: number) =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.array(fc.constantFrom(...SPELLINGS), { minLength: width, maxLength: width }),
    },
    {
      weight: 1,
      arbitrary: fc.array(fc.constantFrom(...SPELLINGS), { minLength: 1, maxLength: width + 2 }),
    },
  );

/** A CSV: header, rows repeated in cycles (so predictions hit and miss), a line end, BOM or not. */
const csvCase = fc
  .integer({ min: 1, max: 4 })
  .chain((width) =>
    fc.record({
      width: fc.constant(width),
      cycle: fc.array(rowOf(width), { minLength: 1, maxLength: 8 }),
      times: fc.integer({ min: 1, max: 6 }),
      edits: fc.array(fc.tuple(fc.nat(), rowOf(width)), { maxLength: 4 }),
      eol: fc.constantFrom("\n", "\r\n", "\r"),
      finalEol: fc.boolean(),
      bom: fc.boolean(),
    }),
  )
  .map(({ width, cycle, times, edits, eol, finalEol, bom }) => {
    const rows: string[][] = [];
    for (let t = 0; t < times; t++) rows.push(...cycle);
    for (const [at, row] of edits) rows[at % rows.length] = row;
    const header = Array.from({ length: width }, (_, j) => `h${j}`);
    const lines = [header, ...rows].map((r) => r.join(","));
    // A last line that is blank is a record only when a line end follows it.
    const end = finalEol || lines[lines.length - 1] === "" ? eol : "";
    const text = (bom ? "\ufeff" : "") + lines.join(eol) + end;
    return { text, rows };
  });

const PLAIN_MONEY = /^-?[0-9]+(\.[0-9]{1,2})?$/;
const CHECKS: (ScanOptions | undefined)[] = [
  undefined,
  { checkCodesAt: 1 },
  { checkCodesAt: 2 },
  { checkCodesAt: 3 },
];

/** The scans of `text` to compare: UTF-16 units and UTF-8 bytes, with each check. */
function scansOf(text: string) {
  const bytes = new Uint8Array(Buffer.from(text, "utf8"));
  const ascii = bytes.every((b) => b < 0x80);
  return CHECKS.flatMap((options) => [scanCsv(text, options), scanCsvBytes(bytes, ascii, options)]);
}

describe("one-pass scan: codes, starts and cents as the reference reads them", () => {
  it("cells, widths, blank rows, codes by spelling and plain cents, whatever the check", () => {
    const num = newNumberParse();
    fc.assert(
      fc.property(csvCase, ({ text, rows: written }) => {
        const ref = parseCsv(text);
        const rows: CellValue[][] = ref.rows.map((r) => r.map((c) => (c === "" ? null : c)));
        // A blank line holds one empty field, as parseCsv reads it.
        expect(rows.length).toBe(written.length);
        const width = Math.max(1, ...rows.map((r) => r.length));
        // The expected columns, worked from the spellings and the reference rows.
        const wantBlank = rows.map((r) => (isBlankRow(r) ? 1 : 0));
        const want: { cells: CellValue[]; codes: number[]; count: number; cents: number[] }[] = [];
        for (let j = -1; j <= width; j++) {
          const codeOf = new Map<string, number>();
          const codes: number[] = [];
          const cents: number[] = [];
          for (let i = 0; i < rows.length; i++) {
            // Written the same way (every empty field alike): the same code, first-seen order.
            const spelling = written[i][j] ?? "";
            if (!codeOf.has(spelling)) codeOf.set(spelling, codeOf.size);
            codes.push(codeOf.get(spelling) as number);
            // Plain cents exactly for plain money text, and then coerceMoney's.
            const plain = PLAIN_MONEY.test(spelling) && spelling.length <= 15;
            const status = plain ? coerceMoney(rows[i][j] ?? null, num) : NumStatus.Invalid;
            cents.push(plain && status === NumStatus.Ok ? num.cents : plain ? -Infinity : NaN);
          }
          want.push({ cells: rows.map((r) => r[j] ?? null), codes, count: codeOf.size, cents });
        }
        for (const scanned of scansOf(text)) {
          expectScanOf(scanned, ref, rows);
          const { columns } = scanned;
          expect(Array.from(columns.blankRows())).toEqual(wantBlank);
          for (let j = -1; j <= width; j++) {
            const { code, values } = columns.distinctCells(j);
            const cents = columns.plainCentsColumn(j);
            const w = want[j + 1];
            expect(Array.from(code, (c) => values[c])).toEqual(w.cells);
            expect(Array.from(code)).toEqual(w.codes);
            expect(values.length).toBe(w.count);
            expect(Array.from(cents)).toEqual(w.cents);
            expect(rows.map((_, i) => columns.plainCents(i, j))).toEqual(w.cents);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("hand-worked: a quoted field, a short row and a long row stop the plain run; all read as written", () => {
    // Rows 0-1 plain, row 2 quoted, row 3 short, row 4 long, rows 5-6 plain again.
    const text = 'id,w\nC1,a\nC1,b\n"C1",a\nC2\nC2,b,x\nC1,a\nC3,\n';
    for (const options of CHECKS) {
      const { columns } = scanCsv(text, options);
      expect(columns.rowCount).toBe(7);
      expect([0, 1, 2, 3, 4, 5, 6].map((i) => columns.width(i))).toEqual([2, 2, 2, 1, 3, 2, 2]);
      const ids = columns.distinctCells(0);
      expect(Array.from(ids.code)).toEqual([0, 0, 1, 2, 2, 0, 3]);
      expect(ids.values).toEqual(["C1", "C1", "C2", "C3"]);
      const w = columns.distinctCells(1);
      expect(Array.from(w.code)).toEqual([0, 1, 0, 2, 1, 0, 2]);
      expect(w.values).toEqual(["a", "b", null]);
      expect(columns.cell(4, 2)).toBe("x");
      expect(columns.cell(3, 2)).toBeNull();
    }
  });

  it("a column of distinct amounts is kept by starts: its cents come from the scan", () => {
    const lines = ["id,amount"];
    for (let i = 0; i < 50; i++) lines.push(`C${i % 3},${i}.${String(i % 100).padStart(2, "0")}`);
    lines.push("C1,$5", 'C2,"7.00"', "C3,");
    const { columns } = scanCsv(`${lines.join("\n")}\n`, { checkCodesAt: 8 });
    const cents = columns.plainCentsColumn(1);
    for (let i = 0; i < 50; i++) expect(cents[i]).toBe(i * 100 + (i % 100));
    expect([cents[50], cents[51], cents[52]]).toEqual([NaN, NaN, NaN]);
    expect(columns.cell(51, 1)).toBe("7.00");
    // The ids (kept by starts too at this check: 3 of 8 rows) read back as their cells.
    expect(columns.distinctCells(0).values).toEqual(["C0", "C1", "C2", "C3"]);
  });
});

/** A sales file whose rows run by customer and week (plain runs, predicted codes) with faults. */
const salesCase = fc
  .record({
    customers: fc.array(fc.constantFrom("C1", "C2", "C3", '"C1"', " C4", "", "C,5"), {
      minLength: 1,
      maxLength: 5,
    }),
    weeks: fc.array(
      fc.constantFrom("2025-01-04", "2025-01-11", "2025-01-18", "2025-01-06", "45663", "bad", ""),
      { minLength: 1, maxLength: 5 },
    ),
    spends: fc.array(fc.constantFrom("12.50", "0", "-3", "1.234", "x", "", "7", '"1,5"'), {
      minLength: 1,
      maxLength: 6,
    }),
    stores: fc.array(fc.constantFrom("S1", "S2", "", '"S1"'), { minLength: 1, maxLength: 3 }),
    eol: fc.constantFrom("\n", "\r\n"),
    check: fc.constantFrom(1, 2, 5, 4096),
  })
  .map(({ customers, weeks, spends, stores, eol, check }) => {
    const lines = ["customer_id,week_start_date,weekly_spend,store_id"];
    let k = 0;
    for (const c of customers)
      for (const w of weeks) {
        const spend = spends[k % spends.length];
        lines.push(`${c},${w},${spend},${stores[k % stores.length]}`);
        k++;
      }
    return { text: lines.join(eol) + eol, check };
  });

describe("one-pass scan: the input layer reads the table as parseCsv's rows", () => {
  it("same Dataset, issues and counts on random sales files, columns kept by codes or starts", () => {
    fc.assert(
      fc.property(salesCase, ({ text, check }) => {
        const name = "weekly_sales.csv";
        const bytes = new Uint8Array(Buffer.from(text, "utf8"));
        const { columns } = scanCsvBytes(bytes, true, { checkCodesAt: check });
        const table = columnarTable(
          { name, origin: "csv", header: columns.header, headerRow: 1, firstColumn: 1 },
          columns,
        );
        const ref = parseCsv(text);
        const rows: RawTable = {
          name,
          origin: "csv",
          header: ref.header,
          rows: ref.rows.map((r) => r.map((c) => (c === "" ? null : c))),
          headerRow: 1,
          firstColumn: 1,
        };
        expectReadsAsRows(table, rows);
      }),
      { numRuns: 300 },
    );
  });
});
