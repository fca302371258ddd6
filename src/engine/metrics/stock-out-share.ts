/**
 * Share of a store's range that was out of stock, per store-week, from whichever measure the stock
 * sheet carried: SKUs out / SKUs (on-hand units or in-stock flags), stockout days / (7 x SKUs)
 * (stockout days), or 1 - mean in-stock rate (in-stock rates). 0 where there is no stock data.
 */
import type { Stock } from "../input/dataset";

/** The out share of one store-week cell (store * weeks + week); 0 when the cell has no stock rows. */
export function outShareOfCell(stock: Stock, cell: number): number {
  const skus = stock.skuCount[cell];
  if (!(skus > 0)) return 0;
  let share: number;
  if (stock.measure === "stockout_days" && Number.isFinite(stock.stockoutDays[cell])) {
    share = stock.stockoutDays[cell] / (7 * skus);
  } else if (stock.measure === "in_stock_rate" && Number.isFinite(stock.inStockRate[cell])) {
    share = 1 - stock.inStockRate[cell];
  } else {
    share = stock.skusOut[cell] / skus;
  }
  return share < 0 ? 0 : share > 1 ? 1 : share;
}

/**
 * Out share for every store-week (stores x weeks, row-major), all 0 when the dataset has no stock
 * table or its arrays do not cover the store-week grid.
 */
export function storeWeekOutShare(stock: Stock, storeCount: number, weeks: number): Float64Array {
  const cells = storeCount * weeks;
  const out = new Float64Array(cells);
  if (!stock.present || stock.skuCount.length < cells) return out;
  for (let cell = 0; cell < cells; cell++) out[cell] = outShareOfCell(stock, cell);
  return out;
}
