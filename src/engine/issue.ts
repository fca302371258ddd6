/**
 * A problem found in the input or the rule pack, in the words a finance analyst reads in the
 * `RGO Issues` sheet. Bad rows are skipped and counted; errors that make a run impossible are
 * thrown as `RgoError` (src/engine/errors.ts) instead.
 */
export type IssueSeverity = "error" | "warning" | "info";

export interface Issue {
  severity: IssueSeverity;
  /** Stable machine code, e.g. "not-a-number", "unknown-customer", "duplicate-row". */
  code: string;
  /** Sheet / table / file name ("" when the issue is not about one sheet). */
  sheet: string;
  /** 1-based sheet row, or null when the issue is about a whole sheet or column. */
  row: number | null;
  /** Column header as written in the input (or a column letter when there is no header), or null. */
  column: string | null;
  /** Plain sentence: what was found and what was expected. */
  message: string;
  /**
   * How many issues this entry stands for when more than one: the summary entry of a kind that
   * went over the listing cap counts the issues not listed (issue-collector.ts). Absent means 1.
   */
  count?: number;
}

/** True counts by severity, each entry weighted by its `count` (so capped kinds count in full). */
export function issueTotals(
  issues: readonly Pick<Issue, "severity" | "count">[],
): Record<IssueSeverity | "total", number> {
  const t = { error: 0, warning: 0, info: 0, total: 0 };
  for (const i of issues) {
    const n = i.count ?? 1;
    t[i.severity] += n;
    t.total += n;
  }
  return t;
}
