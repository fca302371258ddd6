/** A small registry for the rules-library tests (the engine's real registry lives elsewhere). */
import type { PackRegistry } from "../../src/rules/registry";
import type { FactSpec } from "../../src/rules/types";

export const CUSTOMER_FACTS: FactSpec[] = [
  { name: "recentAvg", type: "number", description: "Recent 4-week average", unit: "dollars" },
  { name: "baselineAvg", type: "number", description: "Baseline average", unit: "dollars" },
  { name: "trendPct", type: "number", description: "Trend vs baseline", unit: "percent" },
  { name: "zeroWeeks", type: "number", description: "Weeks without spend", unit: "weeks" },
  {
    name: "segment",
    type: "string",
    description: "Segment",
    values: ["Premium", "Standard", "Budget"],
  },
  { name: "region", type: "string", description: "Region" },
  { name: "loyaltyMember", type: "boolean", description: "Loyalty member" },
];

export const PORTFOLIO_FACTS: FactSpec[] = [
  { name: "totalRevenue", type: "number", description: "Total revenue", unit: "dollars" },
  {
    name: "gapShare",
    type: "number",
    description: "Share of customers with gaps",
    unit: "percent",
  },
  { name: "quarter", type: "string", description: "Quarter", values: ["Q1", "Q2", "Q3", "Q4"] },
];

export const TEST_REGISTRY: PackRegistry = {
  customerFacts: CUSTOMER_FACTS,
  portfolioFacts: PORTFOLIO_FACTS,
  events: [
    {
      type: "gap",
      description: "A revenue gap",
      scope: "customer",
      params: {
        gapType: {
          type: "string",
          required: true,
          values: ["decline", "churn", "stockout"],
          description: "the kind of gap",
        },
        weight: { type: "number", required: false, description: "scoring weight" },
      },
    },
    {
      type: "segment",
      description: "A segment label",
      scope: "customer",
      params: { label: { type: "string", required: true, description: "segment label" } },
    },
    {
      type: "portfolio-alert",
      description: "A portfolio alert",
      scope: "portfolio",
      params: { urgent: { type: "boolean", required: false, description: "whether urgent" } },
    },
  ],
  parametersSchema: {
    type: "object",
    additionalProperties: false,
    required: ["recentWeeks"],
    properties: {
      recentWeeks: { type: "integer", minimum: 1, maximum: 52 },
      multiplier: { type: "number" },
    },
  },
};

/** A valid pack as a plain value. */
export function validPackValue(): Record<string, unknown> {
  return {
    format: "rgo-rule-pack/1",
    name: "test",
    version: "1.0.0",
    description: "A test pack",
    parameters: { recentWeeks: 4, multiplier: 0.7 },
    rules: [
      {
        name: "declining-revenue",
        priority: 2,
        conditions: {
          all: [
            { fact: "recentAvg", operator: "lessThan", value: { fact: "baselineAvg" } },
            { fact: "trendPct", operator: "lessThanInclusive", value: -20 },
          ],
        },
        event: { type: "gap", params: { gapType: "decline", weight: 1 } },
      },
      {
        name: "premium",
        conditions: { any: [{ fact: "segment", operator: "in", value: ["Premium"] }] },
        event: { type: "segment", params: { label: "premium" } },
      },
      {
        name: "portfolio-slump",
        conditions: { not: { fact: "gapShare", operator: "lessThan", value: 10 } },
        event: { type: "portfolio-alert", params: { urgent: true } },
      },
    ],
  };
}
