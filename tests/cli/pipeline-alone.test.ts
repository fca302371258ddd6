/**
 * Deals and reps without weekly sales run the sales-pipeline module alone. The figures are the
 * seed's hand-verified ones (seed-logic.md 6.4-6.8, as in tests/pipeline/seed-pipeline.test.ts).
 */
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { SummaryJson } from "../../src/engine/report/summary-json";
import { SEED_DIR, runCli, tempDir } from "./run-cli";

let dir: string;
let summary: SummaryJson;
let sheets: string[];
let stdout: string;

beforeAll(async () => {
  dir = tempDir("pipeline-alone");
  const input = join(dir, "in");
  mkdirSync(input);
  for (const f of ["deals.csv", "sales_reps.csv"]) copyFileSync(join(SEED_DIR, f), join(input, f));
  const json = join(dir, "s.json");
  const book = join(dir, "r.xlsx");
  const run = await runCli(["analyze", input, "--out", book, "--json", json]);
  expect(run.err).toBe("");
  expect(run.code).toBe(0);
  stdout = run.out;
  summary = JSON.parse(readFileSync(json, "utf8")) as SummaryJson;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  sheets = wb.worksheets.map((w) => w.name);
});

test("writes RGO Pipeline and RGO Reps, and no customer sheets", () => {
  expect(sheets).toEqual(["RGO Summary", "RGO Pipeline", "RGO Reps", "RGO Rules", "RGO Issues"]);
});

test("the seed figures: 15 deals, 11 active, open 1,204,000, weighted 780,410", () => {
  const p = summary.pipeline;
  if (p === undefined) throw new Error("no pipeline block");
  expect([p.totalDeals, p.activeDeals, p.wonDeals, p.lostDeals]).toEqual([15, 11, 2, 2]);
  expect([p.openPipelineValue, p.weightedPipelineValue]).toEqual([1204000, 780410]);
  expect(p.stalledDeals).toEqual(["D-004", "D-008"]);
  expect(p.atRiskDeals).toEqual(["D-002", "D-004", "D-007", "D-008", "D-014"]);
  expect(p.forecast).toEqual({ commit: 780410, best: 1204000, worst: 367070 });
  expect(p.reps.map((r) => [r.repId, r.pipelineValue, r.needsCoaching])).toEqual([
    ["SR-01", 515000, false],
    ["SR-02", 152000, true],
    ["SR-03", 402000, false],
    ["SR-04", 135000, true],
  ]);
});

test("no customers, an info notice saying why, and a pipeline headline", () => {
  expect(summary.input).toMatchObject({ customers: 0, salesRows: 0, weeks: 0 });
  expect(summary.issues).toEqual([
    expect.objectContaining({
      severity: "info",
      message:
        "No weekly sales table found; only the sales pipeline (deals.csv, sales_reps.csv) is analysed.",
    }),
  ]);
  expect(stdout).toMatch(
    /Pipeline {9}15 deals, 11 active, open \$1,204,000\.00, weighted \$780,410\.00; 2 stalled, 5 at risk/,
  );
  expect(stdout).not.toMatch(/Customers {8}/);
});

test("with neither sales nor deals the input is still refused", async () => {
  const d = tempDir("no-deals");
  copyFileSync(join(SEED_DIR, "sales_reps.csv"), join(d, "sales_reps.csv"));
  const run = await runCli(["analyze", d, "--quiet"]);
  expect(run.code).toBe(2);
  expect(run.err).toMatch(/No weekly sales table found/);
});
