/**
 * How result sheets look, in one place for both writers (the Office.js writer, excel.ts, and the
 * exceljs writer, exceljs-result-writer.ts): fonts per region role, the report tables' header fill
 * and borders, the score colour scale, row heights, and (re-exported from xlsx-cell.ts) number
 * formats and column letters. Pure data and arithmetic: no spreadsheet library.
 */
export {
  DATE_FORMAT,
  NUMBER_FORMATS,
  TEXT_FORMAT,
  columnLetter,
  numberFormatOf,
} from "./xlsx-cell";

/** Excel's largest row height, in points. */
export const MAX_ROW_HEIGHT = 409;

/** Row heights (points) of the two heading levels. */
export const HEADING_ROW_HEIGHT: Readonly<Record<1 | 2, number>> = { 1: 24, 2: 19 };

/** Row height (points) for wrapped text across `spanWidth` characters of columns. */
export function wrappedRowHeight(text: string, spanWidth: number): number {
  const lines = text
    .split("\n")
    .reduce((sum, line) => sum + Math.max(1, Math.ceil((line.length * 1.1) / spanWidth)), 0);
  return Math.min(MAX_ROW_HEIGHT, Math.max(15, lines * 15));
}

/** Font of a region role (sheet-layout.ts's RegionRole), when it differs from the default. */
export const ROLE_FONTS: Readonly<Record<string, { bold: true; size?: number }>> = {
  heading1: { bold: true, size: 16 },
  heading2: { bold: true, size: 13 },
  title: { bold: true, size: 12 },
  "table-header": { bold: true },
};

/** Fill of a report table's header row, as RGB hex ("#D9E1F2"). */
export const REPORT_HEADER_FILL = "#D9E1F2";
/** Thin border colour of a report table's cells, as RGB hex. */
export const REPORT_BORDER_COLOR = "#8EA9DB";

/** Built-in style of every Excel table the writers create. */
export const TABLE_STYLE = "TableStyleMedium2";

/** The score colour scale: green at 0, yellow at 5, red at 10 (RGB hex). */
export const SCORE_SCALE: readonly { value: number; color: string }[] = [
  { value: 0, color: "#63BE7B" },
  { value: 5, color: "#FFEB84" },
  { value: 10, color: "#F8696B" },
];

/** "#RRGGBB" as exceljs's opaque ARGB ("FFRRGGBB"). */
export function argb(hex: string): string {
  return `FF${hex.slice(1).toUpperCase()}`;
}
