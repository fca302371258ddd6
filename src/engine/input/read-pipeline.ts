/**
 * The sales-pipeline part of the input stage: types the deals and reps tables found by role
 * detection and raises the issues the module's figures depend on (open deals without a value,
 * missing quotas, reps only seen in deals).
 */
import type { RawTable } from "./raw-table";
import type { PipelineInput } from "../sales-pipeline/deal";
import { mapColumns } from "./header-map";
import type { IssueCollector } from "./issue-collector";
import { readDeals } from "./read-deals";
import { readReps } from "./read-reps";

/** Reads deals (and reps, when present); null when there is no deals table. */
export function readPipeline(
  dealsTable: RawTable | undefined,
  repsTable: RawTable | undefined,
  issues: IssueCollector,
): PipelineInput | null {
  if (dealsTable === undefined) {
    if (repsTable !== undefined)
      issues.add(
        "info",
        "reps-without-deals",
        repsTable.name,
        null,
        null,
        `${repsTable.name} looks like a reps table, but there is no deals table: the pipeline module did not run.`,
      );
    return null;
  }
  const dealsRead = readDeals(dealsTable, mapColumns(dealsTable, "deals", issues), issues);
  const repsRead = repsTable
    ? readReps(repsTable, mapColumns(repsTable, "reps", issues), issues)
    : null;
  const deals = dealsRead.deals;
  const reps = repsRead?.reps ?? [];

  const openWithoutValue = deals.filter((d) => d.status === "active" && d.value === null).length;
  if (openWithoutValue > 0) {
    issues.add(
      "warning",
      "open-deals-without-value",
      dealsTable.name,
      null,
      null,
      `${openWithoutValue} open deals in ${dealsTable.name} have no deal value: they are counted as open deals, but the open and weighted pipeline, forecast and average deal size leave them out.`,
    );
  }
  if (repsRead === null) {
    issues.add(
      "warning",
      "no-reps-table",
      dealsTable.name,
      null,
      null,
      `No reps table found: reps are taken from ${dealsTable.name}, without quotas, so no rep is flagged for coaching.`,
    );
  } else if (!repsRead.hasQuotaColumn) {
    issues.add(
      "warning",
      "no-quota",
      repsTable?.name ?? "",
      null,
      null,
      `${repsTable?.name ?? "The reps table"} has no quota column: quota attainment cannot be computed and no rep is flagged for coaching.`,
    );
  } else {
    for (const r of reps) {
      if (r.quota === null || r.quota === 0 || r.ytdRevenue === null) {
        issues.add(
          "warning",
          "rep-without-quota",
          repsTable?.name ?? "",
          r.row,
          null,
          `Rep ${r.repId} has no ${r.quota === null || r.quota === 0 ? "quota" : "year-to-date revenue"}: quota attainment is not available and the rep is not flagged for coaching.`,
        );
      }
    }
  }
  if (repsRead !== null) {
    const known = new Set(reps.map((r) => r.repId));
    const missing = [...new Set(deals.map((d) => d.repId).filter((id) => !known.has(id)))];
    if (missing.length > 0) {
      issues.add(
        "warning",
        "rep-not-in-reps-sheet",
        dealsTable.name,
        null,
        null,
        `${missing.length} reps in ${dealsTable.name} are not in ${repsTable?.name ?? "the reps table"} (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}): they are listed without quota or close rate from the reps sheet.`,
      );
    }
  }
  return {
    deals,
    reps,
    dealsTable: dealsTable.name,
    repsTable: repsTable?.name ?? null,
    columns: dealsRead.columns,
    daysInStageAsOf: dealsRead.asOfDay,
    hasQuotaColumn: repsRead?.hasQuotaColumn ?? false,
  };
}
