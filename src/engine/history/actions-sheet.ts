/**
 * The RGO Actions sheet as data: one Excel table, RGO's columns, the user's columns (Status with a
 * drop-down of ACTION_STATUSES), then the columns the user added, rows as merged
 * (merge-actions.ts); gap types and root causes in words (the label registry). Pure.
 */
import type { ResultCell, ResultColumn, ResultSheet } from "../report/result-book";
import {
  ACTION_STATUSES,
  ACTIONS_SHEET,
  ACTIONS_TABLE,
  TOOL_COLUMNS,
  USER_COLUMNS,
} from "./actions-columns";
import type { ActionRow, MergedActions } from "./merge-actions";
import { labelOf } from "../registry/labels";

const MS_PER_DAY = 86400000;
const dateOf = (day: number | null): Date | null =>
  day === null ? null : new Date(day * MS_PER_DAY);

function cells(r: ActionRow): ResultCell[] {
  return [
    r.customer,
    r.gapType === null ? null : labelOf("gapType", r.gapType),
    r.rootCause === null ? null : labelOf("cause", r.rootCause),
    r.revenueAtRisk,
    dateOf(r.firstFlaggedDay),
    r.runs,
    r.gapNow,
    dateOf(r.closedOnDay),
    r.spendAtFlag,
    r.spendNow,
    r.recovered,
    ...USER_COLUMNS.map((u) => r.user[u.field]),
    ...r.extra,
  ];
}

export function actionsSheet(merged: MergedActions): ResultSheet {
  const columns: ResultColumn[] = [
    ...TOOL_COLUMNS.map((c) => ({ header: c.header, format: c.format })),
    ...USER_COLUMNS.map((c) => ({
      header: c.header,
      format: c.format,
      ...(c.width !== undefined ? { width: c.width } : {}),
      ...(c.field === "status" ? { allowed: ACTION_STATUSES } : {}),
    })),
    ...merged.extraHeaders.map((h) => ({ header: h, format: "text" as const })),
  ];
  return {
    name: ACTIONS_SHEET,
    content: {
      kind: "table",
      table: { name: ACTIONS_TABLE, columns, rows: merged.rows.map(cells) },
    },
    freezeHeader: true,
  };
}
