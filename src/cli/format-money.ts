import { DEFAULT_CURRENCY, formatCurrency } from "../engine/currency";

/**
 * "$22,583.22" / "-$12.50": locale-independent, for console output. In another currency (ISO
 * code) the engine's money text: "£22,583.22", "CHF 12.50" (src/engine/currency.ts).
 */
export function formatMoney(value: number, currency: string = DEFAULT_CURRENCY): string {
  if (currency !== DEFAULT_CURRENCY) return formatCurrency(value, currency);
  const sign = value < 0 ? "-" : "";
  const [whole, cents] = Math.abs(value).toFixed(2).split(".");
  return `${sign}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
}
