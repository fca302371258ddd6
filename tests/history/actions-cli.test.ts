/**
 * `rgo analyze --previous results.xlsx`: the RGO Actions sheet of the previous results file is
 * carried into the new one. Run 1 writes the file; the user's edits are made with exceljs (as
 * Excel would save them: a note that looks like a formula typed into a text cell, an owner, a
 * date); run 2 reads them back from that file and writes them into its own, and onto itself.
 */
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { nodeInflate } from "../../src/workbook/xlsx/read-xlsx-file";
import { readXlsxBook } from "../../src/workbook/xlsx/read-xlsx";
import { SEED_DIR } from "../engine/seed-helpers";
import { runCli, tempDir } from "../cli/run-cli";
import { actionsTable, colOf } from "./actions-helpers";

const NOTE = '=HYPERLINK("x")';
const NEXT = new Date(Date.UTC(2026, 0, 15));

test("analyze --previous keeps what the user typed on RGO Actions", async () => {
  const dir = tempDir("actions-cli");
  const r1 = join(dir, "r1.xlsx");
  const r2 = join(dir, "r2.xlsx");
  const args = ["analyze", SEED_DIR, "--rules", "seed-tier2", "--quiet"];
  expect((await runCli([...args, "--out", r1])).code).toBe(0);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(r1);
  const ws = wb.getWorksheet("RGO Actions") as ExcelJS.Worksheet;
  const customer = ws.getCell("A3").value;
  ws.getCell("L3").value = "Dana";
  ws.getCell("M3").value = "in progress";
  ws.getCell("O3").value = NEXT;
  ws.getCell("P3").value = NOTE;
  await wb.xlsx.writeFile(r1);

  const run2 = await runCli([...args, "--previous", r1, "--out", r2]);
  expect(run2.code).toBe(0);
  expect(run2.err).toBe("");
  // And the weekly loop onto the same file: --previous and --out the same workbook.
  expect((await runCli([...args, "--previous", r2, "--out", r2])).code).toBe(0);

  const t = actionsTable(readXlsxBook(readFileSync(r2), "r2.xlsx", { rawInflate: nodeInflate }));
  const row = t.rows.find((r) => r[0] === customer);
  if (row === undefined) throw new Error(`no row for ${String(customer)}`);
  expect(row[colOf(t, "Owner")]).toBe("Dana");
  expect(row[colOf(t, "Status")]).toBe("in progress");
  expect((row[colOf(t, "Next step date")] as Date).getTime()).toBe(NEXT.getTime());
  expect(row[colOf(t, "Notes")]).toBe(NOTE);
  expect(row[colOf(t, "Runs since first flagged")]).toBe(2);
  // The row stays second: the order of run 1's sheet.
  expect(t.rows[1][0]).toBe(customer);
});
