/**
 * The previous run's per-customer flags and revenue at risk, read back from its RGO Customers
 * sheet: the tool's own full record of that run (every customer analysed, flagged or not, with its
 * revenue at risk counted once), written by the same run the last History row records. Read as
 * untrusted input: a missing column or a bad cell gives an issue with sheet, row and column, and
 * the customers that can be read are compared.
 */
import { coerceId, isBlankRow } from "../input/coerce-id";
import type { RawTable } from "../input/raw-table";
import type { Issue } from "../issue";
import { headerKey } from "./history-columns";
import { numberOfCell } from "./read-history";

export interface PreviousCustomer {
  flagged: boolean;
  /** Revenue at risk in dollars (cents exact). */
  revenueAtRisk: number;
}

const NEEDED = { id: "Customer", risk: "Revenue at risk", gaps: "Gaps" } as const;

/** Customer id -> flag and revenue at risk, or null when the sheet cannot be compared. */
export function readPreviousCustomers(
  table: RawTable,
  issues: Issue[],
): Map<string, PreviousCustomer> | null {
  const sheet = table.name;
  const find = (h: string): number =>
    table.header.findIndex((x) => headerKey(x ?? "") === headerKey(h));
  const cols = { id: find(NEEDED.id), risk: find(NEEDED.risk), gaps: find(NEEDED.gaps) };
  const missing = (Object.keys(NEEDED) as (keyof typeof NEEDED)[]).filter((k) => cols[k] === -1);
  if (missing.length > 0) {
    issues.push({
      severity: "warning",
      code: "previous-customers-unreadable",
      sheet,
      row: table.headerRow,
      column: NEEDED[missing[0]],
      message: `${sheet} (the previous run's) has no column ${missing.map((k) => `"${NEEDED[k]}"`).join(", ")}: what changed per customer since the last run cannot be worked out this time.`,
    });
    return null;
  }
  const out = new Map<string, PreviousCustomer>();
  table.rows.forEach((r, i) => {
    if (isBlankRow(r)) return;
    const row = table.headerRow + 1 + i;
    const id = coerceId(r[cols.id] ?? null);
    const risk = numberOfCell(r[cols.risk] ?? null);
    const gaps = numberOfCell(r[cols.gaps] ?? null);
    const bad =
      typeof id !== "string"
        ? NEEDED.id
        : risk === null
          ? NEEDED.risk
          : gaps === null
            ? NEEDED.gaps
            : null;
    if (bad !== null) {
      issues.push({
        severity: "warning",
        code: "previous-customers-bad-cell",
        sheet,
        row,
        column: bad,
        message: `${sheet} (the previous run's) row ${row}, column "${bad}": expected ${bad === NEEDED.id ? "a customer id" : "a number"}; that customer is left out of "since last run".`,
      });
      return;
    }
    out.set(id as string, { flagged: (gaps as number) > 0, revenueAtRisk: risk as number });
  });
  return out;
}
