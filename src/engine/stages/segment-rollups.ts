/**
 * Segment rollups: revenue at risk, customers with gaps and exposure by a customer attribute a
 * finance team segments by (region, age band, household size, income, loyalty, store).
 *
 * Each customer is counted once, with the same money the portfolio totals use (its one revenue at
 * risk and exposure, customer-money.ts), summed in integer cents: every rollup's groups add up
 * exactly to the headline revenue at risk, customers with gaps and total exposure.
 *
 * Groups are ordered naturally when every value reads as a number or a band ("45-54", "65+",
 * "Under 15K", "50-74K", "250K+", store "101"): by the band's lower bound. Otherwise (region
 * names) by revenue at risk, largest first, then by name. Loyalty lists members first. Customers
 * without a value are grouped as "unknown", always last.
 */
import { type CustomerColumns, columnsOfCustomers } from "./customer-columns";
import type { AttributeRollup, CustomerResult } from "../analysis-result";
import type { Dataset } from "../input/dataset";
import type { RollupAttribute } from "../parameters/pack-parameters";
import { toCents } from "../rounding/round-rule";

/** Heading words per attribute ("Revenue at risk by age band"). */
export const ROLLUP_LABELS: Readonly<Record<RollupAttribute, string>> = {
  region: "region",
  ageBand: "age band",
  householdSize: "household size",
  income: "income",
  loyalty: "loyalty",
  store: "store",
};

/** The group of customers without a value. */
export const UNKNOWN = "unknown";

/** Standard age bands for ages given as plain numbers. */
function ageBandOf(age: number): string {
  if (age < 25) return "Under 25";
  if (age >= 65) return "65+";
  const lo = Math.floor((age - 25) / 10) * 10 + 25;
  return `${lo}-${lo + 9}`;
}

/**
 * Each selected customer's value of `attribute` (null = unknown), or null when no selected
 * customer has a value (the attribute is not present in the input).
 */
export function attributeValues(
  dataset: Dataset,
  selection: Int32Array,
  attribute: RollupAttribute,
): (string | null)[] | null {
  const c = dataset.customers;
  // The band of each distinct plain age, made once.
  const ageBands = new Map<number, string>();
  const ageBand = (age: number): string => {
    let band = ageBands.get(age);
    if (band === undefined) {
      band = ageBandOf(age);
      ageBands.set(age, band);
    }
    return band;
  };
  const valueOf = (i: number): string | null => {
    switch (attribute) {
      case "region":
        return c.segment[i];
      case "ageBand":
        if (c.ageBand?.[i] != null) return c.ageBand[i];
        return Number.isNaN(c.age[i]) ? null : ageBand(c.age[i]);
      case "householdSize":
        if (c.householdSizeBand?.[i] != null) return c.householdSizeBand[i];
        return Number.isNaN(c.householdSize[i]) ? null : String(c.householdSize[i]);
      case "income":
        return c.income?.[i] ?? null;
      case "loyalty":
        return c.loyalty[i] === 1 ? "member" : c.loyalty[i] === 0 ? "not a member" : null;
      case "store":
        return c.store[i] >= 0 ? (dataset.stores.ids[c.store[i]] ?? null) : null;
    }
  };
  // Customers share a few distinct values: each is trimmed once (issue 14).
  const trimmed = new Map<string, string | null>();
  const values = Array.from(selection, (i) => {
    const v = valueOf(i);
    if (v === null) return null;
    let t = trimmed.get(v);
    if (t === undefined) {
      t = v.trim() === "" ? null : v.trim();
      trimmed.set(v, t);
    }
    return t;
  });
  return values.some((v) => v !== null) ? values : null;
}

/**
 * The lower bound a value orders by: "45-54" 45, "65+" 65, "Under 15K" just below 15, "50-74K"
 * 50, "250K+" 250, "$35,000-$49,999" 35000, "3" 3; null when the value is not a number or band.
 */
