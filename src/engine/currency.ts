/**
 * Currencies: ISO 4217 code -> symbol, decimals, Excel number format and money text, and the
 * reverse (a symbol or code found in an input cell or number format -> ISO code).
 *
 * Own table, not Intl.NumberFormat: Intl's output (symbol, spacing, "CA$" vs "$") varies with the
 * ICU data of the Node or browser build, and the report must read the same everywhere.
 *
 * Money text is English-style for every currency (the report is English): symbol before the
 * amount, "," thousands, "." decimals, minus before the symbol: "£1,234.50", "-€12.00", "¥1,235".
 * Excel formats follow the same form: `"£"#,##0.00;[Red]-"£"#,##0.00` (EUR too: `"€"#,##0.00`,
 * one form for every symbol, so a reader sees the same thing in the text and the cells).
 * A code not in the table (any three letters A-Z are accepted) is written as a prefix with a space:
 * "CHF 1,234.00", Excel `"CHF "#,##0.00`, two decimals.
 * USD keeps exactly the format RGO has always written: `$#,##0.00;[Red]-$#,##0.00`.
 */

/** What the report needs to show money in one currency. */
export interface CurrencyInfo {
  /** ISO 4217 code, upper case ("GBP"). */
  code: string;
  /** Text before the amount ("£", or "CHF " for a code without a symbol). */
  prefix: string;
  /** Digits after the decimal point (JPY 0, most 2). */
  decimals: number;
  /** True when the code is in RGO's table (else: code as prefix, two decimals). */
  known: boolean;
}

/** The currency of a run when nothing says otherwise. */
export const DEFAULT_CURRENCY = "USD";

/** code -> [symbol, decimals]. Only symbols that are unambiguous enough to print. */
const KNOWN: Readonly<Record<string, readonly [string, number]>> = {
  USD: ["$", 2],
  GBP: ["£", 2],
  EUR: ["€", 2],
  JPY: ["¥", 0],
  CNY: ["CN¥", 2],
  INR: ["₹", 2],
  KRW: ["₩", 0],
  ILS: ["₪", 2],
  NGN: ["₦", 2],
  PHP: ["₱", 2],
  VND: ["₫", 0],
  UAH: ["₴", 2],
  TRY: ["₺", 2],
  RUB: ["₽", 2],
  PLN: ["zł", 2],
  BRL: ["R$", 2],
  AUD: ["A$", 2],
  CAD: ["CA$", 2],
  NZD: ["NZ$", 2],
  HKD: ["HK$", 2],
  SGD: ["S$", 2],
  MXN: ["MX$", 2],
  ZAR: ["R", 2],
  CHF: ["CHF ", 2],
  SEK: ["SEK ", 2],
  NOK: ["NOK ", 2],
  DKK: ["DKK ", 2],
  CZK: ["CZK ", 2],
  HUF: ["HUF ", 2],
};

/** A three-letter ISO 4217-shaped code (upper case after trimming), or null. */
export function normalizeCurrencyCode(text: string): string | null {
  const c = text.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(c) ? c : null;
}

/** Whether RGO knows the code's symbol and decimals. */
export function isKnownCurrency(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(KNOWN, code);
}

/** The codes RGO has symbols for (for selectors), USD first. */
export const KNOWN_CURRENCIES: readonly string[] = Object.keys(KNOWN);

/** Symbol, decimals and prefix of `code` (unknown codes: "XYZ " prefix, two decimals). */
export function currencyInfo(code: string = DEFAULT_CURRENCY): CurrencyInfo {
  const known = isKnownCurrency(code) ? KNOWN[code] : undefined;
  return known
    ? { code, prefix: known[0], decimals: known[1], known: true }
    : { code, prefix: `${code} `, decimals: 2, known: false };
}

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * Money text in `code`: "£1,234.50", "-£12.00", "¥1,235", "CHF 1,234.00". Non-finite amounts are
 * spelt out ("not a number", "infinity"); -0 and amounts that round to zero have no minus.
 */
export function formatCurrency(value: number, code: string = DEFAULT_CURRENCY): string {
  if (Number.isNaN(value)) return "not a number";
  if (!Number.isFinite(value)) return value > 0 ? "infinity" : "minus infinity";
  const { prefix, decimals } = currencyInfo(code);
  const fixed = Math.abs(value).toFixed(decimals);
  if (fixed.includes("e")) return (value < 0 ? "-" : "") + prefix + fixed;
  const [int, frac] = fixed.split(".");
  const negative = value < 0 && /[1-9]/.test(fixed);
  return `${negative ? "-" : ""}${prefix}${group(int)}${frac !== undefined ? "." + frac : ""}`;
}

