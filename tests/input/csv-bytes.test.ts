/**
 * The byte path of the CSV reader (csv-encoding.ts utf8Body, csv-columns.ts scanCsvBytes,
 * csv-folder-reader.ts csvBytesToTable) against the text path it replaces for UTF-8 files:
 * decodeCsvBytes then csv-parser.ts parseCsv, the reference. On random CSV bytes (quotes, doubled
 * quotes, CRLF / CR / LF, byte-order marks, empty fields, non-ASCII text, numbers at the 15-17
 * digit edge, exponents, negative zero, dates in the accepted forms) the byte path must give every
 * cell, blank row, distinct code, plain cent, quote error, encoding, Dataset, issue and count the
 * text path gives.
 */
import fc from "fast-check";
import { scanCsvBytes } from "../../src/workbook/csv-columns";
import { parseCsv } from "../../src/workbook/csv-parser";
import { isAscii as nativeIsAscii } from "buffer";
import { decodeCsvBytes, isAscii, utf8Body } from "../../src/workbook/csv-encoding";
import { csvBytesToTable } from "../../src/workbook/csv-folder-reader";
import { isBlankRow } from "../../src/engine/input/coerce-id";
import { coerceMoney, newNumberParse, NumStatus } from "../../src/engine/input/coerce-number";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";
import { expectReadsAsRows } from "../support/reads-as-rows";
import { expectScanOf } from "./csv-reference";

const PIECES = [
  "a",
  "C001",
  " x ",
  "Müller",
  "東京",
  "😀",
  "\u00a0",
  "\u2003",
  "1",
  "12.50",
  "-0",
  "-0.00",
  "0.10",
  "123456789012345",
  "1234567890123456",
  "12345678901234567",
  "9007199254740993",
  "0.1234567890123456",
  "1e3",
  "-2.5E-3",
  "1e400",
  "99999999999999.99",
  "2025-01-04",
  "2025-W03",
  "45663",
  '"',
  '""',
  '"q,"',
  '"a""b"',
  '"x"y',
  '"é\n"',
  ",",
  ";",
  "\t",
  "\r\n",
  "\n",
  "\r",
  " ",
  "\ufeff",
];

const BOM = [0xef, 0xbb, 0xbf];

/** UTF-8 bytes of random CSV text, with no, one or two byte-order marks. */
const csvBytes = fc
  .tuple(fc.constantFrom(0, 1, 2), fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }))
  .map(([boms, parts]) => {
    const body = Buffer.from(parts.join(""), "utf8");
    return new Uint8Array([...(boms > 0 ? BOM : []), ...(boms > 1 ? BOM : []), ...body]);
  });

/** What the text path reads: the decoded text and parseCsv's rows (empty cells -> null). */
function reference(bytes: Uint8Array): {
  text: string;
  parsed: ReturnType<typeof parseCsv>;
  rows: CellValue[][];
} {
  const text = decodeCsvBytes(bytes).text;
  const parsed = parseCsv(text);
  return { text, parsed, rows: parsed.rows.map((r) => r.map((c) => (c === "" ? null : c))) };
}

