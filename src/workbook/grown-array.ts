/**
 * Growing the typed arrays the readers fill row by row (the CSV scan's columns, the .xlsx reader's
 * cells and interned texts): one rule for all of them, at least doubling, so filling n entries
 * copies fewer than 2n.
 */

/** The typed arrays the readers grow. */
export type GrowableArray =
  Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | Float64Array<ArrayBuffer>;

/**
 * `a` when it has room for `need` entries, else a copy of it with at least `need` and at least
 * twice its entries, the new ones set to `fill` (0 unless given).
 */
export function grown<T extends GrowableArray>(a: T, need: number, fill = 0): T {
  if (need <= a.length) return a;
  const make = a.constructor as new (length: number) => T;
  const b = new make(Math.max(need, a.length * 2));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
