/**
 * Which sheets a write of result sheets may replace: the one ownership policy both hosts execute
 * (the Office.js writer, excel.ts, where "ours" is the `RGO.createdBy` worksheet property, and the
 * browser preview, preview-host.ts, where it is the `RGO_Owned` defined name or a sheet written this
 * session). A target sheet that exists and is ours is replaced; one that does not exist is created;
 * one that exists and is not ours (the user made it) refuses the whole write before anything is
 * written. Sheet names compare case-insensitively, as Excel does. Pure: no I/O.
 */
import { RgoError } from "../engine/errors";

/** A sheet already in the workbook. */
export interface ExistingSheet {
  name: string;
  /** Carries the add-in's marker: a result sheet RGO wrote earlier. */
  ours: boolean;
}

/** What to do for one write. */
export type SheetWritePlan =
  | {
      ok: true;
      /** Existing sheets (their names as spelled in the workbook) to delete and write again. */
      replace: string[];
      /** Target sheets that do not exist yet. */
      create: string[];
      /**
       * Every sheet of the workbook is replaced: a host that cannot have zero sheets (Excel) adds
       * a placeholder before deleting and removes it after adding.
       */
      replacesAll: boolean;
    }
  | { ok: false; error: RgoError };

/** The error for a sheet with an RGO name that the add-in did not create. */
export function foreignSheetError(sheet: string): RgoError {
  return new RgoError(
    "input",
    "foreign-rgo-sheet",
    `Sheet "${sheet}" already exists and was not created by Revenue Gap Orchestrator, so it is ` +
      `not overwritten. Rename or delete it, then run again.`,
    sheet,
  );
}

/** Plans writing the sheets `targets` (valid, unique sheet names) into a workbook holding `existing`. */
export function planSheetWrites(
  existing: readonly ExistingSheet[],
  targets: readonly string[],
): SheetWritePlan {
  const byKey = new Map(existing.map((s) => [s.name.toLowerCase(), s]));
  const replace: string[] = [];
  const create: string[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    const key = target.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const found = byKey.get(key);
    if (found === undefined) create.push(target);
    else if (!found.ours) return { ok: false, error: foreignSheetError(found.name) };
    else replace.push(found.name);
  }
  return {
    ok: true,
    replace,
    create,
    replacesAll: replace.length > 0 && replace.length === byKey.size,
  };
}
