/**
 * The Drill-down's facts, grouped and in words: each fact named by the label registry
 * (src/engine/registry/labels.ts), its value written for its unit (money in the run's currency,
 * percent, weeks or months, yes / no, a segment value in words), in five groups a finance reader
 * knows: Spend, Stock, Purchases, Model and forecast, Segments and scores.
 */
import { formatCurrency } from "../../engine/currency";
import { countPeriods, type PeriodUnit } from "../../engine/input/period";
import { MODEL_FACTS, SCORES, SEGMENTS } from "../../engine/registry/customer-facts";
import { FACT_LABELS, factLabel, IDENTIFIER_PATTERN, labelOf } from "../../engine/registry/labels";
import type { DrillFact } from "../worker/protocol";

export const FACT_GROUPS = [
  "Spend",
  "Stock",
  "Purchases",
  "Model and forecast",
  "Segments and scores",
] as const;
export type FactGroup = (typeof FACT_GROUPS)[number];

export interface FactRow {
  /** The engine's name (a React key; never shown). */
  name: string;
  label: string;
  value: string;
  /** The fact's description with engine names in words ("" when the registry has none). */
  description: string;
}

export interface FactGroupRows {
  group: FactGroup;
  rows: FactRow[];
}

const PURCHASES = new Set([
  "weeksObserved",
  "firstPurchaseWeek",
  "lastPurchaseWeek",
  "weeksSinceLastPurchase",
  "purchaseWeeks",
  "baselinePurchaseWeeks",
  "purchaseIntervalWeeks",
  "lapseRatio",
  "silenceProbability",
  "zeroWeeksCurrent",
  "trailingZeroWeeks",
]);
const MODEL = new Set(MODEL_FACTS.map((f) => f.name));
const SEGMENT_NAMES = new Set(Object.keys(SEGMENTS));
const SCORE_NAMES = new Set(Object.keys(SCORES));
/** Ratio facts that are shares or chances (0..1): written as percent. */
const SHARE = /(?:Share|Probability|Depth|Ratio|Risk)$|^p[A-Z]/;
/** Facts that are a period's position in the calendar ("week 3"), not a count of periods. */
const POSITION = /(?:Purchase)(?:Week|Month)$/;

/** The group a fact belongs to. */
export function factGroup(f: DrillFact): FactGroup {
  if (MODEL.has(f.name)) return "Model and forecast";
  if (/stockout|InStock|inStock/.test(f.name)) return "Stock";
  if (PURCHASES.has(f.name)) return "Purchases";
  if (SEGMENT_NAMES.has(f.name) || SCORE_NAMES.has(f.name)) return "Segments and scores";
  if (typeof f.value !== "number") return "Segments and scores";
  return "Spend";
}

const round = (v: number, digits: number): string => {
  const p = Math.pow(10, digits);
  return (Math.round(v * p) / p).toLocaleString("en-US", { maximumFractionDigits: digits });
};

/** A fact's value in words for its unit; money in `currency`. */
export function factValueText(f: DrillFact, currency: string): string {
  const v = f.value;
  if (v === null) return "—";
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (typeof v === "string") return SEGMENT_NAMES.has(f.name) ? labelOf("value", v) : v;
  if (!Number.isFinite(v)) return String(v);
  switch (f.unit) {
    case "dollars":
      return formatCurrency(v, currency);
    case "percent":
      return `${round(v, 1)}%`;
    case "ratio":
      if (f.name === "lapseRatio") return `${round(v, 1)}×`;
      return SHARE.test(f.name) ? `${round(v * 100, 1)}%` : round(v, 2);
    case "weeks":
    case "months": {
      // A monthly run's facts counted in periods carry "months" (stages/period-facts.ts).
      const unit: PeriodUnit = f.unit === "months" ? "month" : "week";
      if (POSITION.test(f.name)) return `${unit === "month" ? "Month" : "Week"} ${round(v, 0)}`;
      return Number.isInteger(v) ? countPeriods(v, unit) : `${round(v, 1)} ${unit}s`;
    }
    case "days":
      return Number.isInteger(v) && v === 1 ? "1 day" : `${round(v, 1)} days`;
    case "count":
      return round(v, 2);
    default:
      return round(v, 2);
  }
}

/** `text` with each engine name the label registry knows written in its words (lower case). */
export function inWords(text: string): string {
  const re = new RegExp(IDENTIFIER_PATTERN.source, "g");
  return text.replace(re, (name) =>
    Object.prototype.hasOwnProperty.call(FACT_LABELS, name)
      ? FACT_LABELS[name].charAt(0).toLowerCase() + FACT_LABELS[name].slice(1)
      : name,
  );
}

/**
 * The facts in their groups (groups in FACT_GROUPS order, facts in the order given; empty groups
 * left out), each labelled in the run's period ("Baseline spend per month" in a monthly run).
 */
export function groupFacts(
  facts: readonly DrillFact[],
  currency: string,
  period: PeriodUnit = "week",
): FactGroupRows[] {
  const by = new Map<FactGroup, FactRow[]>();
  for (const f of facts) {
    const g = factGroup(f);
    const rows = by.get(g) ?? [];
    rows.push({
      name: f.name,
      label: factLabel(f.name, period),
      value: factValueText(f, currency),
      description: f.description !== undefined ? inWords(f.description) : "",
    });
    by.set(g, rows);
  }
  return FACT_GROUPS.filter((g) => by.has(g)).map((g) => ({ group: g, rows: by.get(g) ?? [] }));
}
