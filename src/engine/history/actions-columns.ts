/**
 * The RGO Actions sheet's columns (issue 12): the columns the tool fills and refreshes every run,
 * the columns the user owns (never rewritten, kept exactly as typed), and the status words the
 * sheet's drop-down offers. One list, read by the reader, the merge and the sheet builder.
 */
import type { ColumnFormat } from "../report/result-book";

export const ACTIONS_SHEET = "RGO Actions";
export const ACTIONS_TABLE = "RGO_Actions";

/** The Status drop-down, in the order a case moves through it. */
export const ACTION_STATUSES = ["open", "in progress", "done", "won't act"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** "Gap now": the tool's word for whether the customer is flagged in this run. */
export const GAP_FLAGGED = "flagged";
export const GAP_CLOSED = "closed";

export type ToolField =
  | "customer"
  | "gap"
  | "cause"
  | "revenueAtRisk"
  | "firstFlagged"
  | "runs"
  | "gapNow"
  | "closedOn"
  | "spendAtFlag"
  | "spendNow"
  | "recovered";

export type UserField = "owner" | "status" | "action" | "nextStep" | "notes";

export interface ActionsColumn<F> {
  field: F;
  header: string;
  format: ColumnFormat;
  width?: number;
}

/** Filled by RGO; refreshed on every run (the customer is the merge key). */
export const TOOL_COLUMNS: readonly ActionsColumn<ToolField>[] = [
  { field: "customer", header: "Customer", format: "text" },
  { field: "gap", header: "Gap type", format: "text" },
  { field: "cause", header: "Root cause", format: "text" },
  { field: "revenueAtRisk", header: "Revenue at risk (a week)", format: "currency" },
  { field: "firstFlagged", header: "First flagged", format: "date" },
  { field: "runs", header: "Runs since first flagged", format: "integer" },
  { field: "gapNow", header: "Gap now", format: "text" },
  { field: "closedOn", header: "Closed on", format: "date" },
  { field: "spendAtFlag", header: "Weekly spend at first flag", format: "currency" },
  { field: "spendNow", header: "Weekly spend now", format: "currency" },
  { field: "recovered", header: "Recovered (a week)", format: "currency" },
];

/** Owned by the user: written back exactly as read, never refreshed. */
export const USER_COLUMNS: readonly ActionsColumn<UserField>[] = [
  { field: "owner", header: "Owner", format: "text" },
  { field: "status", header: "Status", format: "text" },
  { field: "action", header: "Action taken", format: "text", width: 30 },
  { field: "nextStep", header: "Next step date", format: "date", width: 14 },
  { field: "notes", header: "Notes", format: "text", width: 40 },
];

/** Every column in the order RGO writes them (extra columns the user added follow). */
export const ACTIONS_COLUMNS: readonly ActionsColumn<ToolField | UserField>[] = [
  ...TOOL_COLUMNS,
  ...USER_COLUMNS,
];

/** The status a cell names (case and surrounding spaces ignored; "won’t act" too), else null. */
export function actionStatusOf(v: unknown): ActionStatus | null {
  if (typeof v !== "string") return null;
  const s = v
    .trim()
    .toLowerCase()
    .replace(/\u2019/g, "'")
    .replace(/\s+/g, " ");
  return (ACTION_STATUSES as readonly string[]).includes(s) ? (s as ActionStatus) : null;
}
