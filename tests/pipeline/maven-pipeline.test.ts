/**
 * Issue 5 acceptance on the real Maven CRM data (8,800 deals; no probabilities, no quotas, no
 * open-deal values): runs without errors, uses the pack's stage probabilities, reports cycle
 * times per agent and says what could not be computed. Expected figures were counted
 * independently from the CSVs (SOURCE.md and a separate script).
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadPack } from "../../src/cli/load-pack";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { resolvePipelineParameters } from "../../src/engine/parameters/pipeline-parameters";
import type { PipelineResult } from "../../src/engine/sales-pipeline/pipeline-result";
import { runPipeline } from "../../src/engine/sales-pipeline/run-pipeline";
import type { PackParameters } from "../../src/engine/parameters/pack-parameters";
import type { Issue } from "../../src/engine/issue";
import { readInput } from "../../src/workbook/read-input";
import { SHARED_DATA, runCli, tempDir } from "../cli/run-cli";

const MAVEN = join(SHARED_DATA, "real/maven-crm-sales-opportunities");

interface Block {
  totalDeals: number;
  activeDeals: number;
  wonDeals: number;
  lostDeals: number;
  openPipelineValue: number;
  weightedPipelineValue: number;
  winRate: number;
  openDealsWithoutValue: number;
  stageDefaultProbabilityDeals: number;
  reps: {
    repId: string;
    quotaAttainment: number | null;
    needsCoaching: boolean;
    averageCycleDays: number | null;
    closedDealsWithCycle: number;
  }[];
  velocity: { cycle: { closedDeals: number; averageDays: number; medianDays: number } };
  notes: string[];
}

let dir: string;
let block: Block;
let issues: Issue[];
let result: PipelineResult;

beforeAll(async () => {
  dir = tempDir("maven");
  copyFileSync(join(MAVEN, "sales_pipeline.csv"), join(dir, "sales_pipeline.csv"));
  copyFileSync(join(MAVEN, "sales_teams.csv"), join(dir, "sales_teams.csv"));
  // The CLI needs a weekly sales table (missing-table otherwise): a tiny one.
  writeFileSync(
    join(dir, "weekly_sales.csv"),
    "customer_id,week_start_date,revenue\nC1,2017-12-04,10\nC1,2017-12-11,12\n",
  );
  const json = join(dir, "s.json");
  const run = await runCli(["analyze", dir, "--json", json, "--quiet"]);
  expect(run.code).toBe(0);
  block = (JSON.parse(readFileSync(json, "utf8")) as { pipeline: Block }).pipeline;

  const built = buildDataset(await readInput(dir));
  issues = built.issues;
  const pack = await loadPack("default");
  const input = built.dataset.pipeline;
  if (input === undefined) throw new Error("no pipeline input");
  const params = pack.pack.parameters as unknown as PackParameters;
  result = runPipeline(input, pack.pack.rules, resolvePipelineParameters(params.pipeline));
});

test("counts the 8,800 deals by stage-derived status", () => {
  expect(block.totalDeals).toBe(8800);
  expect(block.wonDeals).toBe(4238);
  expect(block.lostDeals).toBe(2473);
  expect(block.activeDeals).toBe(2089);
  expect(block.winRate).toBeCloseTo(4238 / 6711, 4);
});

test("open deals have no value: pipeline money is 0 and that is said", () => {
  expect(block.openDealsWithoutValue).toBe(2089);
  expect(block.openPipelineValue).toBe(0);
  expect(block.weightedPipelineValue).toBe(0);
  expect(block.notes.join(" ")).toMatch(/2089 open deals have no deal value/);
  expect(issues.some((i) => i.code === "open-deals-without-value")).toBe(true);
});

test("uses the pack's stage probabilities for every open deal", () => {
  expect(block.stageDefaultProbabilityDeals).toBe(2089);
  const open = result.deals.filter((d) => d.status === "active");
  expect(open.every((d) => d.probabilitySource === "stage default")).toBe(true);
  expect(new Set(open.filter((d) => d.stage === "Engaging").map((d) => d.probability))).toEqual(
    new Set([0.4]),
  );
  expect(new Set(open.filter((d) => d.stage === "Prospecting").map((d) => d.probability))).toEqual(
    new Set([0.1]),
  );
});

test("estimates days in stage for Engaging deals to the last date (2017-12-31) and says so", () => {
  const engaging = result.deals.filter((d) => d.stage === "Engaging");
  expect(engaging).toHaveLength(1589);
  const avg = engaging.reduce((s, d) => s + (d.daysInStage ?? 0), 0) / engaging.length;
  expect(Math.round(avg * 10) / 10).toBe(198.8);
  expect(
    result.deals.filter((d) => d.stage === "Prospecting").every((d) => d.daysInStage === null),
  ).toBe(true);
  expect(
    issues.some((i) => i.code === "days-in-stage-estimated" && /2017-12-31/.test(i.message)),
  ).toBe(true);
});

test("cycle times engage -> close overall and per agent", () => {
  expect(block.velocity.cycle).toEqual({ closedDeals: 6711, averageDays: 48, medianDays: 45 });
  const anna = block.reps.find((r) => r.repId === "Anna Snelling");
  expect(anna).toMatchObject({ closedDealsWithCycle: 336, averageCycleDays: 50 });
  const boris = block.reps.find((r) => r.repId === "Boris Faz");
  expect(boris).toMatchObject({ closedDealsWithCycle: 153, averageCycleDays: 43.3 });
});

test("no quotas: no coaching flags, and the JSON and issues say why", () => {
  expect(block.reps).toHaveLength(35);
  expect(block.reps.every((r) => r.quotaAttainment === null && !r.needsCoaching)).toBe(true);
  expect(block.notes.join(" ")).toMatch(
    /Quota attainment and coaching flags could not be computed/,
  );
  expect(issues.some((i) => i.code === "no-quota")).toBe(true);
});
