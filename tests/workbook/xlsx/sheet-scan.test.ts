/**
 * The byte scanner (sheet-scan.ts) against the reference reader (sheet-reader.ts, the string
 * scanner the package reader used before): random worksheet XML, cut into random chunks (inside
 * tags, inside multi-byte characters, inside numbers), must give the same cell at every row and
 * column, the same rows, the same currencies, and the same error for bad input. Plus hand-worked
 * cases whose values are known without either reader.
 */
import fc from "fast-check";
import { DEFAULT_LIMITS } from "../../../src/workbook/xlsx/limits";
import {
  SheetDataError,
  type SheetCell,
  type SheetContext,
} from "../../../src/workbook/xlsx/sheet-cell";
import { eachCell, SheetReader } from "../../../src/workbook/xlsx/sheet-reader";
import { SheetScanner } from "../../../src/workbook/xlsx/sheet-scan";
import { XmlScanner } from "../../../src/workbook/xlsx/xml-scan";

const SHARED = ["alpha", "  ", "Ünïcødé €", "a&b"];

function context(date1904 = false): SheetContext {
  return {
    sharedStrings: SHARED,
    // style 1: a date format; 2: a currency format (EUR); 0 and 3: plain
    dateStyles: [false, true, false, false],
    currencyStyles: [null, null, "EUR", null],
    date1904,
    limits: { ...DEFAULT_LIMITS },
    cellCount: { n: 0 },
  };
}

type Outcome =
  | { ok: true; cells: [number, number, unknown][]; lastRow: number; currencies: unknown }
  | { ok: false; code: string; message: string };

const norm = (v: SheetCell): unknown => (v instanceof Date ? `date:${v.getTime()}` : v);

/** Every (row, column, value), the later cell winning where a row or cell is written twice. */
function referenceRead(bytes: Uint8Array, date1904: boolean): Outcome {
  const reader = new SheetReader(context(date1904));
  try {
    const scanner = new XmlScanner(reader);
    scanner.write(new TextDecoder().decode(bytes));
    scanner.end();
  } catch (e) {
    if (e instanceof SheetDataError) return { ok: false, code: e.code, message: e.message };
    return { ok: false, code: "xml", message: (e as Error).message };
  }
  const map = new Map<string, [number, number, unknown]>();
  for (let r = 1; r <= reader.lastRow; r++) {
    const row = reader.rows[r];
    if (row !== undefined) eachCell(row, (c, v) => map.set(`${r}:${c}`, [r, c, norm(v)]));
  }
  const cells = [...map.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { ok: true, cells, lastRow: reader.lastRow, currencies: [...reader.currencies] };
}

function scannerRead(bytes: Uint8Array, cuts: number[], date1904: boolean): Outcome {
  const scanner = new SheetScanner(context(date1904));
  try {
    let from = 0;
    for (const cut of [...cuts.filter((c) => c < bytes.length)].sort((a, b) => a - b)) {
      scanner.write(bytes.subarray(from, cut));
      from = cut;
    }
    scanner.write(bytes.subarray(from));
    scanner.end();
  } catch (e) {
    if (e instanceof SheetDataError) return { ok: false, code: e.code, message: e.message };
    return { ok: false, code: "xml", message: (e as Error).message };
  }
  const sheet = scanner.columns;
  const cells: [number, number, unknown][] = [];
  sheet.columns.forEach((col, c) => {
    if (col === undefined) return;
    for (let k = 0; k < col.n; k++) cells.push([col.rows[k], c, norm(sheet.cell(col.rows[k], c))]);
  });
  cells.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { ok: true, cells, lastRow: sheet.lastRow, currencies: [...sheet.currencies] };
}

// ---- random worksheet XML -------------------------------------------------------------------

/** Decimals of 1 to 20 digits with the point anywhere: around the 15-digit fast path's edge. */
const longDecimal = fc
  .tuple(fc.stringMatching(/^[0-9]{1,20}$/), fc.nat({ max: 20 }), fc.boolean())
  .map(([d, at, neg]) => {
    const k = Math.min(at, d.length - 1);
    return `${neg ? "-" : ""}${k === 0 ? d : `${d.slice(0, k)}.${d.slice(k)}`}`;
  });
const numberText = fc.oneof(
  longDecimal,
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x.toFixed(2)),
  fc.constantFrom(
    " 5 ",
    ".5",
    "5.",
    "+3",
    "-0",
    "1E3",
    "2.5e-3",
    "12345678901234567890",
    "0.30000000000000004",
    "9007199254740993",
    "0.1000000000000000055511151231257827",
    "007",
    "",
    "abc",
    "12abc",
    "-",
    "1.2.3",
    "4\n",
  ),
);
// eslint-disable-next-line no-control-regex -- XML text cannot hold C0 controls or lone surrogates
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g;
const textRaw = fc.oneof(
  fc
    .string({ maxLength: 8, unit: "grapheme" })
    .map((s) =>
      s.replace(NOT_XML, "x").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
    ),
  fc.constantFrom(
    "a &amp; b",
    "&#x41;&#66;",
    "&lt;tag&gt;",
    "x_x000D_y",
    "line\r\nnext\rlast",
    "  padded  ",
    "€ 12",
    "日本語",
    "<![CDATA[raw & <b>]]>",
    "C00001",
  ),
);
const ref = (row: number, col: number, dollar: boolean): string => {
  let s = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return dollar ? `$${s}$${row}` : `${s}${row}`;
};

