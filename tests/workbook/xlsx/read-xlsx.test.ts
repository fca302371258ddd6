/**
 * The own .xlsx reader on packages written by hand: relationships with absolute targets (openpyxl,
 * pandas), parts in any zip order, cells without `r`, every cell type, dates in both systems,
 * formulas with and without a cached value, and files that only pretend to be .xlsx.
 */
import { RgoError } from "../../../src/engine/errors";
import { deflateRawSync } from "node:zlib";
import { readXlsxBytes } from "../../../src/workbook/xlsx/read-xlsx";
import { nodeInflate } from "../../../src/workbook/xlsx/read-xlsx-file";
import { bookEntries, buildZip, tableXml, textEntry, type BookSpec } from "./zip-builder";

function thrown(f: () => unknown): RgoError {
  try {
    f();
  } catch (e) {
    if (e instanceof RgoError) return e;
    throw e;
  }
  throw new Error("expected an RgoError");
}

const SALES = `<row r="1"><c r="A1" t="inlineStr"><is><t>customer_id</t></is></c><c r="B1" t="inlineStr"><is><t>spend</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>C1</t></is></c><c r="B2"><v>10</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>C2</t></is></c><c r="B3"><v>20</v></c></row>
<row r="4"><c r="A4" t="inlineStr"><is><t>Total</t></is></c><c r="B4"><f>SUBTOTAL(109,B2:B3)</f><v>30</v></c></row>`;

const spec = (absolute: boolean): BookSpec => ({
  absolute,
  sheets: [
    { name: "Weekly sales", body: SALES, table: tableXml("sales", "A1:B4", 1) },
    { name: "Notes", body: '<row r="2"><c r="B2" t="s"><v>0</v></c></row>' },
  ],
  sharedStrings: ["note"],
});

