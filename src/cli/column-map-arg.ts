/**
 * `--map ROLE.FIELD=HEADER` (repeatable): the user's column choices on the command line, as the
 * pane's column editor makes them. ROLE is a role (customers, sales, stock, deals, reps) or a table
 * name that names one (weekly_sales, retail_customers, sales_pipeline…); FIELD is a registry key
 * ("revenue") or label ("customer id"), any case; HEADER is the column's header as written, or
 * empty / "(none)" for no column. A header not in the table is refused by the input stage with the
 * columns found.
 */
import { columnsOf, normalizeHeader } from "../engine/input/column-registry";
import type { ColumnChoices } from "../engine/input/header-map";
import { ROLES, type Role } from "../engine/input/role";
import { roleByName } from "../engine/input/roles";
import { usageError } from "./cli-error";

function roleOf(text: string): Role | null {
  const t = text.trim().toLowerCase();
  return (ROLES as readonly string[]).includes(t) ? (t as Role) : roleByName(t);
}

/** Parses the `--map` values into column choices; throws a usage error naming what is wrong. */
export function parseColumnMaps(values: readonly string[]): ColumnChoices {
  const out: Partial<Record<Role, Record<string, string | null>>> = {};
  for (const value of values) {
    const m = /^\s*([^.=]+)\.([^=]+)=(.*)$/.exec(value);
    if (m === null) {
      throw usageError(
        `--map needs ROLE.FIELD=HEADER (e.g. weekly_sales.revenue=Takings), got "${value}"`,
      );
    }
    const role = roleOf(m[1]);
    if (role === null) {
      throw usageError(
        `--map "${value}": "${m[1].trim()}" is not a role; roles are ${ROLES.join(", ")} (or a table name such as weekly_sales)`,
      );
    }
    const specs = columnsOf(role);
    const wanted = normalizeHeader(m[2]);
    const spec = specs.find(
      (s) => normalizeHeader(s.key) === wanted || normalizeHeader(s.label) === wanted,
    );
    if (spec === undefined) {
      throw usageError(
        `--map "${value}": ${role} has no field "${m[2].trim()}"; fields are ${specs.map((s) => s.key).join(", ")}`,
      );
    }
    const header = m[3].trim();
    const choice = (out[role] ??= {});
    if (Object.prototype.hasOwnProperty.call(choice, spec.key)) {
      throw usageError(`--map chooses ${role}.${spec.key} twice`);
    }
    choice[spec.key] = header === "" || header.toLowerCase() === "(none)" ? null : header;
  }
  return out;
}
