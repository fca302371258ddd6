/**
 * Issue 5 acceptance on the seed data through the CLI (in-process): every figure of the issue's
 * list (seed-logic.md 6.4, 6.5, 6.7 and 6.8 "Verified output"), for every built-in pack.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { SEED_DIR, runCli, tempDir } from "../cli/run-cli";

interface PipelineBlock {
  totalDeals: number;
  activeDeals: number;
  wonDeals: number;
  lostDeals: number;
  openPipelineValue: number;
  weightedPipelineValue: number;
  averageDealSize: number;
  winRate: number | null;
  stalledDeals: string[];
  atRiskDeals: string[];
  forecast: { commit: number; best: number; worst: number };
  reps: {
    repId: string;
    activeDeals: number;
    pipelineValue: number;
    closeRate: number | null;
    quotaAttainment: number | null;
    needsCoaching: boolean;
    topOpportunities: string[];
  }[];
  notes: string[];
}

async function seedRun(
  pack: string,
  withBook = false,
): Promise<{ p: PipelineBlock; book?: string }> {
  const dir = tempDir("pipe");
  const json = join(dir, "s.json");
  const args = ["analyze", SEED_DIR, "--rules", pack, "--json", json, "--quiet"];
  const book = join(dir, "r.xlsx");
  if (withBook) args.push("--out", book);
  const run = await runCli(args);
  expect(run.code).toBe(0);
  const summary = JSON.parse(readFileSync(json, "utf8")) as { pipeline: PipelineBlock };
  return { p: summary.pipeline, book: withBook ? book : undefined };
}

describe.each(["default", "seed-v2", "seed-tier2"])("seed pipeline with pack %s", (pack) => {
  let p: PipelineBlock;
  beforeAll(async () => {
    p = (await seedRun(pack)).p;
  });

  test("deal counts: 15 deals, 11 active, 2 won, 2 lost", () => {
    expect([p.totalDeals, p.activeDeals, p.wonDeals, p.lostDeals]).toEqual([15, 11, 2, 2]);
  });

  test("open 1,204,000; weighted 780,410; average 109,454.55; win rate 0.5", () => {
    expect(p.openPipelineValue).toBe(1204000);
    expect(p.weightedPipelineValue).toBe(780410);
    expect(p.averageDealSize).toBe(109454.55);
    expect(p.winRate).toBe(0.5);
  });

  test("stalled D-004, D-008; at risk D-002, D-004, D-007, D-008, D-014", () => {
    expect(p.stalledDeals).toEqual(["D-004", "D-008"]);
    expect(p.atRiskDeals).toEqual(["D-002", "D-004", "D-007", "D-008", "D-014"]);
  });

  test("forecast: commit 780,410, best 1,204,000, worst 367,070", () => {
    expect(p.forecast).toEqual({ commit: 780410, best: 1204000, worst: 367070 });
  });

  test("reps: deals, pipeline, quota attainment and coaching", () => {
    const rows = p.reps.map((r) => [
      r.repId,
      r.activeDeals,
      r.pipelineValue,
      r.quotaAttainment,
      r.needsCoaching,
    ]);
    expect(rows).toEqual([
      ["SR-01", 3, 515000, 0.81, false],
      ["SR-02", 4, 152000, 0.65, true],
      ["SR-03", 2, 402000, 0.95, false],
      ["SR-04", 2, 135000, 0.54, true],
    ]);
    // close rate is the reps sheet's own (seed-logic 6.5)
    expect(p.reps.map((r) => r.closeRate)).toEqual([0.34, 0.29, 0.37, 0.22]);
    // top opportunities by value x probability: SR-01 260k x .72 > 180k x .65 > 75k x .35
    expect(p.reps[0].topOpportunities).toEqual(["D-005", "D-003", "D-001"]);
    expect(p.reps[2].topOpportunities).toEqual(["D-014", "D-004"]);
  });
});

test("the workbook has RGO Pipeline (with the why) and RGO Reps", async () => {
  const { book } = await seedRun("default", true);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book ?? "");
  const names = wb.worksheets.map((w) => w.name);
  expect(names).toContain("RGO Pipeline");
  expect(names).toContain("RGO Reps");
  const cells: string[] = [];
  wb.getWorksheet("RGO Pipeline")?.eachRow((row) => {
    row.eachCell((c) => cells.push(String(c.value)));
  });
  const text = cells.join("\n");
  // D-004 is stalled: 21 days at or above the 21-day threshold, and at risk (one risk flag)
  expect(text).toMatch(/deal-stalled: .*21 days is at or above .*21 days/);
  expect(text).toMatch(/deal-risk-flags: .*1 is above 0/);
  const reps: string[] = [];
  wb.getWorksheet("RGO Reps")?.eachRow((row) => {
    reps.push(String(row.getCell(1).value) + "|" + String(row.getCell(13).value));
  });
  expect(reps).toEqual(expect.arrayContaining(["SR-02|yes", "SR-04|yes", "SR-01|no", "SR-03|no"]));
});