/** A money text formatter bound to one currency. */
export function moneyFormatter(code: string = DEFAULT_CURRENCY): (value: number) => string {
  return (value) => formatCurrency(value, code);
}

/** The literal `s` in an Excel number format (quoted; `"` itself cannot occur in a prefix). */
const excelLiteral = (s: string): string => `"${s}"`;

/** The Excel number format of money in `code` (negatives red with a minus). */
export function currencyNumberFormat(code: string = DEFAULT_CURRENCY): string {
  if (code === DEFAULT_CURRENCY) return "$#,##0.00;[Red]-$#,##0.00";
  const { prefix, decimals } = currencyInfo(code);
  const body = decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
  const p = excelLiteral(prefix);
  return `${p}${body};[Red]-${p}${body}`;
}

/** Symbols a cell text or number format may carry, longest first, -> ISO code. */
const SYMBOLS: readonly (readonly [string, string])[] = [
  ["US$", "USD"],
  ["CA$", "CAD"],
  ["A$", "AUD"],
  ["NZ$", "NZD"],
  ["HK$", "HKD"],
  ["R$", "BRL"],
  ["£", "GBP"],
  ["€", "EUR"],
  ["¥", "JPY"],
  ["₹", "INR"],
  ["₩", "KRW"],
  ["₪", "ILS"],
  ["₽", "RUB"],
  ["₺", "TRY"],
  ["$", "USD"],
];

/** The ISO code a currency symbol stands for ("£" -> "GBP"; "$" -> "USD"), or null. */
export function currencyOfSymbol(symbol: string): string | null {
  const s = symbol.trim();
  for (const [sym, code] of SYMBOLS) if (s === sym) return code;
  const c = normalizeCurrencyCode(s);
  return c !== null && s === c && isKnownCurrency(c) ? c : null;
}

const SYMBOL_CHARS = "$€£¥₹₩₪₽₺";
const LEADING = new RegExp(
  `^\\s*\\(?\\s*[-+]?\\s*(US\\$|CA\\$|A\\$|NZ\\$|HK\\$|R\\$|[${SYMBOL_CHARS}])`,
);
const TRAILING = new RegExp(`(US\\$|CA\\$|A\\$|NZ\\$|HK\\$|R\\$|[${SYMBOL_CHARS}])\\s*\\)?\\s*$`);
const CODE_FIRST = /^\s*([A-Z]{3})\s*[-+(]?\s*\d/;
const CODE_LAST = /\d\s*\)?\s*([A-Z]{3})\s*$/;

/**
 * The currency a money text names: a symbol before or after the number ("£12.50", "3,20 €",
 * "-$5") or a known ISO code ("12.50 GBP", "EUR 3.20"); null when it names none. Only the
 * currency is read here; the number itself is coerce-number.ts's business.
 */
export function currencyOfMoneyText(text: string): string | null {
  const lead = LEADING.exec(text);
  if (lead !== null) return currencyOfSymbol(lead[1]);
  const trail = TRAILING.exec(text);
  if (trail !== null) return currencyOfSymbol(trail[1]);
  const first = CODE_FIRST.exec(text) ?? CODE_LAST.exec(text);
  return first !== null && isKnownCurrency(first[1]) ? first[1] : null;
}

/**
 * The currency an Excel number format names, or null: `[$£-809]#,##0.00` (symbol in a locale
 * block), `[$EUR] #,##0.00` (code in a block), `"€"#,##0.00` (quoted), `£#,##0.00`, `\£…`
 * (literal). Only the first section (positive numbers) is read. Plain `$` formats read as USD.
 */
export function currencyOfNumberFormat(format: string): string | null {
  const first = format.split(";")[0] ?? "";
  const block = /\[\$([^\]-]*)(?:-[0-9A-Fa-f]+)?\]/.exec(first);
  if (block !== null && block[1] !== "") {
    const b = block[1].trim();
    return currencyOfSymbol(b) ?? normalizeCurrencyCode(b);
  }
  const quoted = /"([^"]*)"/.exec(first);
  if (quoted !== null) {
    const q = quoted[1].trim();
    const c = currencyOfSymbol(q) ?? currencyOfMoneyText(`${q}1`) ?? currencyOfMoneyText(`1${q}`);
    if (c !== null) return c;
  }
  // Unquoted literals outside brackets ([Red], [h]) and quotes.
  const bare = first.replace(/\[[^\]]*\]/g, "").replace(/"[^"]*"/g, "");
  for (const [sym, code] of SYMBOLS) if (bare.includes(sym)) return code;
  return null;
}
