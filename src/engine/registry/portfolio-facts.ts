/** Portfolio facts: the run's totals, which `trigger` rules test (scope "portfolio"). */
import type { FactSpec } from "../../rules/types";

export const PORTFOLIO_FACTS: readonly FactSpec[] = [
  {
    name: "customersAnalyzed",
    type: "number",
    unit: "count",
    description: "Customers in the run.",
  },
  {
    name: "customersWithGaps",
    type: "number",
    unit: "count",
    description: "Distinct customers with at least one gap.",
  },
  { name: "gapCount", type: "number", unit: "count", description: "Gap rows detected." },
  {
    name: "totalGap",
    type: "number",
    unit: "dollars",
    description: "Sum of gap amounts over all gap rows.",
  },
  {
    name: "totalRevenueAtRisk",
    type: "number",
    unit: "dollars",
    description:
      "Weekly revenue at risk, each customer once: the sum over customers of their largest gap amount.",
  },
  {
    name: "totalExposure",
    type: "number",
    unit: "dollars",
    description: "Sum of risk-weighted exposure, each customer once (its largest gap's exposure).",
  },
  {
    name: "churnRiskCustomers",
    type: "number",
    unit: "count",
    description: "Customers on the churn-risk list.",
  },
  {
    name: "potentialRecovery",
    type: "number",
    unit: "dollars",
    description: "Recovery potential (top N rows or all, per the pack).",
  },
  {
    name: "concentrationPct",
    type: "number",
    unit: "percent",
    description: "Share of exposure held by the top customers, in percent.",
  },
  {
    name: "highSeverityGaps",
    type: "number",
    unit: "count",
    description: "Gap rows with severity high.",
  },
];
