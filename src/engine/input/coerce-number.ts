/**
 * Number, money and rate cells.
 *
 * Text accepted (documented behaviour): plain numbers `1234.5`, `-12`, `+3`, `1e3`; currency
 * symbols `$ € £ ¥` before or after; grouping with `,` `.` space, no-break space or `'` in groups
 * of three; accounting negatives `(12.50)`; a trailing `%` (the value is divided by 100). Decimal
 * separator: `.`; `,` is taken as the decimal separator only when it cannot be a thousands
 * separator: `12,5` and `1 234,50` and `1.234,50` are 12.5 / 1234.5 / 1234.5, but `1,234` is 1234
 * and a single `.` is always decimal (`1.234` is 1.234).
 * Booleans, dates and anything else are invalid.
 *
 * Money becomes integer cents exactly: text is converted digit by digit, numbers through their
 * shortest decimal form; more than two decimals round half away from zero and are flagged.
 */
import type { CellValue } from "./raw-table";

export const NumStatus = { Ok: 0, Blank: 1, Invalid: 2 } as const;
export type NumStatus = (typeof NumStatus)[keyof typeof NumStatus];

export interface NumberParse {
  status: NumStatus;
  value: number;
  /** Money only: integer cents. */
  cents: number;
  /** Money only: the input had non-zero digits beyond the cent. */
  subCent: boolean;
  /** The text ended in "%". */
  percent: boolean;
}

/** A fresh result holder (reuse it across cells). */
export function newNumberParse(): NumberParse {
  return { status: NumStatus.Blank, value: NaN, cents: NaN, subCent: false, percent: false };
}

const PLAIN = /^[-+]?\d+(?:\.\d+)?$/;
const EXP = /^[-+]?\d+(?:\.\d+)?e[-+]?\d+$/i;
const GROUPED_DOT_DECIMAL = /^\d{1,3}(?:[, '\u00a0\u202f]\d{3})+(?:\.\d+)?$/;
const GROUPED_COMMA_DECIMAL = /^\d{1,3}(?:[. '\u00a0\u202f]\d{3})+(?:,\d+)?$/;
const COMMA_DECIMAL = /^\d+,\d+$/;

/**
 * Normalise number text to a plain decimal string `-1234.5` (or exponent form), or null when the
 * text is not a number. Sets `percent` on the result holder.
 */
export function normalizeNumberText(text: string, out: NumberParse): string | null {
  let s = text.trim();
  out.percent = false;
  if (PLAIN.test(s)) return s;
  let negative = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.endsWith("%")) {
    out.percent = true;
    s = s.slice(0, -1).trim();
  }
  if (s.startsWith("-") || s.startsWith("+")) {
    if (s[0] === "-") negative = !negative;
    s = s.slice(1).trim();
  }
  s = s.replace(/^[$€£¥]\s*/, "").replace(/\s*[$€£¥]$/, "");
  if (s.startsWith("-") && !negative) {
    // "$-12" form
    negative = true;
    s = s.slice(1);
  }
  let digits: string;
  if (/^\d+(?:\.\d+)?$/.test(s) || EXP.test(s)) {
    digits = s;
  } else if (GROUPED_DOT_DECIMAL.test(s)) {
    digits = s.replace(/[, '\u00a0\u202f]/g, "");
  } else if (GROUPED_COMMA_DECIMAL.test(s)) {
    digits = s.replace(/[. '\u00a0\u202f]/g, "").replace(",", ".");
  } else if (COMMA_DECIMAL.test(s)) {
    digits = s.replace(",", ".");
  } else {
    return null;
  }
  return negative ? "-" + digits : digits;
}

/** Exact cents of a plain decimal string; sets `subCent`. Exponent forms go through Number. */
function centsOfDecimal(s: string, out: NumberParse): number {
  const dotAt = s.indexOf(".");
  if (s.length <= 15 && (dotAt < 0 || s.length - dotAt <= 3) && !/e/i.test(s)) {
    // At most two decimals and 15 characters: value * 100 is within 0.5 of the exact integer.
    return Math.round(Number(s) * 100) + 0;
  }
  if (/e/i.test(s)) return centsOfNumber(Number(s), out);
  let neg = false;
  let i = 0;
  if (s[0] === "-" || s[0] === "+") {
    neg = s[0] === "-";
    i = 1;
  }
  const dot = s.indexOf(".", i);
  const intPart = dot < 0 ? s.slice(i) : s.slice(i, dot);
  const frac = dot < 0 ? "" : s.slice(dot + 1);
  let cents = Number(intPart) * 100 + Number((frac + "00").slice(0, 2));
  const rest = frac.slice(2);
  if (rest !== "" && /[1-9]/.test(rest)) {
    out.subCent = true;
    if (rest.charCodeAt(0) >= 53 /* '5' */) cents += 1;
  }
  return neg && cents !== 0 ? -cents : cents;
}

/** Cents of a number: exact for values with at most two decimals, else via its decimal form. */
export function centsOfNumber(v: number, out: NumberParse): number {
  const c = v * 100;
  const r = Math.round(c);
  if (Math.abs(c - r) <= 1e-7 + Math.abs(c) * 1e-15) return r === 0 ? 0 : r;
  const text = String(v);
  if (/e/i.test(text)) {
    out.subCent = true;
    return Math.round(c);
  }
  return centsOfDecimal(text, out);
}

/** Coerce a cell to a number (value). Percent text is divided by 100. */
export function coerceNumber(cell: CellValue, out: NumberParse): NumStatus {
  out.subCent = false;
  out.percent = false;
  if (cell === null) return (out.status = NumStatus.Blank);
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return (out.status = NumStatus.Invalid);
    out.value = cell;
    return (out.status = NumStatus.Ok);
  }
  if (typeof cell !== "string") return (out.status = NumStatus.Invalid);
  if (cell.trim() === "") return (out.status = NumStatus.Blank);
  const norm = normalizeNumberText(cell, out);
  if (norm === null) return (out.status = NumStatus.Invalid);
  let v = Number(norm);
  if (!Number.isFinite(v)) return (out.status = NumStatus.Invalid);
  if (out.percent) v /= 100;
  out.value = v;
  return (out.status = NumStatus.Ok);
}

/** Coerce a money cell to integer cents (and value). A percent is not money. */
export function coerceMoney(cell: CellValue, out: NumberParse): NumStatus {
  out.subCent = false;
  out.percent = false;
  if (cell === null) return (out.status = NumStatus.Blank);
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return (out.status = NumStatus.Invalid);
    out.value = cell;
    out.cents = centsOfNumber(cell, out);
    return (out.status = NumStatus.Ok);
  }
  if (typeof cell !== "string") return (out.status = NumStatus.Invalid);
  if (cell.trim() === "") return (out.status = NumStatus.Blank);
  const norm = normalizeNumberText(cell, out);
  if (norm === null || out.percent) return (out.status = NumStatus.Invalid);
  const v = Number(norm);
  if (!Number.isFinite(v)) return (out.status = NumStatus.Invalid);
  out.value = v;
  out.cents = centsOfDecimal(norm, out);
  return (out.status = NumStatus.Ok);
}

/** Coerce a rate cell to 0..1: `85%` -> 0.85, 0.85 -> 0.85, 85 -> 0.85 (values over 1 read as percent). */
export function coerceRate(cell: CellValue, out: NumberParse): NumStatus {
  const st = coerceNumber(cell, out);
  if (st !== NumStatus.Ok) return st;
  if (!out.percent && out.value > 1 && out.value <= 100) out.value /= 100;
  if (out.value < 0 || out.value > 1) return (out.status = NumStatus.Invalid);
  return st;
}
