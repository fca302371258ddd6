/**
 * .xlsx inputs through the CLI (issue 10, items 4, 5, 7): a workbook written the way openpyxl and
 * pandas write it (absolute relationship targets, worksheets before the workbook in the zip, an
 * Excel table with a totals row) gives the same figures as the same data in CSV; files that are
 * not workbooks, bombs and uncalculated formulas exit 2 with their own message. Every input stays
 * byte-identical.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bookEntries, buildZip, repeatedDeflate, tableXml } from "../workbook/xlsx/zip-builder";
import { runCli, SEED_DIR, tempDir } from "./run-cli";

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const col = (j: number): string => String.fromCharCode(65 + j);

/** Sheet XML for CSV lines: numbers as numbers, the rest as inline strings; no r on cells. */
function sheetXml(lines: string[]): string {
  return lines
    .map((line, i) => {
      const cells = line
        .split(",")
        .map((v) =>
          /^-?\d+(\.\d+)?$/.test(v)
            ? `<c><v>${v}</v></c>`
            : `<c t="inlineStr"><is><t>${esc(v)}</t></is></c>`,
        );
      return `<row r="${i + 1}">${cells.join("")}</row>`;
    })
    .join("");
}

function csvLines(file: string, rows: number): string[] {
  return readFileSync(join(SEED_DIR, file), "utf8")
    .trim()
    .split("\n")
    .slice(0, rows + 1);
}

test("an openpyxl-style workbook gives the same figures as the same data in CSV", async () => {
  const sales = csvLines("retail_weekly_sales.csv", 2400);
  const customers = csvLines("retail_customers.csv", 200);
  const width = sales[0].split(",").length;
  // The sales sheet is an Excel table with a totals row, which must not be read as data.
  const totals = `<row r="${sales.length + 1}"><c t="inlineStr"><is><t>Total</t></is></c></row>`;
  const entries = bookEntries({
    absolute: true,
    sheets: [
      {
        name: "retail_weekly_sales",
        body: sheetXml(sales) + totals,
        table: tableXml("retail_weekly_sales", `A1:${col(width - 1)}${sales.length + 1}`, 1),
      },
      { name: "retail_customers", body: sheetXml(customers) },
    ],
  });
  const dir = tempDir("xl");
  const book = join(dir, "openpyxl-style.xlsx");
  writeFileSync(book, buildZip([...entries.slice(4), ...entries.slice(0, 4)]));
  const csv = join(tempDir("csv"), "seed");
  mkdirSync(csv);
  writeFileSync(join(csv, "retail_weekly_sales.csv"), sales.join("\n") + "\n");
  writeFileSync(join(csv, "retail_customers.csv"), customers.join("\n") + "\n");
  const before = readFileSync(book);
  const fromXlsx = await runCli(["analyze", book, "--json", join(dir, "x.json")]);
  const fromCsv = await runCli(["analyze", csv, "--json", join(dir, "c.json")]);
  expect(fromXlsx.code).toBe(0);
  expect(fromXlsx.err).not.toMatch(/row 2402|Total/); // the totals row is not data
  const headline = (out: string): string => out.replace(/^(Summary JSON|Input).*$/gm, "");
  expect(headline(fromXlsx.out)).toEqual(headline(fromCsv.out));
  expect(readFileSync(book).equals(before)).toBe(true);
});

const HEAD = '<row r="1"><c t="inlineStr"><is><t>customer_id</t></is></c></row>';
const ole = (extra: string): Buffer => {
  const b = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
  Buffer.from(extra, "utf16le").copy(b, 1024);
  return b;
};

test.each([
  ["an encrypted workbook", () => ole("EncryptionInfo"), /password-protected/],
  ["an old .xls named .xlsx", () => ole("Workbook"), /Excel 97-2003 workbook \(\.xls\)/],
  [
    "formulas without cached values",
    () =>
      buildZip(
        bookEntries({
          sheets: [{ name: "Sales", body: HEAD + '<row r="2"><c r="A2"><f>1+1</f></c></row>' }],
        }),
      ),
    /sheet "Sales": 1 formula cell has no saved value \(first at A2\)/,
  ],
  [
    "a sheet that inflates to gigabytes",
    () => {
      const block = ("<row>" + "<c><v>1</v></c>".repeat(10) + "</row>").repeat(6_000);
      const head = repeatedDeflate('<worksheet xmlns="x"><sheetData>' + block, 1);
      const data = Buffer.concat([head.subarray(0, head.length - 2), repeatedDeflate(block, 2200)]);
      return buildZip(
        bookEntries({ sheets: [{ name: "S", body: HEAD }] }).map((e) =>
          e.name === "xl/worksheets/sheet1.xml" ? { name: e.name, data, size: 1 } : e,
        ),
      );
    },
    /refused: .* inflates more than 100 times its compressed size/,
  ],
])("%s: exit 2 with its own message, the file untouched", async (_name, bytes, message) => {
  const file = join(tempDir("bad"), "input.xlsx");
  writeFileSync(file, bytes());
  const before = readFileSync(file);
  const run = await runCli(["analyze", file, "--quiet"]);
  expect(run.code).toBe(2);
  expect(run.err).toMatch(/^rgo: input\.xlsx: /);
  expect(run.err).toMatch(message);
  expect(readFileSync(file).equals(before)).toBe(true); // (toEqual on MB buffers is slow)
});
