/**
 * Boolean cells: true / false cells, numbers 1 / 0, and text True/False, Yes/No, Y/N, T/F, 1/0
 * (case-insensitive, trimmed). Returns 1, 0, BOOL_BLANK or BOOL_INVALID.
 */
import type { CellValue } from "./raw-table";

export const BOOL_BLANK = -2;
export const BOOL_INVALID = -1;

const TRUE_WORDS = new Set(["true", "yes", "y", "t", "1", "1.0"]);
const FALSE_WORDS = new Set(["false", "no", "n", "f", "0", "0.0"]);

/** Coerce a cell to 1 / 0, or BOOL_BLANK / BOOL_INVALID. */
export function coerceBoolean(cell: CellValue): number {
  if (cell === null) return BOOL_BLANK;
  if (typeof cell === "boolean") return cell ? 1 : 0;
  if (typeof cell === "number") return cell === 1 ? 1 : cell === 0 ? 0 : BOOL_INVALID;
  if (typeof cell !== "string") return BOOL_INVALID;
  const s = cell.trim().toLowerCase();
  if (s === "") return BOOL_BLANK;
  if (TRUE_WORDS.has(s)) return 1;
  if (FALSE_WORDS.has(s)) return 0;
  return BOOL_INVALID;
}
