/**
 * Formula-injection guard for text written to files a spreadsheet will open.
 *
 * Excel and LibreOffice read a cell typed or imported as `=…`, `+…`, `-…` or `@…` as a formula
 * (and `=cmd|…` as DDE); a leading tab or carriage return hides such a prefix from a quick look,
 * and East Asian IMEs produce the full-width forms `＝ ＋ － ＠`, which Excel also accepts as formula
 * starts. Pure: no I/O.
 */

/** The first characters that make a spreadsheet treat text as a formula or DDE call. */
export const FORMULA_TRIGGERS: readonly string[] = [
  "=",
  "+",
  "-",
  "@",
  "\t",
  "\r",
  "\uFF1D", // ＝
  "\uFF0B", // ＋
  "\uFF0D", // －
  "\uFF20", // ＠
];

const TRIGGER_SET: ReadonlySet<string> = new Set(FORMULA_TRIGGERS);

/** The prefix that makes formula-looking text inert (Excel's and LibreOffice's "this is text" mark). */
export const TEXT_PREFIX = "'";

/** True when `s` starts with a formula / DDE trigger (see FORMULA_TRIGGERS). */
export function startsLikeFormula(s: string): boolean {
  return s.length > 0 && TRIGGER_SET.has(s[0]);
}

/**
 * Text that Excel / LibreOffice would read as a formula or DDE (starts with = + - @, tab, CR, or
 * full-width ＝ ＋ － ＠) is made inert by prefixing a single quote `'`; any other text is returned
 * unchanged. Use `safeText(s) !== s` (or `startsLikeFormula`) to know whether it was changed.
 */
export function safeText(s: string): string {
  return startsLikeFormula(s) ? TEXT_PREFIX + s : s;
}
