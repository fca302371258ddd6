/** Builds the fact record rules see for one customer from the columnar metrics. */
import type { Scalar } from "../../rules/types";
import { MODEL_METRICS } from "../metrics/customer-forecast";
import { NUMERIC_METRICS, type CustomerMetrics } from "../metrics/customer-metrics";

/** A mutable fact record (the classify stage adds score totals and segments to it). */
export type MutableFacts = Record<string, Scalar | null>;

/**
 * An empty record with every key a customer's record gets, in the order it gets them (the
 * metrics, the flags, the model facts when fitted, then `later`: the classify stage's scores and
 * segments), values 0. Made by JSON.parse so its properties sit in the object itself; a record
 * copied from it is made and read about twice as fast as one grown key by key, with the same keys
 * in the same order (issue 14).
 */
export function factsTemplate(m: CustomerMetrics, later: readonly string[]): MutableFacts {
  const keys = new Set<string>(NUMERIC_METRICS);
  for (const name of ["isHighValue", "loyaltyMember", "region", "storeId"]) keys.add(name);
  if (m.model !== undefined) for (const name of MODEL_METRICS) keys.add(name);
  for (const name of later) keys.add(name);
  return JSON.parse(
    JSON.stringify(Object.fromEntries([...keys].map((k) => [k, 0]))),
  ) as MutableFacts;
}

/** The record of customer k, copied from `template` (factsTemplate) when given. */
export function customerFactsRecord(
  m: CustomerMetrics,
  k: number,
  template?: MutableFacts,
): MutableFacts {
  const facts: MutableFacts = template !== undefined ? { ...template } : {};
  for (const name of NUMERIC_METRICS) facts[name] = m.numeric[name][k];
  facts.isHighValue = m.isHighValue[k] === 1;
  facts.loyaltyMember = m.loyaltyMember[k] === 1;
  facts.region = m.region[k];
  facts.storeId = m.storeId[k];
  const model = m.model;
  if (model !== undefined) for (const name of MODEL_METRICS) facts[name] = model.numeric[name][k];
  return facts;
}

/**
 * Makes the records of a run's customers: `record(k)` gives the same record as
 * `customerFactsRecord(m, k, factsTemplate(m, later))`, with the template made once and each
 * fact's column looked up once per run, not once per customer (issue 14).
 */
export function factsRecordMaker(
  m: CustomerMetrics,
  later: readonly string[],
): (k: number) => MutableFacts {
  const template = factsTemplate(m, later);
  const names: string[] = [...NUMERIC_METRICS];
  const columns: Float64Array[] = NUMERIC_METRICS.map((name) => m.numeric[name]);
  const model = m.model;
  const modelNames: string[] = model !== undefined ? [...MODEL_METRICS] : [];
  const modelColumns: Float64Array[] =
    model !== undefined ? MODEL_METRICS.map((name) => model.numeric[name]) : [];
  const { isHighValue, loyaltyMember, region, storeId } = m;
  return (k) => {
    const facts: MutableFacts = { ...template };
    for (let j = 0; j < names.length; j++) facts[names[j]] = columns[j][k];
    facts.isHighValue = isHighValue[k] === 1;
    facts.loyaltyMember = loyaltyMember[k] === 1;
    facts.region = region[k];
    facts.storeId = storeId[k];
    for (let j = 0; j < modelNames.length; j++) facts[modelNames[j]] = modelColumns[j][k];
    return facts;
  };
}
