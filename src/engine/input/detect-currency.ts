/**
 * The currency the input's money columns name: the number formats an .xlsx reader saw
 * (RawTable.columnCurrencies: `[$£-809]#,##0.00` -> GBP) and the symbols or codes in money text
 * ("£12.50", "3,20 €", "12.50 GBP"). Only mapped money columns count (revenue, unit price, gross
 * sales, discount, customer money fields): a "$" in a product name is not a currency.
 *
 * One currency across all money columns is the input's currency; none is null (the run then uses
 * the pack's or USD). Two different currencies (in one column, or in two money columns) stop the
 * run with RgoError("input", "mixed-currency") naming the sheet, the column(s), the rows and both
 * currencies: RGO does not convert between currencies.
 */
import { currencyOfMoneyText } from "../currency";
import { RgoError } from "../errors";
import { columnsOf } from "./column-registry";
import type { ColumnMap } from "./header-map";
import type { RawTable } from "./raw-table";
import type { Role } from "./role";
import { cellAt, rowCount } from "./table-cells";

/** The currency found, and where it was first seen. */
export interface DetectedCurrency {
  code: string;
  sheet: string;
  column: string;
  /** 1-based sheet row of the first cell naming it. */
  row: number;
  /** How it was named: a number format or a symbol/code in text. */
  source: "number format" | "text";
}

/** One money column of one table, as mapped. */
export interface MoneyColumn {
  table: RawTable;
  role: Role;
  map: ColumnMap;
}

/** Column indexes of `role`'s money fields in `map`. */
function moneyIndexes(role: Role, map: ColumnMap): number[] {
  const out: number[] = [];
  for (const spec of columnsOf(role)) {
    const i = map[spec.key];
    if (spec.type === "money" && i !== undefined && i >= 0 && !out.includes(i)) out.push(i);
  }
  return out.sort((a, b) => a - b);
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Every currency seen in column `col` of `table`, in the order first seen (by sheet row). */
function seenIn(table: RawTable, col: number): DetectedCurrency[] {
  const column = table.header[col] ?? `column ${col + 1}`;
  const out: DetectedCurrency[] = [];
  const add = (code: string, row: number, source: DetectedCurrency["source"]): void => {
    const at = out.findIndex((d) => d.code === code);
    if (at < 0) out.push({ code, sheet: table.name, column, row, source });
    else if (row < out[at].row) out[at] = { code, sheet: table.name, column, row, source };
  };
  for (const c of table.columnCurrencies?.[col] ?? []) add(c.code, c.row, "number format");
  const seenText = new Set<string>();
  // Plain money text that starts with a digit ("12.50") names no currency: skipped unread.
  const cents = table.cells?.plainCentsColumn?.(col);
  for (let r = 0, n = rowCount(table); r < n; r++) {
    if (cents !== undefined && cents[r] >= 0) continue;
    const v = cellAt(table, r, col);
    if (typeof v !== "string" || v === "") continue;
    if (isDigit(v.charCodeAt(0)) && isDigit(v.charCodeAt(v.length - 1))) continue; // "12.50"
    const code = currencyOfMoneyText(v);
    if (code === null || seenText.has(code)) continue;
    seenText.add(code);
    add(code, table.headerRow + 1 + r, "text");
  }
  return out.sort((a, b) => a.row - b.row);
}

const where = (d: DetectedCurrency): string =>
  `${d.code} (${d.source === "text" ? "money text" : "number format"} at row ${d.row})`;

/**
 * The one currency of `columns`' money fields, or null when none names a currency. Throws
 * RgoError("input", "mixed-currency") when two currencies are found.
 */
export function detectCurrency(columns: readonly MoneyColumn[]): DetectedCurrency | null {
  let found: DetectedCurrency | null = null;
  for (const { table, role, map } of columns) {
    for (const col of moneyIndexes(role, map)) {
      const seen = seenIn(table, col);
      if (seen.length > 1) {
        const [a, b] = seen;
        throw new RgoError(
          "input",
          "mixed-currency",
          `${table.name}, column "${a.column}": money in two currencies, ${where(a)} and ${where(b)}. ` +
            "RGO does not convert currencies: give the column one currency (or split the data by currency).",
          `${table.name}!${a.column}`,
        );
      }
      const d = seen[0];
      if (d === undefined) continue;
      if (found === null) found = d;
      else if (found.code !== d.code)
        throw new RgoError(
          "input",
          "mixed-currency",
          `Money in two currencies: ${found.sheet}, column "${found.column}" is in ${where(found)}, ` +
            `but ${d.sheet}, column "${d.column}" is in ${where(d)}. RGO does not convert currencies: give every money column one currency.`,
          `${d.sheet}!${d.column}`,
        );
    }
  }
  return found;
}
