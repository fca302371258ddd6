/**
 * Map a table's header onto the registry columns of a role: which column index holds which
 * canonical column. The user's column choices (field -> header) win over the fuzzy matcher;
 * duplicate headers warn (the first wins); a missing required column or chosen header throws.
 */
import type { RawTable } from "./raw-table";
import { RgoError } from "../errors";
import {
  type ColumnSpec,
  columnsOf,
  type DerivationSpec,
  derivationsOf,
  normalizeHeader,
} from "./column-registry";
import type { IssueCollector } from "./issue-collector";
import type { Role } from "./role";

/** Column index per canonical key (-1 when absent). */
export type ColumnMap = Record<string, number>;

/**
 * The user's column choices for one role: field key (registry `key`, e.g. "revenue") -> header of
 * the column chosen for it, or null for "(none)". Fields absent are matched by header as usual.
 */
export type ColumnChoice = Readonly<Record<string, string | null>>;

/** Role -> the user's column choices for that role's table. */
export type ColumnChoices = Partial<Record<Role, ColumnChoice>>;

/** A choice that cannot be honoured: a field the role does not have, or a header not in the table. */
export interface ChoiceProblem {
  key: string;
  header: string | null;
  problem: "unknown-field" | "unknown-column";
}

/** Index of the column whose header is `wanted`: exact text first, then the same normalized. */
export function findHeader(header: readonly string[], wanted: string): number {
  const exact = header.indexOf(wanted);
  if (exact >= 0) return exact;
  const n = normalizeHeader(wanted);
  return n === "" ? -1 : header.findIndex((h) => normalizeHeader(h) === n);
}

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/**
 * The columns of `role` in `header` with `choice` honoured, without side effects. Explicit choices
 * are taken in registry order (a column two fields chose goes to the first; the second gets none);
 * the fuzzy matcher then runs on the remaining columns for the fields not chosen. Choices that
 * cannot be honoured are left out of the map and listed in `problems`.
 */
export function chooseColumns(
  role: Role,
  header: readonly string[],
  choice: ColumnChoice = {},
): { map: ColumnMap; problems: ChoiceProblem[] } {
  const specs = columnsOf(role);
  const problems: ChoiceProblem[] = Object.keys(choice)
    .filter((key) => !specs.some((s) => s.key === key))
    .map((key) => ({ key, header: choice[key], problem: "unknown-field" }));
  const map: ColumnMap = {};
  const claimed = new Set<number>();
  const explicit = new Set<string>();
  for (const spec of specs) {
    if (!hasOwn(choice, spec.key)) continue;
    const wanted = choice[spec.key];
    if (wanted === null) {
      map[spec.key] = -1;
      explicit.add(spec.key);
      continue;
    }
    const idx = findHeader(header, wanted);
    if (idx < 0) {
      problems.push({ key: spec.key, header: wanted, problem: "unknown-column" });
      continue;
    }
    explicit.add(spec.key);
    map[spec.key] = claimed.has(idx) ? -1 : idx;
    claimed.add(idx);
  }
  const rest = specs.filter((s) => !explicit.has(s.key));
  const detected = matchColumns(
    header.map((h, i) => (claimed.has(i) ? "" : h)),
    rest,
  );
  for (const s of rest) map[s.key] = detected[s.key];
  return { map: Object.fromEntries(specs.map((s) => [s.key, map[s.key]])), problems };
}

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
 * The derivation that supplies `role`'s column `key` in `map`: null when a column is mapped to
 * `key`, else the first derivation (column-registry.ts DERIVATIONS) whose inputs are all mapped.
 */
export function derivationFor(role: Role, key: string, map: ColumnMap): DerivationSpec | null {
  if (map[key] >= 0) return null;
  return derivationsOf(role, key).find((d) => d.inputs.every((k) => map[k] >= 0)) ?? null;
}

/**
 * Map the columns of `table` for `role`, honouring the user's `choice`. Throws
 * RgoError("input", "unknown-field" / "unknown-column") naming the role, field and header of a
 * choice that cannot be honoured, and RgoError("input", "missing-column") naming the sheet, the
 * columns found and the synonyms accepted, when a required column (or, for stock, every stock
 * measure) is missing.
 */
export function mapColumns(
  table: RawTable,
  role: Role,
  issues: IssueCollector,
  choice: ColumnChoice = {},
): ColumnMap {
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
  const found =
    table.header
      .filter((h) => h !== "")
      .map((h) => `"${h}"`)
      .join(", ") || "none";
  const { map, problems } = chooseColumns(role, table.header, choice);
  const problem = problems[0];
  if (problem !== undefined) {
    const fields = specs.map((s) => s.key).join(", ");
    throw problem.problem === "unknown-field"
      ? new RgoError(
          "input",
          "unknown-field",
          `A column was chosen for "${problem.key}" in ${table.name} (${role}), but ${role} has no such field. Fields: ${fields}.`,
          table.name,
        )
      : new RgoError(
          "input",
          "unknown-column",
          `The column "${problem.header ?? ""}" chosen for ${role} ${specs.find((s) => s.key === problem.key)?.label ?? problem.key} is not in ${table.name}. Columns found: ${found}.`,
          table.name,
        );
  }
  for (const spec of specs) {
    if (spec.required && map[spec.key] < 0 && derivationFor(role, spec.key, map) === null) {
      throw new RgoError(
        "input",
        "missing-column",
        `${table.name} (${role}) has no ${spec.label} column. Columns found: ${found}. ` +
          `Accepted headers: ${spec.synonyms.join(", ")}.` +
          derivationsOf(role, spec.key)
            .map(
              (d) =>
                ` Or both ${d.inputs.map((k) => specs.find((s) => s.key === k)?.label ?? k).join(" and ")} columns (${spec.label} = ${d.inputs[0]} ${d.op === "times" ? "x" : "-"} ${d.inputs[1]}).`,
            )
            .join(""),
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
