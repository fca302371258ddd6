import type { Issue, IssueSeverity } from "../issue";

/**
 * Collects issues with a cap per code (the first `capPerCode` are kept, the rest only counted), so
 * a million bad rows cannot exhaust memory. `finish()` appends one summary issue per capped code,
 * whose `count` is the number not listed, so `issueTotals` (issue.ts) gives the true counts.
 */
export class IssueCollector {
  private readonly list: Issue[] = [];
  private readonly counts = new Map<
    string,
    { n: number; severity: IssueSeverity; sheet: string }
  >();

  constructor(private readonly capPerCode = 200) {}

  add(
    severity: IssueSeverity,
    code: string,
    sheet: string,
    row: number | null,
    column: string | null,
    message: string,
  ): void {
    const c = this.counts.get(code);
    if (c === undefined) {
      this.counts.set(code, { n: 1, severity, sheet });
    } else {
      c.n++;
      if (c.n > this.capPerCode) return;
    }
    this.list.push({ severity, code, sheet, row, column, message });
  }

  /** Number of issues raised with `code` (including those not listed). */
  count(code: string): number {
    return this.counts.get(code)?.n ?? 0;
  }

  /** The issues, plus one summary per code that went over the cap. */
  finish(): Issue[] {
    const out = this.list.slice();
    for (const [code, c] of this.counts) {
      if (c.n > this.capPerCode) {
        out.push({
          severity: c.severity,
          code,
          sheet: c.sheet,
          row: null,
          column: null,
          message: `${c.n - this.capPerCode} more issues of this kind (${code}) were not listed; ${c.n} in total.`,
          count: c.n - this.capPerCode,
        });
      }
    }
    return out;
  }
}
