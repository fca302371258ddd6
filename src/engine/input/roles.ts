/**
 * Which table plays which role (customers, weekly sales, stock, deals, reps): by an explicit
 * override, then by table / file / sheet name, then by header. Tables the add-in wrote itself
 * (names starting "RGO ") and tables that match no role are ignored (info issue).
 */
import type { RawTable } from "./raw-table";
import { RgoError } from "../errors";
import type { Issue } from "../issue";
import { columnsOf } from "./column-registry";
import { derivationFor, matchColumns } from "./header-map";
import { ROLES, type Role } from "./role";

const NAMES: Record<Role, readonly string[]> = {
  customers: [
    "customers",
    "customer",
    "retail_customers",
    "clients",
    "customer_master",
    "demographics",
    "hh_demographic",
  ],
  sales: [
    "weekly_sales",
    "sales",
    "retail_weekly_sales",
    "transactions",
    "sales_weekly",
    "monthly_sales",
    "sales_monthly",
  ],
  stock: ["stock", "stock_availability", "inventory", "availability"],
  deals: ["deals", "pipeline", "sales_pipeline", "opportunities"],
  reps: ["reps", "sales_reps", "sales_teams", "agents"],
};

/** Table name without extension, lower-case, non-alphanumerics as "_" ("Weekly Sales.csv" -> "weekly_sales"). */
export function normalizeTableName(name: string): string {
  return name
    .replace(/\.(csv|txt|tsv|xlsx|xlsm)$/i, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/^tbl_?/, "");
}

/** Whether `header` has every column of `keys` for `role`, directly or derived (revenue = Quantity x UnitPrice). */
function has(header: readonly string[], role: Role, keys: string[]): boolean {
  const map = matchColumns(header, columnsOf(role));
  return keys.every((k) => map[k] >= 0 || derivationFor(role, k, map) !== null);
}

/** Role a header suggests, or null. */
export function roleByHeader(header: readonly string[]): Role | null {
  if (has(header, "sales", ["customerId", "week", "revenue"])) return "sales";
  if (has(header, "deals", ["dealId", "stage"])) return "deals";
  if (has(header, "stock", ["store", "week"])) {
    const m = matchColumns(header, columnsOf("stock"));
    if (m.onHand >= 0 || m.inStockFlag >= 0 || m.stockoutDays >= 0 || m.inStockRate >= 0)
      return "stock";
  }
  if (has(header, "customers", ["customerId"])) return "customers";
  if (has(header, "reps", ["repId"])) return "reps";
  return null;
}

/** Role a table name suggests, or null. */
export function roleByName(name: string): Role | null {
  const n = normalizeTableName(name);
  for (const role of ROLES) if (NAMES[role].includes(n)) return role;
  return null;
}

/**
 * Assign tables to roles. `overrides` maps a role to a table name (exact, case-insensitive);
 * an override naming no table throws RgoError("input", "missing-table").
 */
export function detectRoles(
  tables: RawTable[],
  overrides?: Partial<Record<Role, string>>,
): { roles: Partial<Record<Role, RawTable>>; issues: Issue[] } {
  const roles: Partial<Record<Role, RawTable>> = {};
  const issues: Issue[] = [];
  const taken = new Set<RawTable>();
  const candidates = tables.filter((t) => !t.name.startsWith("RGO "));
  for (const role of ROLES) {
    const wanted = overrides?.[role];
    if (wanted === undefined) continue;
    const t = candidates.find((x) => x.name.toLowerCase() === wanted.toLowerCase());
    if (t === undefined) {
      throw new RgoError(
        "input",
        "missing-table",
        `The table "${wanted}" chosen for ${role} was not found. Tables found: ${tables.map((x) => `"${x.name}"`).join(", ") || "none"}.`,
        wanted,
      );
    }
    roles[role] = t;
    taken.add(t);
  }
  for (const t of candidates) {
    if (taken.has(t)) continue;
    const role = roleByName(t.name);
    if (role !== null && roles[role] === undefined) {
      roles[role] = t;
      taken.add(t);
    }
  }
  // By header: per role, the table matching the most of that role's columns (ties: the first).
  const best = new Map<Role, { t: RawTable; score: number }>();
  for (const t of candidates) {
    if (taken.has(t)) continue;
    const role = roleByHeader(t.header);
    if (role === null || roles[role] !== undefined) continue;
    const map = matchColumns(t.header, columnsOf(role));
    const score = Object.values(map).filter((i) => i >= 0).length;
    const cur = best.get(role);
    if (cur === undefined || score > cur.score) best.set(role, { t, score });
  }
  for (const [role, { t }] of best) {
    roles[role] = t;
    taken.add(t);
  }
  for (const t of candidates) {
    if (taken.has(t)) continue;
    issues.push({
      severity: "info",
      code: "ignored-table",
      sheet: t.name,
      row: null,
      column: null,
      message: `${t.name} was not used: its name and columns match none of customers, weekly sales, stock, deals, reps (or that role was already taken).`,
    });
  }
  return { roles, issues };
}
