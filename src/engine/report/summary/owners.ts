/**
 * Who owns each customer's case: the Owner column of this run's RGO Actions sheet (the names the
 * user typed there, kept from run to run; history/actions-columns.ts). The input tables have no
 * owner column for customers, so without an Actions sheet, or with a blank Owner cell, a customer
 * is "unassigned".
 */
import { ACTIONS_COLUMNS } from "../../history/actions-columns";
import type { ReportMeta } from "../report-meta";

export const UNASSIGNED = "unassigned";

const header = (field: string): string =>
  ACTIONS_COLUMNS.find((c) => c.field === field)?.header ?? field;

/** Customer id -> owner name, from RGO Actions (empty without one). */
export function ownersOf(meta: ReportMeta): ReadonlyMap<string, string> {
  const owners = new Map<string, string>();
  const content = meta.actions?.sheet.content;
  if (content?.kind !== "table") return owners;
  const cols = content.table.columns.map((c) => c.header);
  const customer = cols.indexOf(header("customer"));
  const owner = cols.indexOf(header("owner"));
  if (customer < 0 || owner < 0) return owners;
  for (const row of content.table.rows) {
    const id = row[customer];
    const name = row[owner];
    if (id === null || id === undefined || typeof name !== "string") continue;
    const trimmed = name.trim();
    if (trimmed !== "") owners.set(String(id), trimmed);
  }
  return owners;
}

/** The owner of a customer, or "unassigned". */
export const ownerOf = (owners: ReadonlyMap<string, string>, customerId: string): string =>
  owners.get(customerId) ?? UNASSIGNED;
