/** Event types rules may emit, with their params: what a pack can classify. */
import type { EventSpec } from "../../rules/types";
import { GAP_TYPES } from "../parameters/pack-parameters";
import { SCORES, SEGMENTS } from "./customer-facts";

export const ROOT_CAUSES = [
  "behavioral_churn",
  "operational_stockout",
  "structural_decline",
  "demand_softness",
] as const;

/** Flags a `deal-flag` event may set. */
export const DEAL_FLAGS = ["stalled", "at_risk"] as const;
/** Flags a `rep-flag` event may set. */
export const REP_FLAGS = ["needs_coaching"] as const;

export const EVENTS: readonly EventSpec[] = [
  {
    type: "score-points",
    scope: "customer",
    description:
      "Adds points to a score total (a fact of the same name). Within one score and dimension the highest-priority matching rule wins (ties: file order); the total sums the dimensions.",
    params: {
      score: {
        type: "string",
        required: true,
        values: Object.keys(SCORES),
        description: "Score total to add to.",
      },
      dimension: {
        type: "string",
        required: true,
        description: "What the points are for; one rule per dimension counts.",
      },
      points: { type: "number", required: true, description: "Points added." },
    },
  },
  {
    type: "segment",
    scope: "customer",
    description:
      "Sets a segment of the customer (a fact of the same name, usable by later rules). Highest-priority match wins per segment; defaults come from the pack parameters.",
    params: {
      segment: {
        type: "string",
        required: true,
        values: Object.keys(SEGMENTS),
        description: "Segment to set.",
      },
      value: {
        type: "string",
        required: true,
        description: "Segment value (one of the segment's values).",
      },
    },
  },
  {
    type: "churn-risk",
    scope: "customer",
    description: "Puts the customer on the churn-risk list, with the factor that put it there.",
    params: {
      factor: {
        type: "string",
        required: true,
        description: "Risk factor name, e.g. zero_spend_weeks.",
      },
    },
  },
  {
    type: "churn-factor",
    scope: "customer",
    description:
      "Adds a risk factor to a customer already on the churn-risk list (no effect otherwise).",
    params: {
      factor: {
        type: "string",
        required: true,
        description: "Risk factor name, e.g. declining_trend.",
      },
    },
  },
  {
    type: "gap",
    scope: "customer",
    description:
      "Detects a revenue gap of a type; its amounts come from the gap type's method in the parameters. One row per customer and gap type.",
    params: {
      gapType: { type: "string", required: true, values: GAP_TYPES, description: "Gap type." },
      note: {
        type: "string",
        required: false,
        description: "Optional plain-words rationale added to the why text.",
      },
    },
  },
  {
    type: "root-cause",
    scope: "customer",
    description:
      "Names the customer's root cause; the highest-priority matching rule wins (ties: file order).",
    params: {
      cause: { type: "string", required: true, values: ROOT_CAUSES, description: "Root cause." },
    },
  },
  {
    type: "trigger",
    scope: "portfolio",
    description:
      "An executive trigger on the portfolio totals, shown as a warning at the top of the report.",
    params: {
      trigger: {
        type: "string",
        required: true,
        description: "Trigger name, e.g. exposure_exceeded.",
      },
      message: { type: "string", required: true, description: "Warning shown to the reader." },
    },
  },
  {
    type: "deal-flag",
    scope: "deal",
    description:
      "Flags an open deal of the sales pipeline as stalled or at risk; the rule's conditions are the why.",
    params: {
      flag: {
        type: "string",
        required: true,
        values: DEAL_FLAGS,
        description: "Flag to set: stalled or at_risk.",
      },
      reason: {
        type: "string",
        required: false,
        description: "Optional plain-words reason added to the why text.",
      },
    },
  },
  {
    type: "rep-flag",
    scope: "rep",
    description: "Flags a sales rep (needs_coaching); the rule's conditions are the why.",
    params: {
      flag: {
        type: "string",
        required: true,
        values: REP_FLAGS,
        description: "Flag to set: needs_coaching.",
      },
      reason: {
        type: "string",
        required: false,
        description: "Optional plain-words reason added to the why text.",
      },
    },
  },
];
