/**
 * The differential check of a column-wise table (RawTable.cells, the CSV and .xlsx readers')
 * against a plain copy of its rows: buildDataset must give the same Dataset and issues (or the
 * same error) without ever building the column-wise table's rows.
 */
import { buildDataset } from "../../src/engine/input/build-dataset";
import type { RawTable } from "../../src/engine/input/raw-table";
import { csvTextToTable } from "../../src/workbook/csv-folder-reader";

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

/**
 * buildDataset's outcome on CSV files (name -> text) read column-wise (`a`: the CSV reader's
 * cells, the typed runs) and as plain copies of their rows (`b`: the row path, the reference),
 * the column-wise tables then given their rows so the two outcomes compare.
 */
export function csvBothWays(texts: Record<string, string>): { a: Outcome; b: Outcome } {
  const columnar = Object.entries(texts).map(([name, text]) => csvTextToTable(name, text));
  const rows = columnar.map((t) => ({
    ...t,
    cells: undefined,
    rows: t.rows.map((r) => r.slice()),
  }));
  const a = outcome(() => buildDataset({ source: "x", tables: columnar }));
  const b = outcome(() => buildDataset({ source: "x", tables: rows }));
  for (let k = 0; k < columnar.length; k++)
    Object.defineProperty(columnar[k], "rows", { value: rows[k].rows });
  for (const t of columnar) delete (t as { cells?: unknown }).cells;
  return { a, b };
}
