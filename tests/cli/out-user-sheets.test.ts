/**
 * `--out` onto an existing file replaces the whole file (the new results are written to a
 * temporary file and renamed over it), so a sheet the user added to that file would be lost: the
 * run stops first, naming the sheet, and the file is left exactly as it was. A results file with
 * only RGO's sheets is replaced as before (the weekly loop).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { SEED_DIR, runCli, tempDir } from "./run-cli";

const analyze = (out: string) =>
  runCli(["analyze", SEED_DIR, "--rules", "seed-tier2", "--out", out, "--quiet"]);

test("a sheet the user added to the --out file stops the run and the file is untouched", async () => {
  const out = join(tempDir("out-user-sheet"), "results.xlsx");
  expect((await analyze(out)).code).toBe(0);
  // The weekly loop: a second run onto RGO's own file replaces it.
  expect((await analyze(out)).code).toBe(0);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  wb.addWorksheet("My notes").getCell("A1").value = "call C001 on Monday";
  await wb.xlsx.writeFile(out);
  const before = readFileSync(out);

  const run = await analyze(out);
  expect(run.code).toBe(2);
  expect(run.err).toContain('holds the sheet "My notes"');
  expect(run.err).toContain("which RGO did not write");
  expect(readFileSync(out).equals(before)).toBe(true);
});

test("--previous may hold other sheets: it is only read", async () => {
  const dir = tempDir("previous-user-sheet");
  const previous = join(dir, "last-week.xlsx");
  expect((await analyze(previous)).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(previous);
  wb.addWorksheet("My notes").getCell("A1").value = "kept";
  await wb.xlsx.writeFile(previous);
  const run = await runCli([
    "analyze",
    SEED_DIR,
    "--rules",
    "seed-tier2",
    "--previous",
    previous,
    "--out",
    join(dir, "this-week.xlsx"),
    "--quiet",
  ]);
  expect(run.code).toBe(0);
});
