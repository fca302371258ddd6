/**
 * Test support: the seed run (default pack, fixed run time), and a narrated result book written to
 * an .xlsx and read back with exceljs, so the scenarios assert what a user opens.
 */
import ExcelJS from "exceljs";
import { join } from "node:path";
import { loadPack } from "../../src/cli/load-pack";
import type { RawWorkbook } from "../../src/engine/input/raw-table";
import { runAnalysis, type RunOutput } from "../../src/engine/pipeline/run-analysis";
import type { ResultBook } from "../../src/engine/report/result-book";
import { readInput } from "../../src/workbook/read-input";
import { writeResultBook } from "../../src/workbook/xlsx-result-writer";
import { cellText } from "../support/workbook-texts";
import { SEED_DIR, tempDir } from "../cli/run-cli";

export const RUN_AT = new Date("2025-11-25T09:00:00Z");

export async function seedWorkbook(): Promise<RawWorkbook> {
  return readInput(SEED_DIR);
}

export async function seedRun(workbook?: RawWorkbook): Promise<RunOutput> {
  const pack = await loadPack("default");
  return runAnalysis(workbook ?? (await seedWorkbook()), pack, { runAt: RUN_AT });
}

export type Row = Record<string, unknown>;

/** A table sheet's rows as header -> value (plain text for text cells). */
function tableRows(ws: ExcelJS.Worksheet): Row[] {
  const header: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (c, j) => {
    header[j] = cellText(c.value) ?? "";
  });
  const rows: Row[] = [];
  for (let i = 2; i <= ws.rowCount; i++) {
    const row: Row = {};
    const r = ws.getRow(i);
    header.forEach((h, j) => {
      if (h === undefined) return;
      const v = r.getCell(j).value;
      row[h] = cellText(v) ?? v ?? null;
    });
    rows.push(row);
  }
  return rows;
}

export interface WrittenSheets {
  gaps: Row[];
  actions: Row[];
  issues: Row[];
  summaryTexts: string[];
  file: string;
}

/** Writes `book` to a temporary .xlsx and reads RGO Gaps, Actions, Issues and Summary back. */
export async function writeAndRead(book: ResultBook): Promise<WrittenSheets> {
  const file = join(tempDir("narrative"), "results.xlsx");
  await writeResultBook(book, file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = (name: string): ExcelJS.Worksheet => {
    const ws = wb.getWorksheet(name);
    if (ws === undefined) throw new Error(`no sheet ${name}`);
    return ws;
  };
  const summaryTexts: string[] = [];
  sheet("RGO Summary").eachRow((r) =>
    r.eachCell((c) => {
      const t = cellText(c.value);
      if (t !== null) summaryTexts.push(t);
    }),
  );
  return {
    gaps: tableRows(sheet("RGO Gaps")),
    actions: wb.getWorksheet("RGO Actions") ? tableRows(sheet("RGO Actions")) : [],
    issues: tableRows(sheet("RGO Issues")),
    summaryTexts,
    file,
  };
}
