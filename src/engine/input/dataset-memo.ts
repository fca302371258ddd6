/**
 * The last input stage's result, kept for the next build on the very same inputs: the pane's Data
 * step checks the chosen tables (buildDataset), and Run on unchanged choices then reuses that
 * dataset instead of building it again from the cells (issue 14: about a third of a 20,000 x 52
 * run in the browser preview). "The same inputs" is strict: the same RawTable objects in the same
 * order, the same source, and the same options (table roles, column choices, currency, period,
 * week start, week end, issue cap) compared as canonical JSON. Tables are never changed in place
 * once read (a new read or a new workbook makes new RawTable objects); a caller that does append
 * rows to a table it already built from (the worker's load-rows) calls `clear` first.
 */
import { canonicalJson } from "../../rules/pack-hash";
import { buildDataset, type BuildDatasetOptions, type BuildDatasetResult } from "./build-dataset";
import type { RawWorkbook } from "./raw-table";

export interface DatasetMemo {
  /**
   * buildDataset(workbook, options), or the last result when the inputs are the same. The issues
   * array and the roles record are fresh copies at every call (a run appends its own notices);
   * the dataset itself is shared (the engine only reads it).
   */
  build(workbook: RawWorkbook, options: BuildDatasetOptions): BuildDatasetResult;
  /** Whether the last `build` reused the kept result (for tests and timings). */
  readonly reused: boolean;
  /** Forgets the kept result (a new workbook, rows appended). */
  clear(): void;
}

interface Kept {
  source: string;
  tables: readonly unknown[];
  key: string;
  result: BuildDatasetResult;
}

function sameTables(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function copyOf(result: BuildDatasetResult): BuildDatasetResult {
  return { ...result, issues: [...result.issues], roles: { ...result.roles } };
}

export function createDatasetMemo(): DatasetMemo {
  let kept: Kept | null = null;
  let reused = false;
  return {
    build(workbook, options) {
      const key = canonicalJson(options);
      if (
        kept !== null &&
        kept.source === workbook.source &&
        kept.key === key &&
        sameTables(kept.tables, workbook.tables)
      ) {
        reused = true;
        return copyOf(kept.result);
      }
      reused = false;
      kept = null; // a build that throws leaves nothing kept
      const result = buildDataset(workbook, options);
      kept = { source: workbook.source, tables: [...workbook.tables], key, result };
      return copyOf(result);
    },
    get reused() {
      return reused;
    },
    clear() {
      kept = null;
      reused = false;
    },
  };
}
