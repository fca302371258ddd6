import { issueTotals } from "../engine/issue";
import type { SummaryJson } from "../engine/report/summary-json";
import { periodWords } from "../engine/input/period";
import { formatCurrency } from "../engine/currency";
import { labelOf } from "../engine/registry/labels";

/** What potential recovery sums, in words, per recovery scope. */
const RECOVERY_SCOPE: Record<string, string> = {
  "top-n": "top gap rows",
  all: "all gap rows",
  "top-n-customers": "top customers, each once",
  "all-customers": "all customers, each once",
};

/** The few lines an analyst reads first, printed by `rgo analyze`. */
export function formatHeadline(s: SummaryJson, topCount = 5, period?: string): string {
  const sum = s.summary;
  const u = periodWords(sum.period);
  const money = (v: number): string => formatCurrency(v, sum.currency);
  const lines: string[] = [];
  lines.push(
    `Rule pack        ${s.rulePack.name} ${s.rulePack.version} (${s.rulePack.hash.slice(0, 19)}…)`,
  );
  lines.push(
    `Input            ${s.input.customers} customers, ${s.input.salesRows} sales rows, ${s.input.weeks} ${u.many}, ${s.input.stockRows} stock rows`,
  );
  const p = s.pipeline;
  const pipelineLine = (): string =>
    `Pipeline         ${p?.totalDeals ?? 0} deals, ${p?.activeDeals ?? 0} active, open ${money(p?.openPipelineValue ?? 0)}, weighted ${money(p?.weightedPipelineValue ?? 0)}; ${p?.stalledDeals.length ?? 0} stalled, ${p?.atRiskDeals.length ?? 0} at risk`;
  if (p !== undefined && s.input.weeks === 0) {
    // Deals without sales: the pipeline alone.
    lines.push(pipelineLine());
    const { error, warning } = issueTotals(s.issues);
    lines.push(`Input issues     ${error} errors, ${warning} warnings (see RGO Issues)`);
    return lines.join("\n") + "\n";
  }
  if (period !== undefined) lines.push(`Period           ${period}`);
  lines.push(
    `Customers        ${sum.customersAnalyzed} analysed, ${sum.customersWithGaps} with gaps`,
  );
  const byType = Object.entries(sum.gapsByType)
    .map(([k, v]) => `${labelOf("gapType", k)} ${v}`)
    .join(", ");
  lines.push(`Gaps             ${sum.gapCount}${byType ? ` (${byType})` : ""}`);
  lines.push(`Revenue at risk  ${money(sum.revenueAtRisk)} ${u.per} (each customer once)`);
  lines.push(`Total gap        ${money(sum.totalGap)} ${u.per} (all gap rows)`);
  if (sum.totalExposure > 0 || Object.keys(sum.exposureByCause).length > 0) {
    lines.push(`Exposure         ${money(sum.totalExposure)} ${u.per} (risk-weighted)`);
    const causes = Object.entries(sum.exposureByCause)
      .map(([k, v]) => `${labelOf("cause", k)} ${money(v)}`)
      .join(", ");
    if (causes) lines.push(`  by cause       ${causes}`);
  }
  lines.push(`Churn risk       ${sum.churnRiskCustomers} customers`);
  const scope = RECOVERY_SCOPE[sum.recoveryScope] ?? sum.recoveryScope;
  lines.push(`Recovery         ${money(sum.potentialRecovery)} ${u.per} (${scope})`);
  const top = s.topGaps.slice(0, topCount);
  if (top.length > 0) {
    lines.push("Top gaps");
    for (const g of top) {
      // As the pane's drill-down says it: "#1 Below baseline (high): $186.26 a week, score 8.35".
      const cause = g.rootCause ? `; cause: ${labelOf("cause", g.rootCause)}` : "";
      lines.push(
        `  ${String(g.rank).padStart(3)}. customer ${g.customerId}  ${labelOf("gapType", g.gapType)} (${g.severity}): ${money(g.gapAmount)} ${u.per}, score ${g.priorityScore.toFixed(2)}${cause}`,
      );
    }
  }
  const { error, warning, total } = issueTotals(s.issues);
  if (total > 0)
    lines.push(`Input issues     ${error} errors, ${warning} warnings (see RGO Issues)`);
  return lines.join("\n") + "\n";
}
