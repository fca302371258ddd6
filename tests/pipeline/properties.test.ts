/**
 * Properties of the pipeline module fed by arbitrary deals: the totals foot (open pipeline =
 * sum of open deal values in RGO Pipeline's deal list, weighted likewise, forecast consistent),
 * and the deals reader never throws and derives status from stage when there is no status.
 */
import fc from "fast-check";
import { loadPack } from "../../src/cli/load-pack";
import { IssueCollector } from "../../src/engine/input/issue-collector";
import { mapColumns } from "../../src/engine/input/header-map";
import { readDeals, statusFromStage } from "../../src/engine/input/read-deals";
import type { RulePack } from "../../src/rules/rule-pack";
import { pipelineSheet } from "../../src/engine/report/pipeline-sheets";
import type { ResultCell, ResultTable } from "../../src/engine/report/result-book";
import type { Deal, PipelineInput } from "../../src/engine/sales-pipeline/deal";
import { resolvePipelineParameters } from "../../src/engine/parameters/pipeline-parameters";
import type { PackParameters } from "../../src/engine/parameters/pack-parameters";
import { runPipeline } from "../../src/engine/sales-pipeline/run-pipeline";
import type { RawTable } from "../../src/engine/input/raw-table";

let pack: RulePack;
beforeAll(async () => {
  pack = (await loadPack("default")).pack;
});

const STAGES = ["Discovery", "Proposal", "Engaging", "Odd stage", "Closed Won", "Closed Lost"];

const dealArb = fc.record({
  repId: fc.constantFrom("R1", "R2", "R3"),
  stage: fc.constantFrom(...STAGES),
  valueCents: fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: null }),
  probability: fc.option(
    fc.integer({ min: 0, max: 100 }).map((p) => p / 100),
    { nil: null },
  ),
  daysInStage: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  riskFlags: fc.array(fc.constantFrom("pricing", "legal review"), { maxLength: 2 }),
});

type RawDeal = typeof dealArb extends fc.Arbitrary<infer T> ? T : never;

function toInput(raw: RawDeal[]): PipelineInput {
  const deals: Deal[] = raw.map((d, i) => ({
    dealId: `D-${i}`,
    repId: d.repId,
    stage: d.stage,
    value: d.valueCents === null ? null : d.valueCents / 100,
    probability: d.probability,
    daysInStage: d.daysInStage,
    status: statusFromStage(d.stage),
    createdDay: null,
    expectedCloseDay: null,
    closedDay: null,
    riskFlags: d.riskFlags,
    competitors: [],
    row: i + 2,
  }));
  return {
    deals,
    reps: [],
    dealsTable: "deals",
    repsTable: null,
    columns: {
      value: true,
      probability: true,
      daysInStage: true,
      createdDate: false,
      closeDate: false,
      riskFlags: true,
    },
    daysInStageAsOf: null,
    hasQuotaColumn: false,
  };
}

function dealTable(rows: ResultTable[]): ResultTable {
  const t = rows.find((x) => x.name === "RGO_Pipeline_Deals");
  if (t === undefined) throw new Error("no deal table");
  return t;
}

const centsOf = (v: ResultCell): number => Math.round(Number(v) * 100);

