/** Shared pieces of the RGO Actions tests: the seed data cut at a week, runs, write + read back. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RawTable, RawWorkbook } from "../../src/engine/input/raw-table";
import type { PreviousResults } from "../../src/engine/history/previous-results";
import { runAnalysis, type RunOutput } from "../../src/engine/pipeline/run-analysis";
import type { ResultBook } from "../../src/engine/report/result-book";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import type { RulePack } from "../../src/rules/rule-pack";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";
import { nodeInflate } from "../../src/workbook/xlsx/read-xlsx-file";
import { readXlsxBook, type XlsxBook } from "../../src/workbook/xlsx/read-xlsx";
import { writeResultBook } from "../../src/workbook/xlsx-result-writer";
import { tempDir } from "../cli/run-cli";
import { SEED_DIR } from "../engine/seed-helpers";

/** The seed workbook with the sales rows after `lastWeekStart` (ISO date) left out. */
export async function seedUpTo(lastWeekStart: string): Promise<RawWorkbook> {
  const wb = await readCsvFolder(SEED_DIR);
  return {
    ...wb,
    tables: wb.tables.map((t) => {
      if (!/weekly_sales/.test(t.name)) return t;
      const w = t.header.indexOf("week_start_date");
      return { ...t, rows: t.rows.filter((r) => String(r[w]) <= lastWeekStart) };
    }),
  };
}

/** seed-tier2, with `report.feedbackAfterRuns` set when given, validated. */
export function seedPack(feedbackAfterRuns?: number): { pack: RulePack; hash: string } {
  const json = JSON.parse(JSON.stringify(BUILTIN_PACKS["seed-tier2"])) as {
    parameters: Record<string, unknown>;
  };
  if (feedbackAfterRuns !== undefined)
    json.parameters.report = {
      ...((json.parameters.report as object | undefined) ?? {}),
      feedbackAfterRuns,
    };
  const checked = validatePack(json, RGO_REGISTRY);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return { pack: checked.pack, hash: checked.hash };
}

export const RUN_AT = new Date("2025-12-01T00:00:00Z");

export function run(
  wb: RawWorkbook,
  previous?: PreviousResults,
  feedbackAfterRuns?: number,
): Promise<RunOutput> {
  return runAnalysis(wb, seedPack(feedbackAfterRuns), {
    runAt: RUN_AT,
    ...(previous !== undefined ? { previous } : {}),
  });
}

/** Writes `book` with the CLI's writer and reads the file back with the CLI's reader. */
export async function writeAndRead(book: ResultBook): Promise<XlsxBook> {
  const file = join(tempDir("actions"), "results.xlsx");
  await writeResultBook(book, file);
  return readXlsxBook(readFileSync(file), "results.xlsx", { rawInflate: nodeInflate });
}

/** The RGO Actions table of a book read back (throws when absent). */
export function actionsTable(book: XlsxBook): RawTable {
  const sheet = book.sheets.find((s) => s.name === "RGO Actions");
  if (sheet === undefined || sheet.tables.length !== 1) throw new Error("no RGO Actions table");
  return sheet.tables[0];
}

/** Column index of `header` in `t` (throws when absent). */
export function colOf(t: RawTable, header: string): number {
  const i = t.header.indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${t.header.join(", ")}`);
  return i;
}

/** The RGO Actions header as a user sees it, typed out here (not taken from the code under test). */
export const ACTIONS_HEADER = [
  "Customer",
  "Gap type",
  "Root cause",
  "Revenue at risk (a week)",
  "First flagged",
  "Runs since first flagged",
  "Gap now",
  "Closed on",
  "Weekly spend at first flag",
  "Weekly spend now",
  "Recovered (a week)",
  "Owner",
  "Status",
  "Action taken",
  "Next step date",
  "Notes",
];