interface CellSpec {
  col: number;
  withRef: boolean;
  dollar: boolean;
  prefix: boolean;
  quote: string;
  type: string | null;
  style: number | null;
  body: string;
}

const cellBody = (type: string | null): fc.Arbitrary<string> => {
  switch (type) {
    case "s":
      return fc.oneof(
        fc.integer({ min: 0, max: 3 }).map((i) => `<v>${i}</v>`),
        fc.constantFrom("<v> 2 </v>", "<v></v>"),
      );
    case "inlineStr":
      return fc.oneof(
        textRaw.map((t) => `<is><t>${t}</t></is>`),
        fc
          .tuple(textRaw, textRaw)
          .map(
            ([a, b]) =>
              `<is><r><t>${a}</t></r><r><rPr/><t xml:space="preserve">${b}</t></r><rPh><t>ignored</t></rPh></is>`,
          ),
      );
    case "b":
      return fc.constantFrom("<v>1</v>", "<v>0</v>", "<v> true </v>", "<v>x</v>");
    case "e":
      return fc.constantFrom("<v>#N/A</v>", "<f>1/0</f><v> #DIV/0! </v>");
    case "d":
      return fc.constantFrom(
        "<v>2024-03-05T00:00:00Z</v>",
        "<v>2024-03-05</v>",
        "<v>not a date</v>",
      );
    case "str":
      return fc.oneof(
        textRaw.map((t) => `<f>A1</f><v>${t}</v>`),
        textRaw.map((t) => `<v>${t}</v>`),
        fc.constant("<f>B2</f>"),
      );
    default:
      return fc.oneof(
        numberText.map((n) => `<v>${n}</v>`),
        numberText.map((n) => `<f>SUM(A1:A2)</f><v>${n}</v>`),
        fc.constantFrom("<f>NOW()</f>", "", "<v/>", "<!-- note --><v>42</v>"),
      );
  }
};

const cellSpec: fc.Arbitrary<CellSpec> = fc
  .record({
    col: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constant(16384), fc.constant(28)),
    withRef: fc.boolean(),
    dollar: fc.boolean(),
    prefix: fc.boolean(),
    quote: fc.constantFrom('"', "'"),
    type: fc.constantFrom(null, "n", "s", "str", "inlineStr", "b", "e", "d", "zz"),
    style: fc.constantFrom(null, 0, 1, 2, 3),
  })
  .chain((c) => cellBody(c.type).map((body) => ({ ...c, body })));

interface RowSpec {
  r: number | null;
  cells: CellSpec[];
}
const rowSpec: fc.Arbitrary<RowSpec> = fc.record({
  r: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 40 })),
  cells: fc.array(cellSpec, { maxLength: 5 }),
});

function cellXml(c: CellSpec, row: number): string {
  const q = c.quote;
  const p = c.prefix ? "x:" : "";
  let attrs = "";
  if (c.withRef) attrs += ` r=${q}${ref(row, c.col, c.dollar)}${q}`;
  if (c.style !== null) attrs += ` s=${q}${c.style}${q}`;
  if (c.type !== null) attrs += `  t = ${q}${c.type}${q}`;
  return c.body === "" ? `<${p}c${attrs}/>` : `<${p}c${attrs}>${c.body}</${p}c >`;
}

