/**
 * An id column read once per distinct cell (issue 14): a sales table of a million rows names some
 * thousands of customers and a few dozen stores, so each distinct cell is coerced (cell-readers.ts
 * ID) once and interned once; the rows then read their code. Equal codes are equal cells
 * (TableCells.distinctCells), so every row gets exactly what reading its own cell would give.
 */
import { BLANK, ID, INVALID } from "./cell-readers";
import { newNumberParse } from "./coerce-number";
import type { DistinctCells, RawTable } from "./raw-table";
import { distinctCellsAt } from "./table-cells";

export class DistinctIds {
  private readonly value: (string | typeof BLANK | typeof INVALID | undefined)[];
  /** Per code, the index the caller interned its id at (-1 before the first row that did). */
  readonly interned: Int32Array;
  private readonly num = newNumberParse();

  constructor(readonly cells: DistinctCells) {
    this.value = new Array<string | typeof BLANK | typeof INVALID | undefined>(cells.values.length);
    this.interned = new Int32Array(cells.values.length).fill(-1);
  }

  /** ID of data row i's cell: the canonical id text, BLANK or INVALID. */
  idAt(i: number): string | typeof BLANK | typeof INVALID {
    return this.idOf(this.cells.code[i]);
  }

  /** ID of the distinct cell with code c. */
  idOf(c: number): string | typeof BLANK | typeof INVALID {
    let v = this.value[c];
    if (v === undefined) {
      v = ID(this.cells.values[c], this.num);
      this.value[c] = v;
    }
    return v;
  }

  /** The index remembered for row i's cell (`remember`), or -1 before its first row. */
  indexAt(i: number): number {
    return this.interned[this.cells.code[i]];
  }

  /** Remembers the index the caller interned row i's id at, for the rows with the same cell. */
  remember(i: number, index: number): number {
    this.interned[this.cells.code[i]] = index;
    return index;
  }
}

/** Column j of `table` as DistinctIds, or undefined when the adapter keeps no distinct cells. */
export function distinctIdsAt(table: RawTable, j: number): DistinctIds | undefined {
  const cells = distinctCellsAt(table, j);
  return cells === undefined ? undefined : new DistinctIds(cells);
}
