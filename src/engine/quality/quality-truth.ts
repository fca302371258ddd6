/**
 * The planted truth of a sample (`rgo sample` writes it as the `truth` sheet / truth.csv): per
 * customer the scenario, the root cause a detector should name and whether it is a gap.
 */
import type { CellValue, RawTable } from "../input/raw-table";
import { RgoError } from "../errors";

export interface TruthRow {
  customerId: string;
  scenario: string;
  /** demand_softness / behavioral_churn / operational_stockout / structural_decline / none. */
  expectedRootCause: string;
  isGap: boolean;
}

function text(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}

function truthy(v: CellValue): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  return /^(true|yes|1|y)$/i.test(text(v));
}

/**
 * Reads a truth table (header customer_id, scenario, expected_root_cause, is_gap; any order,
 * other columns ignored). Throws RgoError("input", "bad-truth") when a column is missing.
 */
export function truthFromTable(table: RawTable): TruthRow[] {
  const col = (name: string): number => {
    const j = table.header.findIndex((h) => h.trim().toLowerCase() === name);
    if (j < 0) throw new RgoError("input", "bad-truth", `truth table has no ${name} column`);
    return j;
  };
  const id = col("customer_id");
  const scenario = col("scenario");
  const cause = col("expected_root_cause");
  const gap = col("is_gap");
  return table.rows
    .filter((r) => text(r[id] ?? null) !== "")
    .map((r) => ({
      customerId: text(r[id] ?? null),
      scenario: text(r[scenario] ?? null),
      expectedRootCause: text(r[cause] ?? null) || "none",
      isGap: truthy(r[gap] ?? null),
    }));
}
