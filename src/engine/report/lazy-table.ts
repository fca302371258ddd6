/**
 * Result tables whose rows are built when first read (issue 14: "explain only the rows that are
 * written, lazily"). The browser preview keeps a run's table rows in its worker and reads them
 * only when a sheet is viewed or downloaded, so a run there no longer words 20,000 customers'
 * whys and fact cells before it shows its figures.
 *
 * A lazy table is an ordinary ResultTable: `rows` is an own, enumerable property whose first read
 * builds the rows once and keeps them (spread, JSON.stringify and structuredClone read it like
 * any other property, so every writer sees the same rows as before). Only the two helpers below
 * avoid building them: `tableRowCount` (the count is known from the start) and `tableHead`.
 */
import type { ResultCell, ResultTable } from "./result-book";
import { RgoError } from "../errors";

const counts = new WeakMap<ResultTable, number>();

/**
 * `head` with `rows` built by `build` when first read; `rowCount` is how many rows `build`
 * returns (checked when it runs: a different count is an internal error, never a silent change).
 */
export function lazyTable(
  head: Omit<ResultTable, "rows">,
  rowCount: number,
  build: () => ResultCell[][],
): ResultTable {
  const table = { ...head } as ResultTable;
  Object.defineProperty(table, "rows", {
    enumerable: true,
    configurable: true,
    get(): ResultCell[][] {
      const rows = build();
      if (rows.length !== rowCount)
        throw new RgoError(
          "internal",
          "internal",
          `table ${head.name} was announced with ${rowCount} rows but has ${rows.length}`,
        );
      Object.defineProperty(table, "rows", {
        value: rows,
        enumerable: true,
        configurable: true,
        writable: true,
      });
      return rows;
    },
  });
  counts.set(table, rowCount);
  return table;
}

/** How many rows a table has, without building the rows of a lazy one. */
export function tableRowCount(table: ResultTable): number {
  return counts.get(table) ?? table.rows.length;
}

/** The table's name, title and columns (every property but its rows), building no rows. */
export function tableHead(table: ResultTable): Omit<ResultTable, "rows"> {
  const head: Record<string, unknown> = {};
  for (const key of Object.keys(table)) if (key !== "rows") head[key] = Reflect.get(table, key);
  return head as Omit<ResultTable, "rows">;
}
