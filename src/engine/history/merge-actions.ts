/**
 * The merge of RGO Actions (issue 12): the previous sheet's rows (read-actions.ts) with this run's
 * flagged customers, by customer id. Pure.
 *
 * - The user's columns (owner, status, action taken, next step date, notes) and any columns the
 *   user added are copied exactly as read, never refreshed; rows keep the order the user left them.
 * - The tool's columns are refreshed: gap type, cause, revenue at risk, weekly spend now, gap now.
 *   "First flagged" and "Weekly spend at first flag" are the tool's memory: set on the run that
 *   first flags a customer and kept after that (also through a close and a re-flag).
 * - A customer flagged now with no row is appended (in RGO Gaps order), unless the user deleted its
 *   row: a customer flagged in the previous run (`flaggedLastRun`, the previous run's flagged
 *   customers from RGO History) but absent from the previous sheet was deleted by the user, and
 *   stays deleted. Without that record a missing customer is new.
 * - A row whose customer is no longer flagged is closed: "Gap now" closed, "Closed on" the as-of
 *   date of the run that first found it closed.
 * - Recovered (a week) = weekly spend now - weekly spend at first flag, where weekly spend is the
 *   customer's average weekly spend over the pack's current window (the currentAvg fact): what the
 *   customer spends a week more than when the gap was first flagged (negative: less).
 * - A customer on two rows keeps both rows (both refreshed, both users' texts kept) and is said
 *   so; the outcome feedback counts the first. A row with no usable customer id is kept, as
 *   written, at the end.
 */
import type { Issue } from "../issue";
import type { CellValue } from "../input/raw-table";
import { GAP_CLOSED, GAP_FLAGGED, ACTIONS_SHEET, type UserField } from "./actions-columns";
import type { PreviousActionRow, PreviousActions } from "./read-actions";

/** A customer this run flags (its primary gap). Money in dollars. */
export interface FlaggedNow {
  customerId: string;
  gapType: string;
  rootCause: string | null;
  /** Weekly revenue at risk. */
  revenueAtRisk: number;
  /** Average weekly spend over the current window. */
  weeklySpend: number;
}

export interface MergeActionsInput {
  /** The previous sheet as read; null when there was none. */
  previous: PreviousActions | null;
  /** This run's flagged customers, in RGO Gaps order. */
  flagged: readonly FlaggedNow[];
  /** Weekly spend now of any customer of this run (null: not in this run's data). */
  weeklySpendNow: (customerId: string) => number | null;
  /** The run's as-of date, days since 1970-01-01. */
  asOfDay: number;
  /** Customers the previous run flagged (from RGO History), to tell a deleted row from a new gap. */
  flaggedLastRun?: ReadonlySet<string>;
}

/** One row of the new sheet. Money in dollars; days since 1970-01-01. */
export interface ActionRow {
  /** The customer as written (the id; a row without a usable id keeps its cell as found). */
  customer: CellValue;
  customerId: string | null;
  gapType: string | null;
  rootCause: string | null;
  revenueAtRisk: number | null;
  firstFlaggedDay: number | null;
  runs: number | null;
  gapNow: typeof GAP_FLAGGED | typeof GAP_CLOSED | null;
  closedOnDay: number | null;
  spendAtFlag: number | null;
  spendNow: number | null;
  recovered: number | null;
  user: Record<UserField, CellValue>;
  extra: CellValue[];
  /** Sheet row of the first row of the same customer, on a duplicate. */
  duplicateOf: number | null;
  /** First flagged in this run. */
  isNew: boolean;
  /** Closed in this run (flagged in the previous sheet, not now). */
  closedThisRun: boolean;
}

export interface MergedActions {
  rows: ActionRow[];
  extraHeaders: string[];
  issues: Issue[];
  counts: {
    /** Rows appended for customers flagged for the first time. */
    added: number;
    /** Rows closed in this run. */
    closedThisRun: number;
    /** Closed rows flagged again. */
    reopened: number;
    /** Flagged customers not written because the user deleted their row. */
    keptDeleted: number;
  };
}

const EMPTY_USER: Record<UserField, CellValue> = {
  owner: null,
  status: null,
  action: null,
  nextStep: null,
  notes: null,
};

const cents = (x: number): number => Math.round(x * 100) / 100;

function recovered(now: number | null, atFlag: number | null): number | null {
  return now === null || atFlag === null ? null : cents(now - atFlag);
}

