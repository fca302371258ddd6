/** Rep facts: what `rep-flag` rules (scope "rep") may test for one sales rep. */
import type { FactSpec } from "../../rules/types";

export const REP_FACTS: readonly FactSpec[] = [
  {
    name: "quotaAttainment",
    type: "number",
    unit: "ratio",
    description:
      "Quota attainment: year-to-date revenue / quota, 2 decimals (not available without a quota).",
  },
  {
    name: "coachingThreshold",
    type: "number",
    unit: "ratio",
    description: "Coaching threshold on quota attainment (pipeline parameters).",
  },
  {
    name: "hasQuota",
    type: "boolean",
    description: "Whether the reps sheet gives the rep a quota.",
  },
  { name: "activeDeals", type: "number", unit: "count", description: "Open deals of the rep." },
  {
    name: "pipelineValue",
    type: "number",
    unit: "dollars",
    description: "Sum of the rep's open deal values.",
  },
  {
    name: "closeRate",
    type: "number",
    unit: "ratio",
    description: "Close rate: the reps sheet's, else won / closed deals of the rep.",
  },
];
