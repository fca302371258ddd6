/**
 * The Drill-down's customer picker: customers with gaps first, by rank, each as
 * "1. 154 — $186.26 a week at risk (High)" (rank, customer id, revenue at risk in the run's
 * currency and period, priority band); then, when the search asks for them, customers without
 * gaps by id. A search matches the id or the words of the option.
 */
import { formatCurrency } from "../../engine/currency";
import { periodWords, type PeriodUnit } from "../../engine/input/period";
import type { DrillEntry, DrillIndex } from "../worker/protocol";

export interface PickerOption {
  customerId: string;
  text: string;
}

/** The option text of a customer with gaps. */
export function pickerText(e: DrillEntry, currency: string, period: PeriodUnit = "week"): string {
  const band = e.band !== null && e.band !== "" ? ` (${e.band})` : "";
  return `${e.rank}. ${e.customerId} — ${formatCurrency(e.revenueAtRisk, currency)} ${periodWords(period).per} at risk${band}`;
}

/** The ranked entries of an index, best rank first. */
export function rankedEntries(index: DrillIndex): DrillEntry[] {
  return [...index.ranked].sort((a, b) => a.rank - b.rank);
}

/**
 * Up to `limit` options matching `query` (trimmed, case-insensitive; empty: all): the ranked
 * customers in rank order, then the other analysed customers (id only, "no gap").
 */
export function pickerOptions(
  index: DrillIndex,
  query: string,
  currency: string,
  period: PeriodUnit = "week",
  limit = 50,
): PickerOption[] {
  const q = query.trim().toLowerCase();
  const out: PickerOption[] = [];
  const seen = new Set<string>();
  for (const e of rankedEntries(index)) {
    if (out.length >= limit) return out;
    const text = pickerText(e, currency, period);
    seen.add(e.customerId);
    if (q === "" || text.toLowerCase().includes(q)) out.push({ customerId: e.customerId, text });
  }
  for (const id of index.all) {
    if (out.length >= limit) break;
    if (seen.has(id) || (q !== "" && !id.toLowerCase().includes(q))) continue;
    seen.add(id);
    out.push({ customerId: id, text: `${id} — no gap` });
  }
  return out;
}