describe("relationships and zip order", () => {
  test.each([false, true])("absolute targets %s: sheet names, tables, no totals row", (abs) => {
    const book = readXlsxBytes(buildZip(bookEntries(spec(abs))), "book.xlsx");
    expect(book.tables.map((t) => [t.name, t.origin, t.header, t.rows])).toEqual([
      [
        "sales",
        "xlsx table",
        ["customer_id", "spend"],
        [
          ["C1", 10],
          ["C2", 20],
        ],
      ],
      ["Notes", "xlsx sheet", ["note"], []],
    ]);
    expect(book.tables[1].headerRow).toBe(2);
    expect(book.tables[1].firstColumn).toBe(2);
  });

  test("every zip order gives the same tables (worksheets before workbook and shared strings)", () => {
    const entries = bookEntries(spec(true));
    const expected = readXlsxBytes(buildZip(entries), "book.xlsx");
    const orders = [entries.slice().reverse(), [...entries.slice(4), ...entries.slice(0, 4)]];
    for (let seed = 1; seed <= 20; seed++) {
      const shuffled = entries.slice();
      let x = seed;
      for (let i = shuffled.length - 1; i > 0; i--) {
        x = (x * 1103515245 + 12345) % 2147483648;
        const j = x % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      orders.push(shuffled);
    }
    for (const order of orders)
      expect(readXlsxBytes(buildZip(order), "book.xlsx")).toEqual(expected);
  });

  test("cells and rows without the optional r attribute", () => {
    const body =
      '<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row>' +
      "<row><c><v>1</v></c><c><v>2</v></c></row><row><c/><c><v>4</v></c></row>";
    const book = readXlsxBytes(buildZip(bookEntries({ sheets: [{ name: "S", body }] })), "b.xlsx");
    expect(book.tables[0].header).toEqual(["a", "b"]);
    expect(book.tables[0].rows).toEqual([
      [1, 2],
      [null, 4],
    ]);
  });
});

describe("cell values", () => {
  const styles =
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="0.00&quot; days&quot;"/></numFmts>' +
    '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>';
  const row2 =
    '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><r><t>ri</t></r><r><t xml:space="preserve">ch </t></r><rPh><t>x</t></rPh></is></c>' +
    '<c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#N/A</v></c><c r="E2" s="1"><v>45661</v></c><c r="F2" s="2"><v>45662.5</v></c>' +
    '<c r="G2" s="3"><v>3</v></c><c r="H2"><f>A1-A1</f><v>0</v></c><c r="I2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="J2" t="s"><v>2</v></c></row>';
  const header =
    '<row r="1">' +
    "ABCDEFGHIJ"
      .split("")
      .map((c) => `<c r="${c}1" t="inlineStr"><is><t>${c.toLowerCase()}</t></is></c>`)
      .join("") +
    "</row>";

  test("shared, rich, inline, boolean, error, dates by format, formula results (0 is 0)", () => {
    const bytes = buildZip(
      bookEntries({
        sheets: [{ name: "S", body: header + row2 }],
        sharedStrings: ["unused", "Jos&#233; &amp; Ann", "&lt;b&gt;"],
        styles,
      }),
    );
    const [t] = readXlsxBytes(bytes, "b.xlsx").tables;
    expect(t.rows[0]).toEqual([
      "José & Ann",
      "rich ",
      true,
      "#N/A",
      new Date(Date.UTC(2025, 0, 4)),
      new Date(Date.UTC(2025, 0, 5, 12)),
      3,
      0,
      "ab",
      "<b>",
    ]);
  });

  test("the 1904 date system", () => {
    const body =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>d</t></is></c></row><row r="2"><c r="A2" s="1"><v>0</v></c></row>';
    const b = buildZip(bookEntries({ sheets: [{ name: "S", body }], date1904: true }));
    expect(readXlsxBytes(b, "b.xlsx").tables[0].rows).toEqual([[new Date(Date.UTC(1904, 0, 1))]]);
  });

  test("a formula without a cached value is named, with its cell", () => {
    const body = `<row r="1"><c r="A1" t="inlineStr"><is><t>spend</t></is></c></row><row r="2"><c r="A2"><f>1+1</f></c></row><row r="3"><c r="A3"><f>2+2</f></c></row>`;
    const e = thrown(() =>
      readXlsxBytes(buildZip(bookEntries({ sheets: [{ name: "Sales", body }] })), "b.xlsx"),
    );
    expect(e.code).toBe("uncalculated-formulas");
    expect(e.message).toMatch(
      /b\.xlsx: sheet "Sales": 2 formula cells have no saved value \(first at A2\)/,
    );
  });
});

describe("files that are not .xlsx workbooks", () => {
  const ole = (extra: string): Uint8Array => {
    const b = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
    Buffer.from(extra, "utf16le").copy(b, 1024);
    return b;
  };
  test.each([
    ["encrypted", ole("EncryptionInfo"), "encrypted-workbook", /password-protected/],
    [".xls", ole("Workbook"), "not-xlsx", /Excel 97-2003 workbook \(\.xls\)/],
    [
      ".ods",
      buildZip([textEntry("mimetype", "application/vnd.oasis.opendocument.spreadsheet")]),
      "not-xlsx",
      /OpenDocument spreadsheet \(\.ods\)/,
    ],
    [".numbers", buildZip([textEntry("Index/Document.iwa", "x")]), "not-xlsx", /Apple Numbers/],
    ["text", Buffer.from("a,b\n1,2\n"), "corrupt-file", /not a zip package/],
  ])("%s", (_label, bytes, code, message) => {
    const e = thrown(() => readXlsxBytes(bytes, "in.xlsx"));
    expect([e.kind, e.code]).toEqual(["input", code]);
    expect(e.message).toMatch(/^in\.xlsx: /);
    expect(e.message).toMatch(message);
  });
});

describe("tables saved without a header row (headerRowCount=0)", () => {
  const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const headerless = (ref: string): string =>
    `<?xml version="1.0"?><table xmlns="${MAIN}" id="1" name="t" displayName="t" ref="${ref}" headerRowCount="0">` +
    `<tableColumns count="2"><tableColumn id="1" name="customer_id"/><tableColumn id="2" name="spend"/></tableColumns></table>`;
  const read = (body: string, ref: string) =>
    readXlsxBytes(
      buildZip(
        bookEntries({
          absolute: false,
          sheets: [{ name: "S", body, table: headerless(ref) }],
          sharedStrings: [],
        }),
      ),
      "h.xlsx",
    ).tables;

  test("a first row that repeats the column names is the header (a round trip through exceljs leaves this)", () => {
    const [t] = read(SALES, "A1:B3");
    expect(t).toMatchObject({ name: "t", header: ["customer_id", "spend"], headerRow: 1 });
    expect(t.rows).toEqual([
      ["C1", 10],
      ["C2", 20],
    ]);
  });

  test("a truly headerless table is read under its column names, every row data", () => {
    const body = SALES.split("\n").slice(1, 3).join("\n");
    const [t] = read(body, "A2:B3");
    expect(t).toMatchObject({ header: ["customer_id", "spend"], headerRow: 1, firstColumn: 1 });
    expect(t.rows).toEqual([
      ["C1", 10],
      ["C2", 20],
    ]);
  });
});

describe("Node's native inflater (the CLI) and the portable one (the browser) read the same", () => {
  test.each([false, true])("absolute targets %s: identical tables", (abs) => {
    const bytes = buildZip(bookEntries(spec(abs)));
    const portable = readXlsxBytes(bytes, "b.xlsx");
    const native = readXlsxBytes(bytes, "b.xlsx", { rawInflate: nodeInflate });
    expect(native).toEqual(portable);
    expect(native.tables.length).toBeGreaterThan(0);
  });

  test("the native inflater refuses output past its cap (null), so the streaming limits apply", () => {
    const big = new Uint8Array(1 << 20).fill(65);
    const packed = deflateRawSync(big);
    expect(nodeInflate(packed, 1000)).toBeNull();
    expect(nodeInflate(packed, 2 << 20)?.length).toBe(1 << 20);
  });
});