function sheetXml(rows: RowSpec[]): string {
  let row = 0;
  const body = rows
    .map((r) => {
      row = r.r ?? row + 1;
      const attrs = r.r === null ? "" : ` r="${r.r}"`;
      return r.cells.length === 0
        ? `<row${attrs}/>`
        : `<row${attrs} spans="1:5">${r.cells.map((c) => cellXml(c, row)).join("")}</row>`;
    })
    .join("\n");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<dimension ref="A1"/><sheetData>${body}</sheetData><c r="A1"><v>9</v></c></worksheet>`
  );
}

test("random sheets in random chunks: the byte scanner reads what the reference reads", () => {
  fc.assert(
    fc.property(
      fc.array(rowSpec, { maxLength: 12 }),
      fc.array(fc.nat({ max: 4000 }), { maxLength: 12 }),
      fc.boolean(),
      (rows, cuts, date1904) => {
        const bytes = new TextEncoder().encode(sheetXml(rows));
        const want = referenceRead(bytes, date1904);
        expect(scannerRead(bytes, cuts, date1904)).toEqual(want);
        // Byte by byte as well: every boundary at once.
        if (bytes.length < 1500)
          expect(
            scannerRead(
              bytes,
              Array.from({ length: bytes.length }, (_, i) => i),
              date1904,
            ),
          ).toEqual(want);
      },
    ),
    { numRuns: 400 },
  );
});

// ---- hand-worked cases ----------------------------------------------------------------------

function read(xml: string): { cell: (r: number, c: number) => unknown; lastRow: number } {
  const s = new SheetScanner(context());
  s.write(new TextEncoder().encode(`<worksheet><sheetData>${xml}</sheetData></worksheet>`));
  s.end();
  return { cell: (r, c) => norm(s.columns.cell(r, c)), lastRow: s.columns.lastRow };
}

test("values known by hand", () => {
  const r = read(
    '<row r="2"><c r="A2"><v>68.15</v></c><c r="B2" s="1"><v>45661</v></c><c r="C2" t="s"><v>2</v></c>' +
      '<c r="D2" t="str"><v>a &amp; b_x000D_</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><v>#N/A</v></c></row>' +
      '<row><c><v>-0.5</v></c><c t="inlineStr"><is><r><t>x</t></r><r><t>y</t></r><rPh><t>z</t></rPh></is></c></row>',
  );
  expect(r.cell(2, 1)).toBe(68.15);
  expect(r.cell(2, 2)).toBe(`date:${Date.UTC(2025, 0, 4)}`); // serial 45661 = 2025-01-04
  expect(r.cell(2, 3)).toBe("Ünïcødé €");
  expect(r.cell(2, 4)).toBe("a & b\r");
  expect(r.cell(2, 5)).toBe(true);
  expect(r.cell(2, 6)).toBe("#N/A");
  expect(r.cell(3, 1)).toBe(-0.5);
  expect(r.cell(3, 2)).toBe("xy");
  expect(r.lastRow).toBe(3);
});

test("the 1904 date system moves serials by 1,462 days", () => {
  const s = new SheetScanner(context(true));
  s.write(
    new TextEncoder().encode(
      '<sheetData><row r="1"><c r="A1" s="1"><v>0</v></c></row></sheetData>',
    ),
  );
  s.end();
  expect(s.columns.cell(1, 1)).toEqual(new Date(Date.UTC(1904, 0, 1)));
});

test("a UTF-16 sheet is read like its UTF-8 text", () => {
  const xml =
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Grüße</t></is></c><c r="B1"><v>7</v></c></row></sheetData>';
  const le = new Uint8Array(2 + xml.length * 2);
  le[0] = 0xff;
  le[1] = 0xfe;
  for (let i = 0; i < xml.length; i++) {
    le[2 + 2 * i] = xml.charCodeAt(i) & 0xff;
    le[3 + 2 * i] = xml.charCodeAt(i) >> 8;
  }
  const s = new SheetScanner(context());
  s.write(le.subarray(0, 7));
  s.write(le.subarray(7));
  s.end();
  expect(s.columns.cell(1, 1)).toBe("Grüße");
  expect(s.columns.cell(1, 2)).toBe(7);
});

test("bad input names the row or cell", () => {
  expect(() => read('<row r="0"><c r="A1"><v>1</v></c></row>')).toThrow(
    'a row is numbered "0", not a whole number from 1',
  );
  expect(() => read('<row r="1"><c r="A1" t="s"><v>9</v></c></row>')).toThrow(
    "cell A1 points at shared string 9, which does not exist",
  );
  expect(() => read('<row r="1"><c r="12"><v>1</v></c></row>')).toThrow(
    'a cell reference "12" has no column',
  );
  expect(() => read('<row r="1048577"/>')).toThrow(
    "row 1,048,577 lies beyond Excel's last row 1,048,576",
  );
  const s = new SheetScanner(context());
  s.write(new TextEncoder().encode('<sheetData><row r="1"><c r="A1"'));
  expect(() => s.end()).toThrow("the XML ends inside a tag");
});
