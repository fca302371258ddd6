/**
 * Wording when the input has no stock table. Without stock data every week counts as a stocked
 * week, so a text saying "while the store was in stock" would claim something nobody checked. The
 * explanations and the methodology then say that stockouts could not be assessed instead; with a
 * stock table the wording is unchanged.
 */
import type { FactSpec } from "../../rules/types";
import { type PeriodWords, periodWords } from "../input/period";

/** The plain clause every explanation and the methodology use when there is no stock data. */
export const NO_STOCK_NOTE = "stockouts could not be assessed (no stock data)";

/** The methodology bullet for a run without stock data, in the run's period ("week" / "month"). */
export function noStockMethodology(u: PeriodWords = periodWords("week")): string {
  return `Stockouts could not be assessed (no stock data): every ${u.one} counts as a stocked ${u.one}, so a silence or a drop caused by an empty shelf cannot be told apart from the customer's own, and no gap is put down to a stockout.`;
}

/** The weekly methodology bullet (noStockMethodology in weeks). */
export const NO_STOCK_METHODOLOGY = noStockMethodology();

/** Whether `text` claims stock availability ("in stock", "in-stock"). */
export const mentionsInStock = (text: string): boolean => /\bin[\s-]stock\b/i.test(text);

/**
 * A fact description without its claims of stock availability: "... in which the store was in
 * stock" and "... while the store was in stock" are dropped, "in-stock weeks" become "weeks".
 */
export function withoutInStock(text: string): string {
  return text
    .replace(/\s*\([^()]*\bin[\s-]stock\b[^()]*\)/gi, "")
    .replace(/\s+(?:while|in which|when) the store (?:was|is) in stock\b/gi, "")
    .replace(/\bin-stock\s+/gi, "")
    .replace(/\s+in stock\b/gi, "");
}

/**
 * The fact specs an explanation reads, with stock-availability claims removed from the
 * descriptions and labels when there is no stock data (`stockAssessed` false); else `specs` itself.
 */
export function specsForStock(
  specs: ReadonlyMap<string, FactSpec>,
  stockAssessed: boolean,
): ReadonlyMap<string, FactSpec> {
  if (stockAssessed) return specs;
  const out = new Map<string, FactSpec>();
  for (const [name, spec] of specs) {
    const claims = mentionsInStock(spec.description) || mentionsInStock(spec.label ?? "");
    out.set(
      name,
      claims
        ? {
            ...spec,
            description: withoutInStock(spec.description),
            ...(spec.label !== undefined ? { label: withoutInStock(spec.label) } : {}),
          }
        : spec,
    );
  }
  return out;
}
