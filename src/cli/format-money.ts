/** "$22,583.22" / "-$12.50": locale-independent, for console output. */
export function formatMoney(value: number): string {
  const sign = value < 0 ? "-" : "";
  const [whole, cents] = Math.abs(value).toFixed(2).split(".");
  return `${sign}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
}
