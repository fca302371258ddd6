/**
 * The row loop of a table keyed by a unique id (customers, deals, reps): blank rows are counted,
 * a row whose id is blank or invalid (error) or repeats an earlier accepted row's id (warning, the
 * first row wins) is skipped, and every other row goes to the reader's own logic.
 */
import { BAD, ID, missing, type Required, type RowReader } from "./cell-readers";
import type { RowStats } from "./row-stats";

/** The ids of the rows accepted so far (a Set, or a view of the ids a reader interned). */
export interface SeenIds {
  has(id: string): boolean;
  add(id: string): unknown;
}

export interface UniqueKey {
  /** Column key of the id. */
  key: string;
  /** What a blank or invalid id reports. */
  problem: Required;
  /** Code and wording of the warning for a repeated id. */
  duplicate: { code: string; say: (id: string) => string };
}

/**
 * A unique id column of the pipeline tables, worded with its noun: a blank or invalid id skips the
 * row with "missing-<noun>-id", a repeated one with "duplicate-<noun>".
 */
export function uniqueKey(key: string, noun: string): UniqueKey {
  return {
    key,
    problem: missing(`missing-${noun}-id`, (text) => `Row skipped: the ${noun} id is ${text}.`),
    duplicate: {
      code: `duplicate-${noun}`,
      say: (id) => `Row skipped: ${noun} ${id} appears more than once; the first row is used.`,
    },
  };
}

/**
 * Reads every row of `rr`'s table. `read` gets the reader at a row with a new id and returns false
 * when it skipped the row itself; rows are counted in `stats`. Rows in `skip` (total rows, already
 * reported) are counted as skipped and not read.
 */
export function readKeyedRows(
  rr: RowReader,
  stats: RowStats,
  id: UniqueKey,
  read: (id: string) => boolean,
  skip?: ReadonlySet<number>,
): void {
  const seen = new Set<string>();
  for (let i = 0; i < rr.rowCount; i++) readKeyedRow(rr, stats, id, read, skip, seen, i);
}

/**
 * Row i of `readKeyedRows` (`seen`: the ids of the rows accepted so far, to which an accepted
 * row's id is added), for a reader that takes some rows another way (customers-typed-pass.ts).
 */
export function readKeyedRow(
  rr: RowReader,
  stats: RowStats,
  id: UniqueKey,
  read: (id: string) => boolean,
  skip: ReadonlySet<number> | undefined,
  seen: SeenIds,
  i: number,
): void {
  if (!rr.at(i)) {
    stats.blank++;
    return;
  }
  if (skip?.has(i) === true) {
    stats.skipped++;
    return;
  }
  const v = rr.required(id.key, ID, id.problem);
  const repeated = v !== BAD && seen.has(v);
  if (repeated) rr.report("warning", id.duplicate.code, id.key, id.duplicate.say(v));
  if (v === BAD || repeated || !read(v)) {
    stats.skipped++;
    return;
  }
  seen.add(v);
  stats.accepted++;
}
