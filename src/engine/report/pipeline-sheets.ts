/** The sales-pipeline sheets: RGO Pipeline (report blocks) and RGO Reps (one table). */
import type { PipelineResult } from "../sales-pipeline/pipeline-result";
import type { ResultColumn, ResultSheet, SummaryBlock } from "./result-book";

const col = (header: string, format: ResultColumn["format"], width?: number): ResultColumn =>
  width === undefined ? { header, format } : { header, format, width };

/** RGO Pipeline: summary, forecast, by stage, notes and the deal list with flags and why. */
export function pipelineSheet(p: PipelineResult): ResultSheet {
  const s = p.summary;
  const blocks: SummaryBlock[] = [
    { kind: "heading", text: `Sales pipeline: ${p.dealsTable}`, level: 1 },
    { kind: "heading", text: "Pipeline summary", level: 2 },
    {
      kind: "figures",
      items: [
        { label: "Total deals", value: s.totalDeals, format: "integer" },
        { label: "Active deals", value: s.activeDeals, format: "integer" },
        { label: "Won deals", value: s.wonDeals, format: "integer" },
        { label: "Lost deals", value: s.lostDeals, format: "integer" },
        { label: "Open pipeline value", value: s.openPipelineValue, format: "currency" },
        { label: "Weighted pipeline value", value: s.weightedPipelineValue, format: "currency" },
        { label: "Average deal size", value: s.averageDealSize, format: "currency" },
        { label: "Win rate", value: s.winRate, format: "percent" },
        { label: "Stalled deals", value: s.stalledDeals.length, format: "integer" },
        { label: "At-risk deals", value: s.atRiskDeals.length, format: "integer" },
      ],
    },
    { kind: "heading", text: "Forecast", level: 2 },
    {
      kind: "figures",
      items: [
        { label: "Commit (weighted pipeline)", value: p.forecast.commit, format: "currency" },
        { label: "Best (open pipeline)", value: p.forecast.best, format: "currency" },
        {
          label: "Worst (commit less at-risk weighted value)",
          value: p.forecast.worst,
          format: "currency",
        },
      ],
    },
    { kind: "heading", text: "By stage (open deals)", level: 2 },
    {
      kind: "table",
      table: {
        name: "RGO_Pipeline_Stages",
        columns: [
          col("Stage", "text", 18),
          col("Open deals", "integer"),
          col("Open value", "currency"),
          col("Average days in stage", "decimal"),
        ],
        rows: p.velocity.stages.map((st) => [
          st.stage,
          st.openDeals,
          st.openValue,
          st.averageDaysInStage,
        ]),
      },
    },
    {
      kind: "figures",
      items: [
        {
          label: "Closed deals with a cycle time",
          value: p.velocity.cycle.closedDeals,
          format: "integer",
        },
        {
          label: "Average cycle (days, created to close)",
          value: p.velocity.cycle.averageDays,
          format: "decimal",
        },
        { label: "Median cycle (days)", value: p.velocity.cycle.medianDays, format: "decimal" },
      ],
    },
  ];
  if (p.notes.length > 0) {
    blocks.push({ kind: "heading", text: "What could not be computed", level: 2 });
    blocks.push({ kind: "bullets", items: p.notes });
  }
  blocks.push({ kind: "heading", text: "Deals", level: 2 });
  blocks.push({
    kind: "table",
    table: {
      name: "RGO_Pipeline_Deals",
      columns: [
        col("Deal", "text"),
        col("Rep", "text", 16),
        col("Stage", "text", 14),
        col("Status", "text"),
        col("Value", "currency"),
        col("Probability", "percent"),
        col("Probability source", "text", 14),
        col("Weighted value", "currency"),
        col("Days in stage", "integer"),
        col("Stalled threshold", "integer"),
        col("Risk flags", "text", 24),
        col("Competitors", "text", 18),
        col("Stalled", "text"),
        col("At risk", "text"),
        col("Why", "text", 80),
      ],
      rows: p.deals.map((d) => [
        d.dealId,
        d.repId,
        d.stage,
        d.status,
        d.value,
        d.probability,
        d.probabilitySource,
        d.weightedValue,
        d.daysInStage,
        d.stalledThreshold,
        d.riskFlags.join("; "),
        d.competitors.join("; "),
        d.stalled ? "yes" : "no",
        d.atRisk ? "yes" : "no",
        d.why,
      ]),
    },
  });
  return { name: "RGO Pipeline", content: { kind: "report", blocks } };
}

/** RGO Reps: one row per rep with performance, coaching flag and why. */
export function repsSheet(p: PipelineResult): ResultSheet {
  return {
    name: "RGO Reps",
    freezeHeader: true,
    content: {
      kind: "table",
      table: {
        name: "RGO_Reps",
        columns: [
          col("Rep", "text", 16),
          col("Name", "text", 18),
          col("Region", "text"),
          col("Manager", "text", 16),
          col("Active deals", "integer"),
          col("Open pipeline", "currency"),
          col("Weighted pipeline", "currency"),
          col("Close rate", "percent"),
          col("Close rate source", "text"),
          col("Quota", "currency"),
          col("YTD revenue", "currency"),
          col("Quota attainment", "percent"),
          col("Needs coaching", "text"),
          col("Top opportunities", "text", 24),
          col("Closed deals (cycle)", "integer"),
          col("Average cycle days", "decimal"),
          col("Median cycle days", "decimal"),
          col("Why", "text", 60),
        ],
        rows: p.reps.map((r) => [
          r.repId,
          r.name,
          r.region,
          r.manager,
          r.activeDeals,
          r.pipelineValue,
          r.weightedPipelineValue,
          r.closeRate,
          r.closeRateSource,
          r.quota,
          r.ytdRevenue,
          r.quotaAttainment,
          r.needsCoaching ? "yes" : "no",
          r.topOpportunities.join(", "),
          r.cycleClosedDeals,
          r.averageCycleDays,
          r.medianCycleDays,
          r.why,
        ]),
      },
    },
  };
}