describe("utf8Body: the bytes decodeCsvBytes reads as UTF-8, undecoded", () => {
  it("on random bytes: defined exactly for UTF-8, decoding to the same text", () => {
    const bytesArb = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 20 }).map((s) => new Uint8Array(Buffer.from(s))),
      fc
        .tuple(
          fc.constantFrom([0xff, 0xfe], [0xfe, 0xff], BOM, []),
          fc.uint8Array({ maxLength: 9 }),
        )
        .map(([head, tail]) => new Uint8Array([...head, ...tail])),
    );
    fc.assert(
      fc.property(bytesArb, fc.nat(7), (raw, offset) => {
        // At any offset in its buffer (the word-at-a-time ASCII check handles misalignment).
        const backing = new Uint8Array(raw.length + offset);
        backing.set(raw, offset);
        const bytes = backing.subarray(offset);
        const decoded = decodeCsvBytes(bytes);
        const body = utf8Body(bytes);
        const isUtf8 = decoded.encoding === "UTF-8" || decoded.encoding === "UTF-8 with BOM";
        expect(body !== undefined).toBe(isUtf8);
        if (body === undefined) return;
        expect(body.encoding).toBe(decoded.encoding);
        expect(Buffer.from(body.bytes).toString("utf8")).toBe(decoded.text);
        expect(body.ascii).toBe([...body.bytes].every((b) => b < 0x80));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("the all-ASCII test: Node's native buffer.isAscii (the CLI's) gives the word-wise isAscii's answer", () => {
  it("on random bytes at any offset and length, mostly ASCII with a high byte anywhere", () => {
    const bytesArb = fc.oneof(
      fc.uint8Array({ maxLength: 70 }),
      fc.uint8Array({ max: 0x7f, maxLength: 70 }),
      fc
        .tuple(fc.uint8Array({ max: 0x7f, minLength: 1, maxLength: 70 }), fc.nat(), fc.nat(0xff))
        .map(([b, at, high]) => {
          const out = b.slice();
          out[at % out.length] = 0x80 | high;
          return out;
        }),
    );
    fc.assert(
      fc.property(bytesArb, fc.nat(7), (raw, offset) => {
        const backing = new Uint8Array(raw.length + offset);
        backing.set(raw, offset);
        const bytes = backing.subarray(offset);
        const expected = [...bytes].every((b) => b < 0x80);
        expect(isAscii(bytes)).toBe(expected);
        expect(nativeIsAscii(bytes)).toBe(expected);
        // utf8Body gives the same body either way, the file's bytes in place.
        expect(utf8Body(bytes, nativeIsAscii)).toEqual(utf8Body(bytes));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("scanCsvBytes reads what parseCsv reads from the decoded text", () => {
  it("header, rows, cells, widths, blank rows, the delimiter and the unclosed-quote report", () => {
    fc.assert(
      fc.property(csvBytes, (bytes) => {
        const { parsed, rows } = reference(bytes);
        const body = utf8Body(bytes);
        expect(body).toBeDefined();
        if (body === undefined) return;
        const scanned = scanCsvBytes(body.bytes, body.ascii);
        expectScanOf(scanned, parsed, rows);
        const blank = scanned.columns.blankRows();
        for (let i = 0; i < rows.length; i++) expect(blank[i]).toBe(isBlankRow(rows[i]) ? 1 : 0);
      }),
      { numRuns: 3000 },
    );
  });

  it("distinct codes: values[code[i]] is row i's cell; plain cents are coerceMoney's", () => {
    const num = newNumberParse();
    let plain = 0;
    fc.assert(
      fc.property(csvBytes, (bytes) => {
        const { rows } = reference(bytes);
        const body = utf8Body(bytes);
        if (body === undefined) return;
        const { columns } = scanCsvBytes(body.bytes, body.ascii);
        const width = Math.max(1, ...rows.map((r) => r.length));
        for (let j = 0; j < width; j++) {
          const { code, values } = columns.distinctCells(j);
          const cents = columns.plainCentsColumn(j);
          for (let i = 0; i < rows.length; i++) {
            expect(values[code[i]]).toBe(rows[i][j] ?? null);
            if (Number.isNaN(cents[i])) continue;
            plain++;
            expect(coerceMoney(rows[i][j] ?? null, num)).toBe(NumStatus.Ok);
            expect(Object.is(cents[i], num.cents)).toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
    expect(plain).toBeGreaterThan(10);
  });

  it("hand-worked: two byte-order marks, a UTF-8 quoted line end, CR lines, a semicolon file", () => {
    const bytes = new Uint8Array([
      ...BOM,
      ...BOM,
      ...Buffer.from('id;name\r"C1";"Zoë\r\nx"\rC2;東京\r', "utf8"),
    ]);
    const body = utf8Body(bytes);
    expect(body?.encoding).toBe("UTF-8 with BOM");
    expect(body?.ascii).toBe(false);
    const { columns, delimiter } = scanCsvBytes(body!.bytes, body!.ascii);
    expect(delimiter).toBe(";");
    expect(columns.header).toEqual(["id", "name"]);
    expect(columns.rowCount).toBe(2);
    expect([columns.cell(0, 0), columns.cell(0, 1)]).toEqual(["C1", "Zoë\r\nx"]);
    expect([columns.cell(1, 0), columns.cell(1, 1)]).toEqual(["C2", "東京"]);
  });
});

/** A sales CSV with faults, non-ASCII ids, edge numbers and every accepted week form. */
const salesBytes = fc
  .array(
    fc.record({
      id: fc.constantFrom("C1", "C2", "Zoë", '"東京"', " C3 ", "", "4", "4.0", '"C,5"', "-0"),
      week: fc.constantFrom(
        "2025-01-06",
        '"2025-01-06"',
        "2025-01-13",
        "2025-01-20",
        "2025-W04",
        "45663",
        "3",
        "",
        "bad",
        "2025-02-01",
      ),
      spend: fc.constantFrom(
        "12.50",
        "0",
        "-0",
        "-3",
        "1.234",
        "1e2",
        "-2.5E-3",
        "123456789012.34",
        "1234567890123.45",
        "12345678901234567",
        "x",
        "",
        '"1,5"',
        "€4",
      ),
      store: fc.constantFrom("S1", "S2", "", "7", "7.00", '"S1"', "Köln"),
      blank: fc.boolean(),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .chain((rows) =>
    fc.tuple(fc.constant(rows), fc.constantFrom("\n", "\r\n", "\r"), fc.boolean(), fc.boolean()),
  )
  .map(([rows, eol, total, bom]) => {
    const lines = ["customer_id,week_start_date,weekly_spend,store_id"];
    for (const r of rows) lines.push(r.blank ? ", ,," : `${r.id},${r.week},${r.spend},${r.store}`);
    if (total) lines.push("Total,,100.00,");
    const body = Buffer.from(lines.join(eol) + eol, "utf8");
    return new Uint8Array([...(bom ? BOM : []), ...body]);
  });

/** The text path's table: parseCsv's rows as plain arrays (no column-wise cells). */
function rowTable(name: string, bytes: Uint8Array): RawTable {
  const { parsed, rows } = reference(bytes);
  return { name, origin: "csv", header: parsed.header, rows, headerRow: 1, firstColumn: 1 };
}

describe("csvBytesToTable: the input layer reads the byte path as the text path's rows", () => {
  it("same Dataset, issues and counts on random faulty sales files", () => {
    fc.assert(
      fc.property(salesBytes, (bytes) => {
        const { table, encoding } = csvBytesToTable("weekly_sales.csv", bytes);
        expect(encoding).toBe(decodeCsvBytes(bytes).encoding);
        expectReadsAsRows(table, rowTable("weekly_sales.csv", bytes));
      }),
      { numRuns: 300 },
    );
  });

  it("an unclosed quote is the same error on both paths; other encodings take the text path", () => {
    const bytes = new Uint8Array(Buffer.from('id,w\nC1,"open\nC2,x\nC3,y\n', "utf8"));
    expect(() => csvBytesToTable("t.csv", bytes)).toThrow(
      "t.csv, line 2: a quoted field opens here and is never closed, so it would swallow the 2 lines after it (lines 3 to 4) as one cell.",
    );
    const latin1 = new Uint8Array(Buffer.from("id,name\nC1,Müller\n", "latin1"));
    const read = csvBytesToTable("t.csv", latin1);
    expect(read.encoding).toBe("Windows-1252");
    expect(read.table.rows).toEqual([["C1", "Müller"]]);
  });
});
