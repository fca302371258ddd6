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
  // And the weekly loop onto the same file: --out onto the existing results carries them forward
  // (--previous is an input, so it may not also be the --out file).
  expect((await runCli([...args, "--out", r2])).code).toBe(0);
  const same = await runCli([...args, "--previous", r2, "--out", r2]);
  expect(same.code).toBe(2);

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

test("a row the user deleted from RGO Actions stays deleted on the next run onto the same file", async () => {
  const dir = tempDir("actions-cli-deleted");
  const r = join(dir, "r.xlsx");
  const args = ["analyze", SEED_DIR, "--rules", "seed-tier2", "--quiet"];
  expect((await runCli([...args, "--out", r])).code).toBe(0);
  const before = actionsTable(readXlsxBook(readFileSync(r), "r.xlsx", { rawInflate: nodeInflate }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(r);
  const ws = wb.getWorksheet("RGO Actions") as ExcelJS.Worksheet;
  const deleted = ws.getCell("A4").value; // the third customer (row 2 is the first data row)
  expect(deleted).toBe(before.rows[2][0]);
  ws.spliceRows(4, 1);
  await wb.xlsx.writeFile(r);

  expect((await runCli([...args, "--out", r])).code).toBe(0);
  const after = actionsTable(readXlsxBook(readFileSync(r), "r.xlsx", { rawInflate: nodeInflate }));
  // Same data, same flags: every other customer is still there, the deleted one is not back.
  expect(after.rows.map((x) => x[0])).toEqual(
    before.rows.map((x) => x[0]).filter((id) => id !== deleted),
  );
});
