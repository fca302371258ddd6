/**
 * One exceljs cell value as a RawTable cell, the same for the Node .xlsx reader and the browser
 * preview: formulas give their cached result (never the formula), rich text its text, errors and
 * hyperlinks their text. No Node imports: the preview bundles this file.
 */
import type { CellValue } from "../engine/input/raw-table";

export function exceljsCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
    if ("formula" in o || "sharedFormula" in o) return exceljsCellValue(o.result);
    if ("error" in o) return String(o.error);
    if ("text" in o) return exceljsCellValue(o.text);
    if ("hyperlink" in o) return String(o.hyperlink);
  }
  return String(v);
}
