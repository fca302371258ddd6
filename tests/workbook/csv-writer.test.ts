import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";
import { csvFileName, toCsv, writeCsvFolder } from "../../src/workbook/csv-writer";
import { safeText } from "../../src/workbook/safe-text";
import { tempDir } from "./external-tools";

function table(name: string, header: string[], rows: CellValue[][]): RawTable {
  return { name, origin: "test", header, rows, headerRow: 1, firstColumn: 1 };
}

/** Strict RFC 4180 reader for LF-terminated output (test-local, independent of the writer). */
function parseRfc4180(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
        if (i < text.length && text[i] !== "," && text[i] !== "\n")
          throw new Error(`junk after quote at ${i}`);
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"') {
      if (field !== "") throw new Error(`quote inside unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (ch === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (ch === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else {
      if (ch === "\r") throw new Error(`bare CR at ${i}`);
      field += ch;
      i++;
    }
  }
  if (quoted) throw new Error("unterminated quote");
  if (field !== "" || record.length > 0) throw new Error("last record has no line end");
  return records;
}

describe("toCsv", () => {
  it("quotes per RFC 4180, ends lines with LF, and makes formula-looking text inert", () => {
    const csv = toCsv(
      table(
        "t",
        ["id", "name", "value", "week", "flag"],
        [
          ["1", "Smith, John", 12.5, new Date(Date.UTC(2025, 8, 6)), true],
          ["=1+1", 'say "hi"', NaN, new Date(Date.UTC(2025, 8, 6, 13, 30)), false],
          ["+SUM(A1)", "two\nlines", Infinity, null, null],
          ["-2+3", "@cmd", -0, new Date(NaN), null],
          ["\t=x", "Zoë 東京", -7, null],
        ],
      ),
    );
    expect(csv).toBe(
      [
        "id,name,value,week,flag",
        '1,"Smith, John",12.5,2025-09-06,TRUE',
        `'=1+1,"say ""hi""",,2025-09-06T13:30:00.000Z,FALSE`,
        `'+SUM(A1),"two\nlines",,,`,
        "'-2+3,'@cmd,0,,",
        `"'\t=x",Zoë 東京,-7,,`,
        "",
      ].join("\n"),
    );
    expect(csv).not.toContain("\r");
  });

  it("round-trips random tables through an RFC 4180 reader (modulo the quote prefix)", () => {
    const cell = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.constantFrom("=1+1", "+x", "-1", "@a", "\t=x", 'a,"b"\r\nc'),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2090, 0, 1)) }),
    );
    const tableArb = fc
      .integer({ min: 1, max: 5 })
      .chain((w) =>
        fc.tuple(
          fc.array(fc.string({ unit: "binary" }), { minLength: w, maxLength: w }),
          fc.array(fc.array(cell, { minLength: w, maxLength: w }), { maxLength: 8 }),
        ),
      );
    fc.assert(
      fc.property(tableArb, ([header, rows]) => {
        const parsed = parseRfc4180(toCsv(table("t", header, rows)));
        expect(parsed).toHaveLength(rows.length + 1);
        expect(parsed[0]).toEqual(header.map(safeText));
        rows.forEach((row, r) => {
          row.forEach((v, c) => {
            const got = parsed[r + 1][c];
            if (typeof v === "string") expect(got).toBe(safeText(v));
            else if (typeof v === "number")
              expect(got).toBe(Number.isFinite(v) ? String(v === 0 ? 0 : v) : "");
            else if (typeof v === "boolean") expect(got).toBe(v ? "TRUE" : "FALSE");
            else if (v instanceof Date) {
              if (Number.isNaN(v.getTime())) expect(got).toBe("");
              else
                expect(new Date(got.length === 10 ? `${got}T00:00:00Z` : got).getTime()).toBe(
                  v.getTime(),
                );
            } else expect(got).toBe("");
            if (typeof v === "number" && Number.isFinite(v))
              expect(Number(got)).toBe(v === 0 ? 0 : v);
          });
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("writeCsvFolder", () => {
  it("streams each table to <name>.csv with the same content as toCsv", async () => {
    const dir = path.join(tempDir("csv"), "out");
    const big = table(
      "retail_weekly_sales.csv",
      ["customer_id", "week", "spend"],
      Array.from({ length: 12_345 }, (_, i) => [
        String(i),
        new Date(Date.UTC(2025, 0, 4 + 7 * (i % 12))),
        i / 4,
      ]),
    );
    const small = table("customers", ["id", "name"], [["1", "=cmd|' /C calc'!A0"]]);
    const odd = table("a/b:c", ["x"], []);
    await writeCsvFolder([big, small, odd], dir);
    expect(readFileSync(path.join(dir, "retail_weekly_sales.csv"), "utf8")).toBe(toCsv(big));
    const customers = readFileSync(path.join(dir, "customers.csv"), "utf8");
    expect(customers).toBe(`id,name\n1,'=cmd|' /C calc'!A0\n`);
    expect(readFileSync(path.join(dir, "a_b_c.csv"), "utf8")).toBe("x\n");
  });

  it("names files safely", () => {
    expect(csvFileName("stock")).toBe("stock.csv");
    expect(csvFileName("stock.CSV")).toBe("stock.CSV");
    expect(csvFileName("../x")).toBe(".._x.csv");
    expect(csvFileName("..")).toBe("table.csv");
  });
});
