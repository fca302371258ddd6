/**
 * Issue 13, "raw engine names": no cell a user reads on RGO Gaps, RGO Customers, RGO Churn, RGO
 * Actions or RGO History (this run's row) holds a camelCase or snake_case identifier
 * (IDENTIFIER_PATTERN), for every built-in pack on the seed data, the built-in sample (`rgo
 * sample`'s defaults) and the CDNOW purchase log, through the one run path. Read are every header
 * and every text cell, why texts included; not read are cells that hold the user's own data as
 * typed (customer ids, store and region from the input, the RGO Actions columns the user owns, the
 * source file and pack names). The failure message names data, pack, sheet, row, column and the
 * offending text.
 *
 * Each scanned table's headers are unique with case ignored (Excel renamed a second "lifecycle"
 * to "lifecycle 2"). The scan is checked to be able to fail: a book with one engine name planted
 * in a header and one in a why cell is reported at exactly those two places.
 */
import fs from "node:fs";
import path from "node:path";
import type { RawWorkbook } from "../../src/engine/input/raw-table";
import { runAnalysis } from "../../src/engine/pipeline/run-analysis";
import type { ResultSheet } from "../../src/engine/report/result-book";
import { IDENTIFIER_PATTERN } from "../../src/engine/registry/labels";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { generateSample } from "../../src/engine/sample/generate-sample";
import { USER_COLUMNS } from "../../src/engine/history/actions-columns";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { csvTextToTable, readCsvFolder } from "../../src/workbook/csv-folder-reader";
import { SEED_DIR } from "../engine/seed-helpers";

const CDNOW = path.resolve(__dirname, "../../../shared/data/real/cdnow/cdnow_master.csv");
const SHEETS = ["RGO Gaps", "RGO Customers", "RGO Churn", "RGO Actions", "RGO History"];
/**
 * Columns whose cells are the user's data as found (ids, input attributes, what they typed) or
 * names of the user's files and packs (RGO History's source path and rule pack).
 */
const USER_DATA = new Set([
  "Customer",
  "Store",
  "Region",
  ...USER_COLUMNS.map((c) => c.header),
  "Source",
  "Rule pack",
  "Pack hash",
]);
const PACKS = Object.keys(BUILTIN_PACKS);
const RUN_AT = new Date("2026-01-01T00:00:00Z");

/** Every header and text cell a user reads on the scanned sheets that holds an identifier. */
function identifiersIn(sheets: readonly ResultSheet[], where: string): string[] {
  const found: string[] = [];
  const note = (sheet: string, place: string, text: string): void => {
    const m = IDENTIFIER_PATTERN.exec(text);
    if (m !== null)
      found.push(
        `${where}, ${sheet} ${place}: "${m[0]}" in "${text.length > 160 ? `${text.slice(0, 160)}…` : text}"`,
      );
  };
  for (const sheet of sheets.filter((s) => SHEETS.includes(s.name))) {
    if (sheet.content.kind !== "table") {
      found.push(`${where}, ${sheet.name}: not a table`);
      continue;
    }
    const t = sheet.content.table;
    t.columns.forEach((c, j) => note(sheet.name, `header ${j + 1}`, c.header));
    t.rows.forEach((r, i) =>
      r.forEach((v, j) => {
        const header = t.columns[j]?.header ?? `column ${j + 1}`;
        if (typeof v === "string" && !USER_DATA.has(header))
          note(sheet.name, `row ${i + 2}, column "${header}"`, v);
      }),
    );
  }
  return found;
}

function checked(name: string) {
  const c = validatePack(BUILTIN_PACKS[name], RGO_REGISTRY);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return { pack: c.pack, hash: c.hash };
}

async function scan(data: string, wb: RawWorkbook): Promise<string[]> {
  const out: string[] = [];
  for (const pack of PACKS) {
    const run = await runAnalysis(wb, checked(pack), { runAt: RUN_AT });
    const names = run.book.sheets.map((s) => s.name);
    // The scan reads what it claims to: every customer sheet is there and has rows.
    for (const s of ["RGO Gaps", "RGO Customers", "RGO Actions"]) expect(names).toContain(s);
    expect(run.result.gaps.length).toBeGreaterThan(0);
    // One column per header, as Excel tables need (case ignored): no "lifecycle 2".
    for (const sh of run.book.sheets)
      if (sh.content.kind === "table" && SHEETS.includes(sh.name)) {
        const lower = sh.content.table.columns.map((c) => c.header.toLowerCase());
        expect([sh.name, lower.filter((h, i) => lower.indexOf(h) !== i)]).toEqual([sh.name, []]);
      }
    out.push(...identifiersIn(run.book.sheets, `${data} / ${pack}`));
  }
  return out;
}

const report = (found: string[]): string =>
  found.length === 0
    ? ""
    : `${found.length} cells show an engine name:\n${found.slice(0, 25).join("\n")}`;

describe("no engine name in a cell a user reads (RGO Gaps, Customers, Churn, Actions, History)", () => {
  it("catches a planted engine name in a header and a why text, at those two places only", () => {
    const planted: ResultSheet = {
      name: "RGO Gaps",
      content: {
        kind: "table",
        table: {
          name: "RGO_Gaps",
          columns: ["Customer", "trendPct", "Why"].map((header) => ({ header, format: "text" })),
          rows: [
            ["behavioral_churn", -10, "Recent spend fell"],
            ["7", -5, "expected expectedAvg $3.00"],
          ],
        },
      },
    };
    expect(identifiersIn([planted], "planted")).toEqual([
      'planted, RGO Gaps header 2: "trendPct" in "trendPct"',
      'planted, RGO Gaps row 3, column "Why": "expectedAvg" in "expected expectedAvg $3.00"',
    ]);
  });

  it("seed data, every built-in pack", async () => {
    const found = await scan("seed", await readCsvFolder(SEED_DIR));
    expect(report(found)).toBe("");
  }, 120_000);

  it("the built-in sample (300 customers, 26 weeks, seed 5), every built-in pack", async () => {
    const sample = generateSample({ customers: 300, weeks: 26, seed: 5 });
    const found = await scan("sample", { source: "sample", tables: sample.tables });
    expect(report(found)).toBe("");
  }, 120_000);

  it("CDNOW, every built-in pack", async () => {
    const wb: RawWorkbook = {
      source: CDNOW,
      tables: [csvTextToTable("cdnow_master.csv", fs.readFileSync(CDNOW, "utf8"))],
    };
    const found = await scan("CDNOW", wb);
    expect(report(found)).toBe("");
  }, 600_000);
});
