import fc from "fast-check";
import { parseCsv, sniffDelimiter } from "../../src/workbook/csv-parser";

/** Write a table as CSV with RFC 4180 quoting (quote when needed, or at random when safe). */
function writeCsv(rows: string[][], delimiter: string, eol: string, quoteAll: boolean[]): string {
  return rows
    .map((r, i) =>
      r
        .map((f) => {
          const needs =
            f === "" ||
            f.includes(delimiter) ||
            f.includes('"') ||
            f.includes("\n") ||
            f.includes("\r");
          return needs || quoteAll[i % quoteAll.length] ? `"${f.replace(/"/g, '""')}"` : f;
        })
        .join(delimiter),
    )
    .join(eol);
}

describe("parseCsv", () => {
  test("hand-worked: quotes, doubled quotes, embedded newline, CRLF, BOM", () => {
    const text = '\uFEFFid,name,note\r\n1,"Smith, J","said ""hi""\r\nthen left"\r\n2,Lee,\r\n';
    const r = parseCsv(text);
    expect(r.delimiter).toBe(",");
    expect(r.header).toEqual(["id", "name", "note"]);
    expect(r.rows).toEqual([
      ["1", "Smith, J", 'said "hi"\r\nthen left'],
      ["2", "Lee", ""],
    ]);
  });

  test("CR-only line ends, semicolon and tab sniffing, trimmed header", () => {
    expect(parseCsv("a;b\r1;2\r3;4").rows).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(parseCsv("a;b\r1;2").delimiter).toBe(";");
    expect(parseCsv(" a \t b\n1,5\t2").header).toEqual(["a", "b"]);
    expect(parseCsv(" a \t b\n1,5\t2").rows).toEqual([["1,5", "2"]]);
    expect(sniffDelimiter('"x;y;z",b,c')).toBe(",");
    expect(parseCsv("")).toEqual({ header: [], rows: [], delimiter: "," });
    expect(parseCsv("a,b\n")).toEqual({ header: ["a", "b"], rows: [], delimiter: "," });
  });

  test("property: random tables written with proper quoting round-trip", () => {
    const field = fc.string({
      unit: fc.constantFrom("a", "b", " ", ",", ";", "\t", '"', "\n", "\r", "é", "1"),
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((w) =>
          fc.tuple(
            fc.array(
              fc.string({
                unit: fc.constantFrom("h", "x", "_", "1"),
                minLength: 1,
                maxLength: 5,
              }),
              { minLength: w, maxLength: w },
            ),
            fc.array(fc.array(field, { minLength: w, maxLength: w }), { maxLength: 6 }),
          ),
        ),
        fc.constantFrom(",", ";", "\t"),
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        ([header, rows], delimiter, eol, quoteAll, trailingEol) => {
          // make the delimiter unambiguous for sniffing: it must occur in the header line
          fc.pre(header.length > 1 || delimiter === ",");
          const text =
            writeCsv([header, ...rows], delimiter, eol, quoteAll) + (trailingEol ? eol : "");
          const parsed = parseCsv(text, header.length > 1 ? undefined : { delimiter });
          expect(parsed.delimiter).toBe(delimiter);
          expect(parsed.header).toEqual(header);
          expect(parsed.rows).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("property: any text parses without throwing, into rows of strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parseCsv(text);
        for (const row of r.rows) for (const f of row) expect(typeof f).toBe("string");
      }),
    );
  });
});