export function bandOrderKey(value: string): number | null {
  const s = value.trim().replace(/,/g, "").toLowerCase();
  const n = String.raw`\$?(\d+(?:\.\d+)?)\s*k?`;
  const under = new RegExp(`^(?:under|less than|below|<)\\s*${n}$`).exec(s);
  if (under) return Number(under[1]) - 0.5;
  const range = new RegExp(`^${n}\\s*(?:-|\u2013|to)\\s*${n}$`).exec(s);
  if (range) return Number(range[1]);
  const plus = new RegExp(`^${n}\\s*(?:\\+|and over|or more)$`).exec(s);
  if (plus) return Number(plus[1]);
  const one = new RegExp(`^${n}$`).exec(s);
  return one ? Number(one[1]) : null;
}

/**
 * Groups `customers` (aligned with `values`) by value and sums each group's customers, customers
 * with gaps, revenue at risk and exposure (each customer once, in cents). `exposureOn` false
 * counts no exposure, as the portfolio total does.
 */
export function rollupBy(
  attribute: RollupAttribute,
  customers: readonly CustomerResult[],
  values: readonly (string | null)[],
  exposureOn: boolean,
): AttributeRollup {
  return rollupOf(attribute, columnsOfCustomers(customers), values, exposureOn);
}

/** rollupBy of the customers' columns (customer-columns.ts). */
function rollupOf(
  attribute: RollupAttribute,
  c: Pick<CustomerColumns, "count" | "gapCount" | "revenueAtRisk" | "exposure">,
  values: readonly (string | null)[],
  exposureOn: boolean,
): AttributeRollup {
  const groups = new Map<string, { n: number; gaps: number; risk: number; exposure: number }>();
  for (let k = 0; k < c.count; k++) {
    const key = values[k] ?? UNKNOWN;
    const g = groups.get(key) ?? { n: 0, gaps: 0, risk: 0, exposure: 0 };
    g.n++;
    if (c.gapCount[k] > 0) {
      g.gaps++;
      g.risk += toCents(c.revenueAtRisk[k]);
      if (exposureOn) g.exposure += toCents(c.exposure[k]);
    }
    groups.set(key, g);
  }
  const known = [...groups.keys()].filter((k) => k !== UNKNOWN);
  const keys = new Map(known.map((k) => [k, bandOrderKey(k)]));
  const natural = attribute !== "loyalty" && known.every((k) => keys.get(k) !== null);
  const loyaltyRank = (k: string): number => (k === "member" ? 0 : 1);
  const entries = [...groups.entries()].sort(([a, x], [b, y]) => {
    if (a === UNKNOWN || b === UNKNOWN) return (a === UNKNOWN ? 1 : 0) - (b === UNKNOWN ? 1 : 0);
    if (attribute === "loyalty") return loyaltyRank(a) - loyaltyRank(b);
    if (natural) return (keys.get(a) ?? 0) - (keys.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
    return y.risk - x.risk || (a < b ? -1 : a > b ? 1 : 0);
  });
  return {
    attribute,
    rows: entries.map(([value, g]) => ({
      value,
      customers: g.n,
      customersWithGaps: g.gaps,
      revenueAtRisk: g.risk / 100,
      exposure: g.exposure / 100,
    })),
  };
}

/**
 * The rollups a pack asks for (`attributes`, in that order), each over the attributes present in
 * the input; an attribute no analysed customer has a value for is left out.
 */
export function segmentRollups(
  dataset: Dataset,
  selection: Int32Array,
  customers: CustomerColumns,
  attributes: readonly RollupAttribute[],
  exposureOn: boolean,
): AttributeRollup[] {
  const out: AttributeRollup[] = [];
  for (const a of attributes) {
    const values = attributeValues(dataset, selection, a);
    if (values !== null) out.push(rollupOf(a, customers, values, exposureOn));
  }
  return out;
}
