/** Builds the fact record rules see for one customer from the columnar metrics. */
import type { Scalar } from "../../rules/types";
import { MODEL_METRICS } from "../metrics/customer-forecast";
import { NUMERIC_METRICS, type CustomerMetrics } from "../metrics/customer-metrics";

/** A mutable fact record (the classify stage adds score totals and segments to it). */
export type MutableFacts = Record<string, Scalar | null>;

export function customerFactsRecord(m: CustomerMetrics, k: number): MutableFacts {
  const facts: MutableFacts = {};
  for (const name of NUMERIC_METRICS) facts[name] = m.numeric[name][k];
  facts.isHighValue = m.isHighValue[k] === 1;
  facts.loyaltyMember = m.loyaltyMember[k] === 1;
  facts.region = m.region[k];
  facts.storeId = m.storeId[k];
  const model = m.model;
  if (model !== undefined) for (const name of MODEL_METRICS) facts[name] = model.numeric[name][k];
  return facts;
}
