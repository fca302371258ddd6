/**
 * Text and attribute values as the results writer puts them in XML, fast on the common case (no
 * character to escape: the text itself). Characters XML 1.0 cannot carry are dropped as exceljs
 * drops them (C0 controls other than tab, LF and CR, and DEL), so the two .xlsx writers store the
 * same text; lone surrogates and U+FFFE / U+FFFF were already replaced by `xlsxText`.
 */
import { xmlEscape } from "../xml-escape";

// eslint-disable-next-line no-control-regex -- exactly the characters to escape or drop
const NEEDS_WORK = /[<>&"'\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex -- exactly the characters to drop
const DROPPED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** `s` escaped for element content and attribute values (quotes included). */
export function escapeXml(s: string): string {
  return NEEDS_WORK.test(s) ? xmlEscape(s.replace(DROPPED, "")) : s;
}
