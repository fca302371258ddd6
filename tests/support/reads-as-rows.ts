/**
 * The differential check of a column-wise table (RawTable.cells, the CSV and .xlsx readers')
 * against a plain copy of its rows: buildDataset must give the same Dataset and issues (or the
 * same error) without ever building the column-wise table's rows.
 */
import { buildDataset } from "../../src/engine/input/build-dataset";
import type { RawTable } from "../../src/engine/input/raw-table";

/** A call's value, or the message it threw. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

/** Runs `f`: its value or the message of the error it threw, to compare two paths' outcomes. */
export function outcome(f: () => unknown): Outcome {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Asserts buildDataset reads `columnar` exactly as `rows` (its rows as plain arrays). */
export function expectReadsAsRows(columnar: RawTable, rows: RawTable): void {
  expect(columnar.cells).toBeDefined();
  expect(rows.cells).toBeUndefined();
  // The input layer never builds the column-wise table's rows.
  Object.defineProperty(columnar, "rows", {
    configurable: true,
    get: () => {
      throw new Error("rows of a column-wise table were built");
    },
  });
  const a = outcome(() => buildDataset({ source: "x", tables: [columnar] }));
  const b = outcome(() => buildDataset({ source: "x", tables: [rows] }));
  // The results hold their tables: give the column-wise one its rows to compare them.
  Object.defineProperty(columnar, "rows", { value: rows.rows });
  expect(a).toEqual(b);
}
