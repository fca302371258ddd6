/**
 * Cell-level rules shared by the .xlsx writers: Excel's limits, number formats per column format,
 * and the conversion of a value into what exceljs should write (text stays text, non-finite
 * numbers and invalid dates become empty cells, over-long text is truncated with a marker).
 */
import type { ColumnFormat } from "../engine/report/result-book";
import { currencyNumberFormat } from "../engine/currency";
import { startsLikeFormula } from "./safe-text";

/** Excel's maximum number of characters in one cell. */
export const EXCEL_MAX_CELL_CHARS = 32767;

/** Appended to text cut at EXCEL_MAX_CELL_CHARS. */
export const TRUNCATION_MARKER = " …[truncated]";

/** Text number format: Excel keeps what is typed into such a cell as text (no formula). */
export const TEXT_FORMAT = "@";

/** Date number format used for every Date cell. */
export const DATE_FORMAT = "yyyy-mm-dd";

/** The Excel number format for each result column format. */
export const NUMBER_FORMATS: Readonly<Record<ColumnFormat, string>> = {
  text: TEXT_FORMAT,
  integer: "#,##0",
  decimal: "0.00",
  score: "0.00",
  currency: "$#,##0.00;[Red]-$#,##0.00",
  percent: "0.0%",
  date: DATE_FORMAT,
};

/**
 * The Excel number format of a column format; "currency" in `currency` (ISO code; absent or USD:
 * NUMBER_FORMATS.currency, `$#,##0.00;[Red]-$#,##0.00`).
 */
export function numberFormatOf(format: ColumnFormat, currency?: string): string {
  return format === "currency" && currency !== undefined
    ? currencyNumberFormat(currency)
    : NUMBER_FORMATS[format];
}

/**
 * A value exceljs writes as a plain cell (never a formula object). Text with leading or trailing
 * whitespace is a one-run rich text, which exceljs writes as an inline string with
 * `xml:space="preserve"` (a plain string cell would lose that whitespace in LibreOffice).
 */
export type XlsxValue = string | number | boolean | Date | null | { richText: { text: string }[] };

// Characters XML 1.0 cannot carry (exceljs drops C0 controls itself, but not these): lone
// surrogates and U+FFFE / U+FFFF. They become U+FFFD so the file stays well-formed.
const XML_UNSAFE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;

/** Cut `s` to Excel's cell limit, ending with TRUNCATION_MARKER, never splitting a surrogate pair. */
export function truncateForExcel(s: string): string {
  if (s.length <= EXCEL_MAX_CELL_CHARS) return s;
  let cut = EXCEL_MAX_CELL_CHARS - TRUNCATION_MARKER.length;
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return s.slice(0, cut) + TRUNCATION_MARKER;
}

/** Text as it is stored in a cell: XML-safe and within Excel's length limit. */
export function xlsxText(s: string): string {
  return truncateForExcel(s.replace(XML_UNSAFE, "\uFFFD"));
}

/**
 * What to write for one value. Strings are stored as strings (exceljs writes them as string
 * cells, never formulas); `forceText` says the text looks like a formula, so the cell must get the
 * text number format (`@`) even in a non-text column, which keeps it text when edited in Excel.
 */
export function toXlsxValue(v: unknown): { value: XlsxValue; forceText: boolean } {
  if (v === null || v === undefined) return { value: null, forceText: false };
  if (typeof v === "number") return { value: Number.isFinite(v) ? v : null, forceText: false };
  if (typeof v === "string") {
    if (v.length === 0) return { value: null, forceText: false };
    const text = xlsxText(v);
    const value = /^\s|\s$/.test(text) ? { richText: [{ text }] } : text;
    return { value, forceText: startsLikeFormula(v) };
  }
  if (typeof v === "boolean") return { value: v, forceText: false };
  if (v instanceof Date) return { value: Number.isNaN(v.getTime()) ? null : v, forceText: false };
  if (typeof v === "bigint") return { value: Number(v), forceText: false };
  return { value: xlsxText(String(v)), forceText: false };
}

// eslint-disable-next-line no-control-regex
const INVALID_SHEET_CHARS = /[[\]:*?/\\\u0000-\u001F]/g;

/**
 * A valid, unique (case-insensitive) Excel sheet name: forbidden characters replaced, at most 31
 * characters, no leading/trailing apostrophe, not the reserved "History". `used` is updated.
 */
export function uniqueSheetName(wanted: string, used: Set<string>): string {
  let base = wanted
    .replace(INVALID_SHEET_CHARS, "_")
    .trim()
    .replace(/^'+|'+$/g, "");
  if (base.length === 0 || base.toLowerCase() === "history") base = `Sheet${used.size + 1}`;
  base = base.slice(0, 31);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

/**
 * A valid, unique (case-insensitive) Excel table name: letters, digits, `_` and `.`, starting with
 * a letter or `_`, not a cell reference (A1 or R1C1), at most 255 characters. `used` is updated.
 */
export function uniqueTableName(wanted: string, used: Set<string>): string {
  let base = wanted.replace(/[^A-Za-z0-9_.]/g, "_");
  if (!/^[A-Za-z_]/.test(base)) base = `T_${base}`;
  if (/^[A-Za-z]{1,3}[0-9]+$/.test(base) || /^([Rr][0-9]*)?([Cc][0-9]*)?$/.test(base)) {
    base = `T_${base}`;
  }
  base = base.slice(0, 250);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * Header texts usable as Excel table column names: single-line, no control characters, non-empty, unique
 * (case-insensitive), at most 255 characters.
 */
export function tableColumnNames(headers: readonly string[]): string[] {
  const used = new Set<string>();
  return headers.map((h, i) => {
    // Control characters (line breaks, tabs, and those XML cannot carry, which the writers drop)
    // become spaces, so a header of nothing else becomes ColumnN, never an empty name.
    let base = xlsxText(h)
      // eslint-disable-next-line no-control-regex -- exactly the characters to replace
      .replace(/[\u0000-\u001f\u007f]+/g, " ")
      .trim()
      .slice(0, 250);
    if (base.length === 0) base = `Column${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} ${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** Column letters for a 1-based column number (1 -> A, 27 -> AA). */
export function columnLetter(col: number): string {
  let s = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
