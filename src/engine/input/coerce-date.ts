/**
 * Calendar-date cells (deal dates): ISO / day-first dates, Date cells and Excel serials, as days
 * since 1970-01-01 (UTC). Unlike week cells, bare week numbers and ISO weeks are not dates.
 */
import type { CellValue } from "./raw-table";
import { parseWeekCell, WeekKind, type WeekParse } from "./coerce-week";

const scratch: WeekParse = { kind: WeekKind.Blank, day: NaN, reason: "" };

/** Day number of a date cell; null when blank, undefined when not a date. */
export function coerceDate(cell: CellValue): number | null | undefined {
  if (cell === null || (typeof cell === "string" && cell.trim() === "")) return null;
  const kind = parseWeekCell(typeof cell === "string" ? cell.trim() : cell, scratch);
  if (kind === WeekKind.Blank) return null;
  return kind === WeekKind.Date ? scratch.day : undefined;
}
