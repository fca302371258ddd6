/**
 * Small hostile files (issue 10, class 5): each is refused or read within 10 s and 500 MB, in a
 * child process (so peak memory is measured alone) whose temp folder stays empty: nothing is
 * spooled to disk. The bombs are raw deflate streams repeating one block (see zip-builder).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { bookEntries, buildZip, repeatedDeflate, type RawEntry } from "./zip-builder";

const ROOT = path.resolve(__dirname, "../../..");

// Runs the TypeScript reader in a fresh Node (sources transpiled on require), prints one JSON line.
const CHILD = `
const ts = require(${JSON.stringify(path.join(ROOT, "node_modules/typescript"))});
const fs = require("fs");
require.extensions[".ts"] = (m, file) => {
  const out = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  m._compile(out.outputText, file);
};
const { readXlsxFile } = require(${JSON.stringify(path.join(ROOT, "src/workbook/xlsx/read-xlsx-file.ts"))});
const t0 = Date.now();
readXlsxFile(process.argv[1]).then(
  (b) => ({ ok: true, tables: b.tables.map((t) => [t.name, t.header.length, t.rows.length]) }),
  (e) => ({ ok: false, code: e.code, message: e.message }),
).then((r) => {
  r.ms = Date.now() - t0;
  r.peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify(r));
});
`;

interface ChildResult {
  ok: boolean;
  code?: string;
  message?: string;
  tables?: [string, number, number][];
  ms: number;
  peakMb: number;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "rgo-hostile-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readInChild(name: string, bytes: Uint8Array): ChildResult {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const tmp = mkdtempSync(path.join(dir, "tmp-"));
  const run = spawnSync(process.execPath, ["-e", CHILD, file], {
    encoding: "utf8",
    env: { ...process.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp },
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
  expect(readdirSync(tmp)).toEqual([]); // nothing spooled
  const result = JSON.parse(run.stdout.trim().split("\n").pop() as string) as ChildResult;
  // RGO_HOSTILE_REPORT=1 prints each file's outcome, time and peak memory (for reports).
  if (process.env.RGO_HOSTILE_REPORT)
    process.stderr.write(
      `${name}\t${result.ok ? "read" : result.code}\t${result.ms} ms\t${Math.round(result.peakMb)} MB\n`,
    );
  return result;
}

const HEAD = '<row r="1"><c r="A1" t="inlineStr"><is><t>customer_id</t></is></c></row>';

/** A workbook whose part `name` is replaced by `entry`. */
function withPart(entry: RawEntry, sheetBody = HEAD): Uint8Array {
  const entries = bookEntries({ sheets: [{ name: "S", body: sheetBody }] }).map((e) =>
    e.name === entry.name ? entry : e,
  );
  return buildZip(entries);
}

function within(r: ChildResult): void {
  expect(r.ms).toBeLessThan(10_000);
  expect(r.peakMb).toBeLessThan(500);
}

test("a sheet that inflates to 2.2 GB is refused early as a zip bomb", () => {
  const block = ("<row>" + "<c><v>1</v></c>".repeat(10) + "</row>").repeat(6_000); // 1 MB
  const sheet = repeatedDeflate(
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      block,
    1,
  );
  const bomb = Buffer.concat([sheet.subarray(0, sheet.length - 2), repeatedDeflate(block, 2200)]);
  const r = readInChild(
    "sheet-bomb.xlsx",
    withPart({ name: "xl/worksheets/sheet1.xml", data: bomb, size: 1000 }),
  );
  expect(r.ok).toBe(false);
  expect(r.code).toBe("workbook-too-large");
  expect(r.message).toMatch(
    /sheet-bomb\.xlsx: refused: xl\/worksheets\/sheet1\.xml inflates more than 100 times its compressed size/,
  );
  within(r);
});

test("130 million shared strings in a few MB are refused", () => {
  const block = "<si><t/></si>".repeat(80_000); // ~1 MB
  const data = repeatedDeflate('<?xml version="1.0"?><sst>' + block, 1);
  const bomb = Buffer.concat([data.subarray(0, data.length - 2), repeatedDeflate(block, 1625)]);
  const r = readInChild(
    "strings-bomb.xlsx",
    withPart({ name: "xl/sharedStrings.xml", data: bomb, size: 1000 }),
  );
  expect(r.ok).toBe(false);
  expect(r.code).toBe("workbook-too-large");
  within(r);
});

test("a workbook.xml that inflates to 2.2 GB is refused", () => {
  const block = "<!-- padding -->".repeat(65_536); // 1 MB
  const head =
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  const data = repeatedDeflate(head + block, 1);
  const bomb = Buffer.concat([data.subarray(0, data.length - 2), repeatedDeflate(block, 2200)]);
  const r = readInChild(
    "wb-bomb.xlsx",
    withPart({ name: "xl/workbook.xml", data: bomb, size: 1000 }),
  );
  expect(r.ok).toBe(false);
  expect(r.code).toBe("workbook-too-large");
  expect(r.message).toMatch(/xl\/workbook\.xml/);
  within(r);
});

test("40,000 rows each with one cell at XFD: read (outside the header) or refused (inside)", () => {
  const rows: string[] = [];
  for (let i = 2; i <= 40_001; i++) rows.push(`<row r="${i}"><c r="XFD${i}"><v>${i}</v></c></row>`);
  const outside = readInChild(
    "xfd.xlsx",
    buildZip(bookEntries({ sheets: [{ name: "S", body: HEAD + rows.join("") }] })),
  );
  expect(outside.ok).toBe(true);
  expect(outside.tables).toEqual([["S", 1, 0]]);
  within(outside);
  const wideHead =
    '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="XFD1" t="inlineStr"><is><t>far</t></is></c></row>';
  const inside = readInChild(
    "xfd-wide.xlsx",
    buildZip(bookEntries({ sheets: [{ name: "S", body: wideHead + rows.join("") }] })),
  );
  expect(inside.ok).toBe(false);
  expect(inside.code).toBe("table-too-large");
  expect(inside.message).toMatch(
    /sheet "S": the table A1:XFD40001 spans 40,001 rows x 16,384 columns/,
  );
  within(inside);
});

test("one row numbered 2,000,000,000 in a 6 KB file is refused", () => {
  const body = HEAD + '<row r="2000000000"><c r="A2000000000"><v>1</v></c></row>';
  const r = readInChild("far-row.xlsx", buildZip(bookEntries({ sheets: [{ name: "S", body }] })));
  expect(r.ok).toBe(false);
  expect(r.code).toBe("too-many-rows");
  expect(r.message).toMatch(/sheet "S": row 2,000,000,000 lies beyond Excel's last row 1,048,576/);
  within(r);
});

test("a cell beyond XFD and a damaged entry are refused with their own messages", () => {
  const beyond = readInChild(
    "beyond.xlsx",
    buildZip(
      bookEntries({
        sheets: [{ name: "S", body: HEAD + '<row r="2"><c r="XFE2"><v>1</v></c></row>' }],
      }),
    ),
  );
  expect(beyond.code).toBe("too-many-columns");
  const damaged = withPart({
    name: "xl/worksheets/sheet1.xml",
    data: new Uint8Array([0xff, 0xff, 0xff]),
    size: 3,
  });
  const r = readInChild("damaged.xlsx", damaged);
  expect(r.code).toBe("corrupt-file");
  expect(r.message).toMatch(
    /damaged\.xlsx: not a readable \.xlsx workbook \(the entry xl\/worksheets\/sheet1\.xml is damaged/,
  );
});