/** The previous row carried into this run. */
function carry(
  p: PreviousActionRow,
  now: FlaggedNow | undefined,
  input: MergeActionsInput,
): ActionRow {
  const spendNow = p.customerId !== null ? input.weeklySpendNow(p.customerId) : null;
  const wasFlagged = p.gapNow !== GAP_CLOSED;
  const base = {
    customer: p.customerId ?? p.customerCell,
    customerId: p.customerId,
    runs: p.customerId !== null ? (p.runs ?? 0) + 1 : null,
    user: p.user,
    extra: p.extra,
    duplicateOf: null,
    isNew: false,
  };
  if (p.customerId === null)
    return {
      ...base,
      gapType: null,
      rootCause: null,
      revenueAtRisk: null,
      firstFlaggedDay: p.firstFlaggedDay,
      gapNow: null,
      closedOnDay: null,
      spendAtFlag: p.spendAtFlag,
      spendNow: null,
      recovered: null,
      closedThisRun: false,
    };
  if (now !== undefined) {
    const spendAtFlag = p.spendAtFlag ?? now.weeklySpend;
    return {
      ...base,
      gapType: now.gapType,
      rootCause: now.rootCause,
      revenueAtRisk: now.revenueAtRisk,
      firstFlaggedDay: p.firstFlaggedDay ?? input.asOfDay,
      gapNow: GAP_FLAGGED,
      closedOnDay: null,
      spendAtFlag,
      spendNow: now.weeklySpend,
      recovered: recovered(now.weeklySpend, spendAtFlag),
      closedThisRun: false,
    };
  }
  return {
    ...base,
    gapType: null,
    rootCause: null,
    revenueAtRisk: spendNow === null ? null : 0,
    firstFlaggedDay: p.firstFlaggedDay,
    gapNow: GAP_CLOSED,
    closedOnDay: wasFlagged ? input.asOfDay : (p.closedOnDay ?? input.asOfDay),
    spendAtFlag: p.spendAtFlag,
    spendNow,
    recovered: recovered(spendNow, p.spendAtFlag),
    closedThisRun: wasFlagged,
  };
}

/** Merges the previous sheet with this run's flagged customers (see the file comment). */
export function mergeActions(input: MergeActionsInput): MergedActions {
  const prev = input.previous;
  const issues: Issue[] = [];
  const flaggedById = new Map(input.flagged.map((f) => [f.customerId, f]));
  const rows: ActionRow[] = [];
  const orphans: ActionRow[] = [];
  const firstRowOf = new Map<string, number>();
  const counts = { added: 0, closedThisRun: 0, reopened: 0, keptDeleted: 0 };
  for (const p of prev?.rows ?? []) {
    const now = p.customerId !== null ? flaggedById.get(p.customerId) : undefined;
    const row = carry(p, now, input);
    if (p.customerId === null) {
      orphans.push(row);
      continue;
    }
    const first = firstRowOf.get(p.customerId);
    if (first !== undefined) {
      row.duplicateOf = first;
      issues.push({
        severity: "warning",
        code: "actions-duplicate-customer",
        sheet: ACTIONS_SHEET,
        row: p.sheetRow,
        column: "Customer",
        message: `Customer ${p.customerId} is also on row ${first}: both rows are kept with everything typed on them; the outcome feedback counts row ${first} only. Delete the row you no longer want.`,
      });
    } else {
      firstRowOf.set(p.customerId, p.sheetRow);
      if (row.closedThisRun) counts.closedThisRun++;
      if (now !== undefined && p.gapNow === GAP_CLOSED) counts.reopened++;
    }
    rows.push(row);
  }
  for (const f of input.flagged) {
    if (firstRowOf.has(f.customerId)) continue;
    if (prev !== null && input.flaggedLastRun?.has(f.customerId) === true) {
      counts.keptDeleted++;
      continue;
    }
    counts.added++;
    rows.push({
      customer: f.customerId,
      customerId: f.customerId,
      gapType: f.gapType,
      rootCause: f.rootCause,
      revenueAtRisk: f.revenueAtRisk,
      firstFlaggedDay: input.asOfDay,
      runs: 0,
      gapNow: GAP_FLAGGED,
      closedOnDay: null,
      spendAtFlag: f.weeklySpend,
      spendNow: f.weeklySpend,
      recovered: 0,
      user: { ...EMPTY_USER },
      extra: (prev?.extraHeaders ?? []).map(() => null),
      duplicateOf: null,
      isNew: true,
      closedThisRun: false,
    });
  }
  if (counts.keptDeleted > 0)
    issues.push({
      severity: "info",
      code: "actions-rows-deleted",
      sheet: ACTIONS_SHEET,
      row: null,
      column: null,
      message: `${counts.keptDeleted} flagged customer${counts.keptDeleted === 1 ? "'s row was" : "s' rows were"} deleted from RGO Actions after the previous run and stay${counts.keptDeleted === 1 ? "s" : ""} deleted (see RGO Gaps for them).`,
    });
  return {
    rows: [...rows, ...orphans],
    extraHeaders: prev?.extraHeaders ?? [],
    issues,
    counts,
  };
}