test("totals foot: open and weighted pipeline equal the sums over the deal list's open rows", () => {
  const params = resolvePipelineParameters((pack.parameters as unknown as PackParameters).pipeline);
  fc.assert(
    fc.property(fc.array(dealArb, { maxLength: 40 }), (raw) => {
      const result = runPipeline(toInput(raw), pack.rules, params);
      const sheet = pipelineSheet(result);
      if (sheet.content.kind !== "report") throw new Error("report expected");
      const tables = sheet.content.blocks.flatMap((b) => (b.kind === "table" ? [b.table] : []));
      const table = dealTable(tables);
      const h = (name: string): number => table.columns.findIndex((c) => c.header === name);
      const open = table.rows.filter((r) => r[h("Status")] === "active" && r[h("Value")] !== null);
      const openCents = open.reduce((s, r) => s + centsOf(r[h("Value")]), 0);
      const weightedCents = open.reduce((s, r) => s + centsOf(r[h("Weighted value")]), 0);
      const atRiskCents = open
        .filter((r) => r[h("At risk")] === "yes")
        .reduce((s, r) => s + centsOf(r[h("Weighted value")]), 0);
      expect(table.rows).toHaveLength(raw.length);
      expect(Math.round(result.summary.openPipelineValue * 100)).toBe(openCents);
      expect(Math.round(result.summary.weightedPipelineValue * 100)).toBe(weightedCents);
      expect(result.forecast.best).toBe(result.summary.openPipelineValue);
      expect(result.forecast.commit).toBe(result.summary.weightedPipelineValue);
      expect(Math.round(result.forecast.worst * 100)).toBe(
        Math.max(0, weightedCents - atRiskCents),
      );
      // rep pipelines add up to the open pipeline
      const repCents = result.reps.reduce((s, r) => s + Math.round(r.pipelineValue * 100), 0);
      expect(repCents).toBe(openCents);
      // flags only on open deals; stalled exactly when days >= the stage threshold
      for (const d of result.deals) {
        if (d.status !== "active") expect(d.stalled || d.atRisk).toBe(false);
        else expect(d.stalled).toBe(d.daysInStage !== null && d.daysInStage >= d.stalledThreshold);
      }
    }),
    { numRuns: 150 },
  );
});

test("the deals reader never throws; without a status column status follows the stage", () => {
  const cell = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 8 }),
    fc.double({ noNaN: false }),
    fc.constantFrom("Won", "Closed Lost", "Proposal", "45%", "2025-13-40", "2025-01-31"),
  );
  fc.assert(
    fc.property(
      fc.array(fc.array(cell, { minLength: 6, maxLength: 6 }), { maxLength: 20 }),
      (rows) => {
        const table: RawTable = {
          name: "deals.csv",
          origin: "csv",
          header: [
            "deal_id",
            "sales_agent",
            "deal_stage",
            "close_value",
            "probability",
            "engage_date",
          ],
          rows,
          headerRow: 1,
          firstColumn: 1,
        };
        const issues = new IssueCollector();
        const read = readDeals(table, mapColumns(table, "deals", issues), issues);
        const all = issues.finish();
        expect(read.stats.accepted + read.stats.skipped + read.stats.blank).toBe(rows.length);
        for (const d of read.deals) {
          expect(d.status).toBe(statusFromStage(d.stage));
          if (d.probability !== null) expect(d.probability >= 0 && d.probability <= 1).toBe(true);
          if (d.value !== null) expect(d.value >= 0).toBe(true);
        }
        for (const i of all) expect(i.sheet).toBe("deals.csv");
      },
    ),
    { numRuns: 200 },
  );
});

test("status words and list cells: hand-worked rows", () => {
  const table: RawTable = {
    name: "deals.csv",
    origin: "csv",
    header: ["deal_id", "rep_id", "stage", "value", "status", "risk_flags"],
    rows: [
      ["A", "R", "Negotiation", "1,000", "won", "a; b;; c"],
      ["B", "R", "Closed Lost", "12.5", "", null],
      ["C", "R", "Proposal", "abc", "maybe", null],
    ],
    headerRow: 1,
    firstColumn: 1,
  };
  const issues = new IssueCollector();
  const read = readDeals(table, mapColumns(table, "deals", issues), issues);
  expect(read.deals.map((d) => [d.dealId, d.status, d.value, d.riskFlags])).toEqual([
    ["A", "won", 1000, ["a", "b", "c"]],
    ["B", "lost", 12.5, []],
    ["C", "active", null, []],
  ]);
  const found = issues.finish().map((i) => [i.code, i.row, i.column]);
  expect(found).toEqual([
    ["bad-status", 4, "status"],
    ["bad-deal-value", 4, "value"],
  ]);
});
