/**
 * Column mapping the user chose in the Data step, applied without touching the engine: before the
 * tables go to the worker, the chosen column's header becomes the field's canonical header, and
 * every other column the header registry would match for the role gets a neutral name, so the
 * engine's own header mapping (src/engine/input/header-map.ts) finds exactly the chosen columns.
 * Pure: inputs are never modified, new tables are returned (row arrays are shared, not copied).
 */
import { columnsOf, normalizeHeader, type ColumnSpec } from "../../engine/input/column-registry";
import { matchColumns, type ColumnMap } from "../../engine/input/header-map";
import type { Role } from "../../engine/input/role";
import type { RawTable, RawWorkbook } from "../../engine/input/raw-table";

/**
 * Field key (registry `key`, e.g. "revenue") -> header of the source column chosen for it, or null
 * for "(none)". Fields absent keep the detected match.
 */
export type ColumnChoice = Readonly<Record<string, string | null>>;

/** Role -> the user's column choices for that role's source. */
export type ColumnChoices = Partial<Record<Role, ColumnChoice>>;

/** Suffix that makes a header match no registry synonym (synonyms never hold brackets). */
const NEUTRAL_SUFFIX = " [not used]";

/** A header the registry matches for no field: `Amount` -> `Amount [not used]`. */
export function neutralHeader(header: string): string {
  return header === "" ? "" : `${header}${NEUTRAL_SUFFIX}`;
}

/**
 * The header a chosen column is renamed to: the field's first synonym that no other field of the
 * role accepts (so the engine maps it to this field only), e.g. "weekly_spend" for sales revenue.
 */
export function canonicalHeader(role: Role, key: string): string {
  const specs = columnsOf(role);
  const spec = specs.find((s) => s.key === key);
  if (spec === undefined) throw new Error(`unknown ${role} field ${key}`);
  const others = new Set(
    specs.filter((s) => s !== spec).flatMap((s) => s.synonyms.map(normalizeHeader)),
  );
  return spec.synonyms.find((syn) => !others.has(normalizeHeader(syn))) ?? spec.synonyms[0];
}

/** Index of the column whose header is `wanted`: exact text first, then the same normalized. */
function findHeader(header: readonly string[], wanted: string): number {
  const exact = header.indexOf(wanted);
  if (exact >= 0) return exact;
  const n = normalizeHeader(wanted);
  return n === "" ? -1 : header.findIndex((h) => normalizeHeader(h) === n);
}

/**
 * Whether the user's choice for field `key` takes effect on a source with `header`: "(none)", or
 * a header the source has (a choice naming a header the source no longer has is ignored).
 */
export function isChosen(header: readonly string[], choice: ColumnChoice, key: string): boolean {
  if (!Object.prototype.hasOwnProperty.call(choice, key)) return false;
  const wanted = choice[key];
  return wanted === null || (typeof wanted === "string" && findHeader(header, wanted) >= 0);
}

/**
 * The mapping the engine will use once `choice` is applied: field key -> column index (-1 none).
 * A chosen header that is not in `header` is ignored (the detected match stays). A column is used
 * for one field only: explicit choices are taken in registry order (the first keeps a column two
 * fields chose), and detection runs on the remaining columns for the fields not chosen.
 */
export function effectiveColumns(
  role: Role,
  header: readonly string[],
  choice: ColumnChoice = {},
): ColumnMap {
  const specs = columnsOf(role);
  const map: ColumnMap = {};
  const claimed = new Set<number>();
  const explicit = new Set<string>();
  for (const spec of specs) {
    if (!Object.prototype.hasOwnProperty.call(choice, spec.key)) continue;
    const wanted = choice[spec.key];
    if (wanted === null) {
      map[spec.key] = -1;
      explicit.add(spec.key);
      continue;
    }
    if (typeof wanted !== "string") continue;
    const idx = findHeader(header, wanted);
    if (idx < 0) continue;
    explicit.add(spec.key);
    map[spec.key] = claimed.has(idx) ? -1 : idx;
    claimed.add(idx);
  }
  const rest: ColumnSpec[] = specs.filter((s) => !explicit.has(s.key));
  const visible = header.map((h, i) => (claimed.has(i) ? "" : h));
  const detected = matchColumns(visible, rest);
  for (const s of rest) map[s.key] = detected[s.key];
  return map;
}

