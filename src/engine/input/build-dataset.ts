/**
 * The input stage: RawWorkbook -> typed columnar Dataset + Issue[] (pure).
 * Finds the tables (roles.ts), maps headers with the user's column choices (header-map.ts), reads
 * customers, sales (calendar and revenue matrix), stock and the sales pipeline (deals, reps), then
 * fills the per-customer fields derived from sales.
 */
import type { RawTable, RawWorkbook } from "./raw-table";
import { RgoError } from "../errors";
import type { Issue } from "../issue";
import { CustomerAccumulator } from "./customer-accumulator";
import { reportBeyondExcel } from "./excel-limits";
import type { Dataset } from "./dataset";
import { type ColumnChoices, mapColumns } from "./header-map";
import { IdRegistry } from "./id-registry";
import { IssueCollector } from "./issue-collector";
import { readCustomers } from "./read-customers";
import { readPipeline } from "./read-pipeline";
import { dropPartialLastWeek } from "./partial-weeks";
import { readSales } from "./read-sales";
import { emptyStock, readStock } from "./read-stock";
import type { PeriodUnit } from "./period";
import type { Role } from "./role";
import { detectRoles } from "./roles";
import { DEFAULT_CURRENCY, moneyFormatter } from "../currency";

/** Money text in `code`; undefined (the readers' default, `$1,234.50`) for USD or none. */
export function moneyText(code: string | undefined): ((n: number) => string) | undefined {
  return code === undefined || code === DEFAULT_CURRENCY ? undefined : moneyFormatter(code);
}
import { type DetectedCurrency, detectCurrency } from "./detect-currency";
import { emptyRowStats, type RowStats } from "./row-stats";
import { rowCount } from "./table-cells";

export interface BuildDatasetOptions {
  /** Role -> table name, overriding detection by name and header. */
  tableForRole?: Partial<Record<Role, string>>;
  /** Role -> field -> chosen header, winning over matching by header (see header-map.ts). */
  columns?: ColumnChoices;
  /**
   * The currency chosen by the user or the pack (ISO code), for money in issue messages; without
   * it, the detected one; else USD.
   */
  currency?: string;
  /** Issues kept per issue code before only counting (default 200). */
  issueCapPerCode?: number;
  /**
   * Daily data: bucket the dates into weeks that end on this day (days since 1970-01-01), e.g. a
   * backtest's as-of day, instead of ISO weeks.
   */
  weekEndsOn?: number;
  /** Analyse in weeks or calendar months (period.ts); detected from the dates when absent. */
  period?: PeriodUnit;
  /** Weekday the weeks start on (0 = Monday); the data's own weekday or Monday when absent. */
  weekStart?: number;
}

export interface BuildDatasetResult {
  dataset: Dataset;
  issues: Issue[];
  roles: Partial<Record<Role, RawTable>>;
  /** Row counts per table (read, accepted, blank, skipped). */
  rowStats: { customers: RowStats; sales: RowStats; stock: RowStats };
  /** The currency the money columns name (number formats, symbols), or null (detect-currency.ts). */
  currency: DetectedCurrency | null;
}

/**
 * Deals (and reps) without sales: a dataset with no customers and no weeks that carries the sales
 * pipeline, so the run analyses the pipeline alone (run-analysis.ts leaves out the customer sheets).
 */
function pipelineOnly(
  roles: Partial<Record<Role, RawTable>>,
  detectedIssues: Issue[],
  issues: IssueCollector,
  columns: ColumnChoices,
): BuildDatasetResult {
  const deals = roles.deals;
  issues.add(
    "info",
    "pipeline-only",
    deals?.name ?? "",
    null,
    null,
    `No weekly sales table found; only the sales pipeline (${[deals?.name, roles.reps?.name].filter((n) => n !== undefined).join(", ")}) is analysed.`,
  );
  for (const t of [roles.customers, roles.stock]) {
    if (t !== undefined) {
      issues.add(
        "warning",
        "unused-table",
        t.name,
        null,
        null,
        `${t.name} was not used: customers and stock are analysed only with a weekly sales table.`,
      );
    }
  }
  const pipeline = readPipeline(roles.deals, roles.reps, issues, columns);
  const customers = new CustomerAccumulator().finish(false);
  const dataset: Dataset = {
    calendar: { startDays: new Int32Array(0), labels: [] },
    customers,
    sales: {
      weeks: 0,
      spendCents: new Float64Array(0),
      present: new Uint8Array(0),
      store: new Int32Array(0),
      rowCount: 0,
    },
    stores: { ids: [], indexById: new Map() },
    stock: emptyStock(0, 0),
    ...(pipeline !== null ? { pipeline } : {}),
    inputCounts: { customers: 0, salesRows: 0, stockRows: 0 },
  };
  return {
    dataset,
    issues: [...detectedIssues, ...issues.finish()],
    roles,
    rowStats: { customers: emptyRowStats(), sales: emptyRowStats(), stock: emptyRowStats() },
    currency: null,
  };
}

