/**
 * Map a table's header onto the registry columns of a role: which column index holds which
 * canonical column. Duplicate headers warn (the first wins); a missing required column throws.
 */
import type { RawTable } from "./raw-table";
import { RgoError } from "../errors";
import { type ColumnSpec, columnsOf, normalizeHeader } from "./column-registry";
import type { IssueCollector } from "./issue-collector";
import type { Role } from "./role";

/** Column index per canonical key (-1 when absent). */
export type ColumnMap = Record<string, number>;

/** Find columns of `specs` in `header` without side effects (used by role detection too). */
export function matchColumns(header: readonly string[], specs: readonly ColumnSpec[]): ColumnMap {
  const norm = header.map(normalizeHeader);
  const firstIndex = new Map<string, number>();
  norm.forEach((h, i) => {
    if (h !== "" && !firstIndex.has(h)) firstIndex.set(h, i);
  });
  const used = new Set<number>();
  const map: ColumnMap = {};
  for (const spec of specs) {
    map[spec.key] = -1;
    for (const syn of spec.synonyms) {
      const idx = firstIndex.get(normalizeHeader(syn));
      if (idx !== undefined && !used.has(idx)) {
        map[spec.key] = idx;
        used.add(idx);
        break;
      }
    }
  }
  return map;
}

/**
 * Map the columns of `table` for `role`. Throws RgoError("input", "missing-column") naming the
 * sheet, the columns found and the synonyms accepted, when a required column (or, for stock, every
 * stock measure) is missing.
 */
export function mapColumns(table: RawTable, role: Role, issues: IssueCollector): ColumnMap {
  const specs = columnsOf(role);
  const seen = new Map<string, number>();
  table.header.forEach((h, i) => {
    const n = normalizeHeader(h);
    if (n === "") return;
    const first = seen.get(n);
    if (first === undefined) {
      seen.set(n, i);
    } else {
      issues.add(
        "warning",
        "duplicate-header",
        table.name,
        table.headerRow,
        h,
        `Column "${h}" appears more than once in ${table.name} (columns ${first + 1} and ${i + 1}); the first one is used.`,
      );
    }
  });
  const map = matchColumns(table.header, specs);
  const found =
    table.header
      .filter((h) => h !== "")
      .map((h) => `"${h}"`)
      .join(", ") || "none";
  for (const spec of specs) {
    if (spec.required && map[spec.key] < 0) {
      throw new RgoError(
        "input",
        "missing-column",
        `${table.name} (${role}) has no ${spec.label} column. Columns found: ${found}. ` +
          `Accepted headers: ${spec.synonyms.join(", ")}.`,
        table.name,
      );
    }
  }
  const measures = specs.filter((s) => s.group === "stock-measure");
  if (measures.length > 0 && measures.every((s) => map[s.key] < 0)) {
    throw new RgoError(
      "input",
      "missing-column",
      `${table.name} (stock) has no stock measure column. Columns found: ${found}. ` +
        `Expected one of: ${measures.map((s) => `${s.label} (${s.synonyms.join(", ")})`).join("; ")}.`,
      table.name,
    );
  }
  return map;
}