/** Whether a header matches any registry synonym of the role. */
function matchesRole(role: Role, header: string): boolean {
  const n = normalizeHeader(header);
  return n !== "" && columnsOf(role).some((s) => s.synonyms.some((x) => normalizeHeader(x) === n));
}

/** Whether `choice` changes anything (has at least one field). */
export function hasChoice(choice: ColumnChoice | undefined): choice is ColumnChoice {
  return choice !== undefined && Object.keys(choice).length > 0;
}

/** Whether `header` is a synonym of field `key` of the role and of no other field. */
function onlyMatches(role: Role, key: string, header: string): boolean {
  const n = normalizeHeader(header);
  if (n === "") return false;
  return columnsOf(role).every(
    (s) => s.synonyms.some((x) => normalizeHeader(x) === n) === (s.key === key),
  );
}

/**
 * `table` with its header rewritten so that the engine's header mapping for `role` finds exactly
 * `effectiveColumns(role, table.header, choice)`: a mapped column keeps its text when the
 * registry already ties it to that field alone, else gets the field's canonical header; other
 * columns the registry would match get a neutral name; the rest stay as written.
 * Returns a new table (same rows); `table` is not modified.
 */
export function applyColumnChoice(table: RawTable, role: Role, choice: ColumnChoice): RawTable {
  const map = effectiveColumns(role, table.header, choice);
  const fieldAt = new Map<number, string>();
  for (const [key, idx] of Object.entries(map)) if (idx >= 0) fieldAt.set(idx, key);
  const header = table.header.map((h, i) => {
    const key = fieldAt.get(i);
    if (key !== undefined) return onlyMatches(role, key, h) ? h : canonicalHeader(role, key);
    return matchesRole(role, h) ? neutralHeader(h) : h;
  });
  return { ...table, header };
}

/**
 * Applies every role's choices to the tables read for a run. A table that feeds one role is
 * replaced by its rewritten copy under the same name. When one table feeds several roles, the
 * roles without choices keep the table as read; each role with choices gets its own rewritten
 * copy (the first under the table's name when no role needs it unchanged, the others named
 * "<table> (<role>)"), and `tableForRole` is updated to match. Inputs are not modified.
 */
export function applyColumnChoices(
  wb: RawWorkbook,
  tableForRole: Partial<Record<Role, string>>,
  choices: ColumnChoices,
): { workbook: RawWorkbook; tableForRole: Partial<Record<Role, string>> } {
  const outRoles: Partial<Record<Role, string>> = { ...tableForRole };
  const tables = wb.tables.slice();
  const usersOf = new Map<string, Role[]>();
  for (const [role, name] of Object.entries(tableForRole) as [Role, string][]) {
    const list = usersOf.get(name) ?? [];
    list.push(role);
    usersOf.set(name, list);
  }
  for (const [name, roles] of usersOf) {
    const at = tables.findIndex((t) => t.name.toLowerCase() === name.toLowerCase());
    if (at < 0) continue;
    const original = tables[at];
    const choosing = roles.filter((r) => hasChoice(choices[r]));
    if (choosing.length === 0) continue;
    let nameFree = choosing.length === roles.length;
    for (const role of choosing) {
      const rewritten = applyColumnChoice(original, role, choices[role] as ColumnChoice);
      if (nameFree) {
        tables[at] = rewritten;
        nameFree = false;
        continue;
      }
      let copyName = `${original.name} (${role})`;
      for (let k = 2; tables.some((t) => t.name.toLowerCase() === copyName.toLowerCase()); k++)
        copyName = `${original.name} (${role} ${k})`;
      tables.push({ ...rewritten, name: copyName });
      outRoles[role] = copyName;
    }
  }
  return { workbook: { ...wb, tables }, tableForRole: outRoles };
}

/**
 * Lines for the validation summary naming each explicit choice as the engine sees it:
 * "weekly_spend ← Amount (chosen)" ("(none)" when the field was switched off).
 */
export function choiceNotes(role: Role, header: readonly string[], choice: ColumnChoice): string[] {
  const map = effectiveColumns(role, header, choice);
  return columnsOf(role)
    .filter((s) => isChosen(header, choice, s.key))
    .map((s) => {
      const idx = map[s.key];
      return `${canonicalHeader(role, s.key)} ← ${idx >= 0 ? header[idx] : "(none)"} (chosen)`;
    });
}
