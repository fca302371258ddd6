/**
 * The Data step's first guess of which sheet or table plays which role, made by the engine's own
 * role detection (src/engine/input/roles.ts) on the headers the host lists, and the column mapping
 * the engine will use for a chosen source (src/engine/input/header-map.ts).
 */
import { columnsOf } from "../../engine/input/column-registry";
import { detectRoles } from "../../engine/input/roles";
import { ROLES, type Role } from "../../engine/input/role";
import type { RawTable } from "../../engine/input/raw-table";
import type { SheetInfo, TableSource } from "../../workbook/workbook-host";
import { canonicalHeader, effectiveColumns, isChosen, type ColumnChoice } from "./column-choice";

/** Roles in the order the Data step lists them, with their display names. */
export const ROLE_LABELS: readonly { role: Role; label: string }[] = [
  { role: "customers", label: "Customers" },
  { role: "sales", label: "Weekly sales" },
  { role: "stock", label: "Stock" },
  { role: "deals", label: "Deals" },
  { role: "reps", label: "Reps" },
];

/** A source the user can pick: a sheet's used range or an Excel table. */
export interface SourceOption {
  /** Stable key for pickers: "sheet:<name>" or "table:<name>". */
  key: string;
  source: TableSource;
  /** Name the host reads it under (sheet or table name). */
  name: string;
  label: string;
  header: string[];
  rows: number;
}

export const sourceKey = (s: TableSource): string =>
  s.kind === "sheet" ? `sheet:${s.sheet}` : `table:${s.table}`;

/**
 * Every source that can feed a role: each Excel table, and each non-empty sheet that is not a
 * result sheet (a sheet holding exactly one table that starts at its used range is offered once,
 * as the table).
 */
export function sourceOptions(sheets: readonly SheetInfo[]): SourceOption[] {
  const out: SourceOption[] = [];
  for (const s of sheets) {
    if (s.createdByRgo || s.name.startsWith("RGO ")) continue;
    for (const t of s.tables) {
      out.push({
        key: sourceKey({ kind: "table", table: t.name }),
        source: { kind: "table", table: t.name },
        name: t.name,
        label: `${t.name} (table on ${s.name})`,
        header: t.header,
        rows: t.rows,
      });
    }
    const sameAsTable =
      s.tables.length === 1 && s.tables[0].header.join("\u0000") === s.header.join("\u0000");
    if (s.rows > 0 && !sameAsTable) {
      out.push({
        key: sourceKey({ kind: "sheet", sheet: s.name }),
        source: { kind: "sheet", sheet: s.name },
        name: s.name,
        label: `${s.name} (sheet)`,
        header: s.header,
        rows: Math.max(0, s.rows - 1),
      });
    }
  }
  return out;
}

/** Role -> source key the engine's detection picks from the sources' names and headers. */
export function guessRoles(options: readonly SourceOption[]): Partial<Record<Role, string>> {
  const stubs: RawTable[] = options.map((o) => ({
    name: o.name,
    origin: o.source.kind,
    header: o.header,
    rows: [],
    headerRow: 1,
    firstColumn: 1,
  }));
  const { roles } = detectRoles(stubs);
  const out: Partial<Record<Role, string>> = {};
  for (const role of ROLES) {
    const t = roles[role];
    if (t !== undefined) out[role] = options[stubs.indexOf(t)].key;
  }
  return out;
}

/** One row of the column-mapping table: registry column -> header found (or null). */
export interface MappedColumn {
  label: string;
  required: boolean;
  header: string | null;
  /** Registry key of the field ("revenue"). */
  key?: string;
  /** Header the engine knows the field by ("weekly_spend"). */
  canonical?: string;
  /** The user chose this field's column (or "(none)") in the Data step. */
  chosen?: boolean;
}

/**
 * The columns the engine will use for `role` from a source with `header`, after the user's
 * column `choice` (see column-choice.ts) when given.
 */
export function columnMapping(
  role: Role,
  header: readonly string[],
  choice: ColumnChoice = {},
): MappedColumn[] {
  const map = effectiveColumns(role, header, choice);
  return columnsOf(role).map((s) => ({
    label: s.label,
    required: s.required,
    header: map[s.key] >= 0 ? header[map[s.key]] : null,
    key: s.key,
    canonical: canonicalHeader(role, s.key),
    chosen: isChosen(header, choice, s.key),
  }));
}
