/**
 * The fact columns of RGO Customers in words: one column per fact (a fact RGO Customers already
 * shows among its money and segment columns is not repeated), each headed by the label registry's
 * words with the unit where the cell format does not show it ("Change vs baseline (%)"), and each
 * segment value in words; without stock data no header claims the store was in stock. A segment no rule of the pack sets reads "Not assessed": its value would
 * only be the segment's default (default and seed-v2 never set trendLabel, which then said
 * "stable" next to a trend of -100%).
 */
import type { FactRecord, FactSpec, RuleDefinition } from "../../rules/types";
import { type PeriodUnit, periodWords } from "../input/period";
import { METRIC_FACTS, MODEL_FACTS, SCORES, SEGMENTS } from "../registry/customer-facts";
import { factLabel, labelOf } from "../registry/labels";
import type { ResultCell, ResultColumn } from "./result-book";

/** The words a segment's cell shows when no rule of the pack sets that segment. */
export const NOT_ASSESSED = "Not assessed";

export interface FactColumn {
  name: string;
  header: string;
  format: ResultColumn["format"];
}

/** Segments some `segment` rule of the pack sets. */
export function assessedSegments(rules: readonly RuleDefinition[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const r of rules)
    if (r.event.type === "segment" && typeof r.event.params.segment === "string")
      out.add(r.event.params.segment);
  return out;
}

function formatOf(spec: FactSpec | undefined, name: string): ResultColumn["format"] {
  if (!spec) return SCORES[name] !== undefined ? "decimal" : "text";
  if (spec.type !== "number") return "text";
  return spec.unit === "dollars"
    ? "currency"
    : spec.unit === "ratio"
      ? "percent"
      : spec.unit === "weeks" || spec.unit === "count"
        ? "integer"
        : "decimal";
}

/**
 * The in-stock facts' words in a run without stock data: every period then counts as in stock, so
 * no header may claim the store was (stock-wording.ts); each says it counts every period.
 */
function noStockWords(name: string, unit: PeriodUnit): string | undefined {
  const u = periodWords(unit);
  const words: Record<string, string> = {
    baselineInStockWeeks: `Baseline ${u.many} counted (no stock data)`,
    inStockDeclinePct: `Decline vs expected, all ${u.many} (no stock data)`,
    inStockShortfallZ: `Shortfall in usual variations, all ${u.many} (no stock data)`,
    trailingZeroInStockWeeks: `${u.Many} without spend, latest run (no stock data)`,
  };
  return words[name];
}

/** A fact's header: its words, with "(%)" for a percent-point fact (its cells are plain numbers). */
export function factHeader(
  name: string,
  unit: PeriodUnit,
  horizonWeeks: number,
  spec: FactSpec | undefined,
  stockAssessed = true,
): string {
  const horizon: Record<string, string> = {
    expectedPurchasesNext: `Expected purchases, next ${horizonWeeks} weeks`,
    forecastShortfall: `Expected shortfall, next ${horizonWeeks} weeks`,
  };
  const words =
    horizon[name] ??
    (stockAssessed ? undefined : noStockWords(name, unit)) ??
    factLabel(name, unit);
  return spec?.unit === "percent" ? `${words} (%)` : words;
}

/**
 * The fact columns after RGO Customers' money and segment columns, in registry order: metric
 * facts, model facts (with the model), score totals, segments; none of `shown`.
 */
export function customerFactColumns(
  withModel: boolean,
  unit: PeriodUnit,
  horizonWeeks: number,
  shown: ReadonlySet<string>,
  stockAssessed = true,
): FactColumn[] {
  const specs = [...METRIC_FACTS, ...(withModel ? MODEL_FACTS : [])];
  const names = [...specs.map((f) => f.name), ...Object.keys(SCORES), ...Object.keys(SEGMENTS)];
  return names
    .filter((n) => !shown.has(n))
    .map((n) => {
      const spec = specs.find((f) => f.name === n);
      return {
        name: n,
        header: factHeader(n, unit, horizonWeeks, spec, stockAssessed),
        format: formatOf(spec, n),
      };
    });
}

/**
 * The cells of fact column `name`: segment values in words ("Not assessed" when the pack never
 * sets it), other facts as they are, null where the customer has none. What depends on the column
 * alone (is it a segment, does the pack set it) is decided once: a column of RGO Customers takes
 * each of its 20,000 cells from the function returned.
 */
export function factCellOf(
  name: string,
  assessed: ReadonlySet<string>,
): (facts: FactRecord) => ResultCell {
  if (SEGMENTS[name] === undefined)
    return (facts) => {
      const v = facts[name];
      return v === undefined ? null : v;
    };
  if (!assessed.has(name)) return (facts) => (facts[name] === undefined ? null : NOT_ASSESSED);
  return (facts) => {
    const v = facts[name];
    if (v === undefined) return null;
    return typeof v === "string" ? labelOf("value", v) : v;
  };
}
