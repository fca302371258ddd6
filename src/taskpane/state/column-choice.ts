/**
 * The Data step's view of the user's column choices. The choices themselves are data
 * (`ColumnChoices`, role -> field -> header) that the pane sends to the engine with the tables as
 * read; the engine's header mapping (src/engine/input/header-map.ts) honours them. This module
 * only previews that mapping for the column editor and the validation summary.
 */
import { columnsOf, normalizeHeader } from "../../engine/input/column-registry";
import {
  chooseColumns,
  findHeader,
  type ColumnChoice,
  type ColumnChoices,
  type ColumnMap,
} from "../../engine/input/header-map";
import type { Role } from "../../engine/input/role";

export type { ColumnChoice, ColumnChoices };

/**
 * The name the engine knows a field by: its first synonym that no other field of the role
 * accepts, e.g. "weekly_spend" for sales revenue (shown beside the user's header).
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

/**
 * Whether the user's choice for field `key` takes effect on a source with `header`: "(none)", or
 * a header the source has (a header the source no longer has does not take effect: the engine
 * stops the run with an error naming it).
 */
export function isChosen(header: readonly string[], choice: ColumnChoice, key: string): boolean {
  if (!Object.prototype.hasOwnProperty.call(choice, key)) return false;
  const wanted = choice[key];
  return wanted === null || (typeof wanted === "string" && findHeader(header, wanted) >= 0);
}

/**
 * The mapping the engine will use with `choice`: field key -> column index (-1 none), as
 * header-map.ts computes it. A chosen header that is not in `header` keeps the detected match
 * here (the run itself stops with an error naming it).
 */
export function effectiveColumns(
  role: Role,
  header: readonly string[],
  choice: ColumnChoice = {},
): ColumnMap {
  return chooseColumns(role, header, choice).map;
}

/** Whether `choice` changes anything (has at least one field). */
export function hasChoice(choice: ColumnChoice | undefined): choice is ColumnChoice {
  return choice !== undefined && Object.keys(choice).length > 0;
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