/** Build the Dataset from the workbook's tables. Throws RgoError("input", …) when a run is impossible. */
export function buildDataset(
  workbook: RawWorkbook,
  options?: BuildDatasetOptions,
): BuildDatasetResult {
  const detected = detectRoles(workbook.tables, options?.tableForRole);
  const roles = detected.roles;
  const issues = new IssueCollector(options?.issueCapPerCode ?? 200);
  reportBeyondExcel(workbook.tables, issues);
  const salesTable = roles.sales;
  if (salesTable === undefined && roles.deals !== undefined) {
    return pipelineOnly(roles, detected.issues, issues, options?.columns ?? {});
  }
  if (salesTable === undefined) {
    const found = workbook.tables.map((t) => `"${t.name}"`).join(", ");
    throw new RgoError(
      "input",
      "missing-table",
      workbook.tables.length === 0
        ? `${workbook.source || "The input"} has no tables. Expected a weekly sales table (customer id, week, revenue), e.g. weekly_sales.csv or a sheet named "weekly_sales".`
        : `No weekly sales table found in ${workbook.source || "the input"}. Tables found: ${found}. ` +
            `Expected a table named weekly_sales / sales / retail_weekly_sales, or one with customer id, week and revenue columns.`,
      workbook.source || null,
    );
  }
  const columns = options?.columns ?? {};
  const salesCols = mapColumns(salesTable, "sales", issues, columns.sales);
  const customersTable = roles.customers;
  const customerCols = customersTable
    ? mapColumns(customersTable, "customers", issues, columns.customers)
    : null;
  const stockTable = roles.stock;
  const stockCols = stockTable ? mapColumns(stockTable, "stock", issues, columns.stock) : null;
  const currency = detectCurrency([
    { table: salesTable, role: "sales", map: salesCols },
    ...(customersTable && customerCols
      ? [{ table: customersTable, role: "customers" as const, map: customerCols }]
      : []),
    ...(stockTable && stockCols
      ? [{ table: stockTable, role: "stock" as const, map: stockCols }]
      : []),
  ]);

  const customers = new CustomerAccumulator();
  const stores = new IdRegistry();
  let customerStats = emptyRowStats();
  if (customersTable && customerCols) {
    customerStats = readCustomers(customersTable, customerCols, customers, stores, issues);
    if (customerStats.accepted === 0) {
      issues.add(
        "warning",
        "empty-table",
        customersTable.name,
        null,
        null,
        `${customersTable.name} has no customer rows; customers are taken from the sales table.`,
      );
    }
  } else {
    issues.add(
      "warning",
      "customers-derived",
      salesTable.name,
      null,
      null,
      `No customers table found; customers are taken from the sales table (${salesTable.name}) without demographics.`,
    );
  }
  const fromCustomersTable = customers.count;
  if (rowCount(salesTable) === 0) {
    throw new RgoError(
      "input",
      "empty-table",
      `${salesTable.name} has a header but no data rows; there is no sales data to analyse.`,
      salesTable.name,
    );
  }
  const salesRead = readSales(
    salesTable,
    salesCols,
    customers,
    stores,
    issues,
    fromCustomersTable > 0,
    moneyText(options?.currency ?? currency?.code),
    options?.weekEndsOn,
    {
      ...(options?.period !== undefined ? { period: options.period } : {}),
      ...(options?.weekStart !== undefined ? { weekStart: options.weekStart } : {}),
    },
  );
  const trimmed = dropPartialLastWeek(
    salesRead.sales,
    salesRead.calendarBuild.calendar,
    issues,
    salesTable.name,
  );
  const sales = trimmed.sales;
  const calendarBuild = { ...salesRead.calendarBuild, calendar: trimmed.calendar };
  const weeks = sales.weeks;

  let stockStats = emptyRowStats();
  let buildStock: ((storeCount: number) => ReturnType<typeof emptyStock>) | null = null;
  if (stockTable && stockCols) {
    const r = readStock(
      stockTable,
      stockCols,
      stores,
      calendarBuild.indexOf,
      weeks,
      salesRead.family,
      issues,
      calendarBuild.calendar.period?.unit,
    );
    stockStats = r.stats;
    buildStock = r.build;
  }
  const stock = buildStock ? buildStock(stores.count) : emptyStock(stores.count, weeks);
  const pipeline = readPipeline(roles.deals, roles.reps, issues, columns);

  // Per-customer fields derived from sales.
  const cust = customers.finish(customers.highValue.some((v) => v >= 0));
  const C = cust.count;
  const counts = new Int32Array(stores.count);
  for (let c = 0; c < C; c++) {
    const base = c * weeks;
    // The first week with a row, and the last with a row and spend above zero (scanned from the
    // end: most customers buy in their last weeks).
    let first = -1;
    for (let w = 0; w < weeks; w++)
      if (sales.present[base + w] === 1) {
        first = w;
        break;
      }
    let last = -1;
    if (first >= 0)
      for (let w = weeks - 1; w >= first; w--)
        if (sales.present[base + w] === 1 && sales.spendCents[base + w] > 0) {
          last = w;
          break;
        }
    cust.firstWeek[c] = first;
    cust.lastPurchaseWeek[c] = last;
    if (cust.store[c] < 0 && stores.count > 0) {
      // Most frequent store over the customer's weeks (ties: the store seen first).
      let best = -1;
      for (let w = 0; w < weeks; w++) {
        const s = sales.store[base + w];
        if (s >= 0) {
          counts[s]++;
          if (best < 0 || counts[s] > counts[best] || (counts[s] === counts[best] && s < best))
            best = s;
        }
      }
      cust.store[c] = best;
      for (let w = 0; w < weeks; w++) {
        const s = sales.store[base + w];
        if (s >= 0) counts[s] = 0;
      }
    }
  }

  const dataset: Dataset = {
    calendar: calendarBuild.calendar,
    customers: cust,
    sales,
    stores: { ids: stores.ids, indexById: stores.indexById },
    stock,
    ...(pipeline !== null ? { pipeline } : {}),
    inputCounts: {
      customers: customersTable ? rowCount(customersTable) : C,
      salesRows: rowCount(salesTable),
      stockRows: stockTable ? rowCount(stockTable) : 0,
    },
  };
  return {
    dataset,
    issues: [...detected.issues, ...issues.finish()],
    roles,
    rowStats: { customers: customerStats, sales: salesRead.stats, stock: stockStats },
    currency,
  };
}
