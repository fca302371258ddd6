/**
 * Identifier cells (customer, store) -> canonical text, so `12`, `12.0` and `"12"` are the same
 * id. Numbers are written without a trailing ".0"; text is trimmed and a trailing ".0…" after
 * digits is dropped ("12.00" -> "12"). Leading zeros in text are kept ("00001" stays "00001").
 * Returns null for a blank cell, undefined for a cell that cannot be an id (boolean, date).
 */
import type { CellValue } from "./raw-table";

const INTEGER_WITH_ZERO_FRACTION = /^(-?\d+)\.0+$/;

/** Canonical id text, null when blank, undefined when not an id. */
export function coerceId(cell: CellValue): string | null | undefined {
  if (cell === null) return null;
  if (typeof cell === "string") {
    const s = cell.trim();
    if (s === "") return null;
    const m = INTEGER_WITH_ZERO_FRACTION.exec(s);
    return m ? m[1] : s;
  }
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : undefined;
  return undefined;
}

/** Whether a cell is empty (null or only whitespace). */
export function isBlankCell(cell: CellValue): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}

/** Whether every cell of a row is empty. */
export function isBlankRow(row: readonly CellValue[]): boolean {
  for (let j = 0; j < row.length; j++) if (!isBlankCell(row[j])) return false;
  return true;
}
