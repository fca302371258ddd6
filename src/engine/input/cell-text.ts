import type { CellValue } from "./raw-table";

/** A cell as short text for messages ("blank" for empty cells, long text cut at 40 characters). */
export function cellText(cell: CellValue): string {
  if (cell === null) return "blank";
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? "an invalid date" : cell.toISOString().slice(0, 10);
  if (typeof cell === "string") {
    if (cell.trim() === "") return "blank";
    return `"${cell.length > 40 ? cell.slice(0, 40) + "…" : cell}"`;
  }
  return String(cell);
}
