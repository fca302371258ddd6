/**
 * Metadata registry of the input columns: one entry per canonical column, with the role (table)
 * it belongs to, its value type, the header synonyms accepted, and whether it is required.
 * Headers match case-, space-, underscore-, hyphen- and dot-insensitively (see `normalizeHeader`);
 * synonyms are tried in the order listed, so the first listed wins when a table has several.
 */
import type { Role } from "./role";

/** "date": a calendar date; "list": `; `-separated text items. */
export type ColumnType =
  "id" | "week" | "money" | "number" | "boolean" | "text" | "rate" | "date" | "list";

export interface ColumnSpec {
  role: Role;
  /** Canonical name used by the code. */
  key: string;
  /** Label for messages ("customer id"). */
  label: string;
  type: ColumnType;
  synonyms: readonly string[];
  required: boolean;
  /** Stock measures: at least one column of the group is required. */
  group?: "stock-measure";
}

/** Lower-case and drop spaces, underscores, hyphens and dots: "Customer ID" -> "customerid". */
export function normalizeHeader(h: string): string {
  return h.toLowerCase().replace(/[\s_\-.]+/g, "");
}

const CUSTOMER_ID = [
  "customer_id",
  "customer",
  "cust_id",
  "client_id",
  "account_id",
  "household_key",
  "customerid",
  "household_id",
  "client",
] as const;
const WEEK = [
  "week_start_date",
  "week_start",
  "week",
  "week_of",
  "date",
  "order_date",
  "period",
  "transaction_date",
  "invoice_date",
  "purchase_date",
  "transaction_timestamp",
] as const;
const STORE = ["store_id", "store", "location", "store_number", "location_id"] as const;
const AGE = ["age"] as const;
const HOUSEHOLD = ["household_size", "hh_size", "household_members"] as const;
const LOYALTY = ["loyalty_member", "loyalty", "is_loyalty_member", "member"] as const;
const SEGMENT = ["region", "segment", "country", "customer_segment", "market"] as const;
const HIGH_VALUE = ["is_high_value_customer", "high_value_customer", "high_value"] as const;

function customerAttributes(role: Role): ColumnSpec[] {
  return [
    { role, key: "age", label: "age", type: "number", synonyms: AGE, required: false },
    {
      role,
      key: "householdSize",
      label: "household size",
      type: "number",
      synonyms: HOUSEHOLD,
      required: false,
    },
    {
      role,
      key: "loyalty",
      label: "loyalty member",
      type: "boolean",
      synonyms: LOYALTY,
      required: false,
    },
    {
      role,
      key: "segment",
      label: "region / segment",
      type: "text",
      synonyms: SEGMENT,
      required: false,
    },
    {
      role,
      key: "highValue",
      label: "high-value flag",
      type: "boolean",
      synonyms: HIGH_VALUE,
      required: false,
    },
  ];
}

export const COLUMN_REGISTRY: readonly ColumnSpec[] = [
  // customers
  {
    role: "customers",
    key: "customerId",
    label: "customer id",
    type: "id",
    synonyms: CUSTOMER_ID,
    required: true,
  },
  {
    role: "customers",
    key: "store",
    label: "store id",
    type: "id",
    synonyms: STORE,
    required: false,
  },
  ...customerAttributes("customers"),
  // weekly sales
  {
    role: "sales",
    key: "customerId",
    label: "customer id",
    type: "id",
    synonyms: CUSTOMER_ID,
    required: true,
  },
  { role: "sales", key: "week", label: "week", type: "week", synonyms: WEEK, required: true },
  {
    role: "sales",
    key: "revenue",
    label: "revenue",
    type: "money",
    synonyms: [
      "weekly_spend",
      "revenue",
      "sales",
      "amount",
      "spend",
      "net_sales",
      "sales_value",
      "value",
      "dollar_value",
      "sale_amount",
      "sales_amount",
      "total",
    ],
    required: true,
  },
  { role: "sales", key: "store", label: "store id", type: "id", synonyms: STORE, required: false },
  {
    role: "sales",
    key: "units",
    label: "units",
    type: "number",
    synonyms: ["units", "quantity", "qty", "number_of_cds"],
    required: false,
  },
  {
    role: "sales",
    key: "sku",
    label: "sku / category",
    type: "text",
    synonyms: ["sku", "product_id", "product", "category", "item", "stock_code", "item_id"],
    required: false,
  },
  {
    role: "sales",
    key: "transaction",
    label: "transaction id",
    type: "text",
    synonyms: ["transaction_id", "basket_id", "invoice_no", "invoice", "order_id", "receipt_id"],
    required: false,
  },
  ...customerAttributes("sales"),
  // stock
  { role: "stock", key: "store", label: "store id", type: "id", synonyms: STORE, required: true },
  { role: "stock", key: "week", label: "week", type: "week", synonyms: WEEK, required: true },
  {
    role: "stock",
    key: "sku",
    label: "sku",
    type: "text",
    synonyms: ["sku", "product_id", "product", "item", "item_id", "stock_code"],
    required: false,
  },
  {
    role: "stock",
    key: "onHand",
    label: "on-hand units",
    type: "number",
    synonyms: [
      "on_hand_units",
      "on_hand",
      "stock_on_hand",
      "inventory",
      "on_hand_qty",
      "stock_level",
    ],
    required: false,
    group: "stock-measure",
  },
  {
    role: "stock",
    key: "inStockFlag",
    label: "in-stock flag",
    type: "boolean",
    synonyms: ["in_stock", "in_stock_flag", "is_in_stock", "in_stock_all_week", "available"],
    required: false,
    group: "stock-measure",
  },
  {
    role: "stock",
    key: "stockoutDays",
    label: "stockout days",
    type: "number",
    synonyms: ["stockout_days", "stock_out_days", "days_out_of_stock", "out_of_stock_days"],
    required: false,
    group: "stock-measure",
  },
  {
    role: "stock",
    key: "inStockRate",
    label: "in-stock rate",
    type: "rate",
    synonyms: [
      "in_stock_rate",
      "in_stock_rate_6_22",
      "availability_rate",
      "in_stock_pct",
      "availability",
    ],
    required: false,
    group: "stock-measure",
  },
  {
    role: "stock",
    key: "onOrder",
    label: "on-order units",
    type: "number",
    synonyms: ["on_order_units", "on_order"],
    required: false,
  },
  {
    role: "stock",
    key: "avgDemand",
    label: "average weekly demand",
    type: "number",
    synonyms: ["avg_weekly_demand", "average_weekly_demand", "weekly_demand"],
    required: false,
  },
  // deals
  {
    role: "deals",
    key: "dealId",
    label: "deal id",
    type: "id",
    synonyms: ["deal_id", "opportunity_id", "deal", "opportunity"],
    required: true,
  },
  {
    role: "deals",
    key: "repId",
    label: "rep id",
    type: "id",
    synonyms: ["rep_id", "sales_agent", "agent", "owner", "rep", "sales_rep"],
    required: true,
  },
  {
    role: "deals",
    key: "stage",
    label: "stage",
    type: "text",
    synonyms: ["stage", "deal_stage"],
    required: true,
  },
  {
    role: "deals",
    key: "value",
    label: "deal value",
    type: "money",
    synonyms: ["deal_value_usd", "deal_value", "value", "amount", "close_value"],
    required: false,
  },
  {
    role: "deals",
    key: "probability",
    label: "probability",
    type: "rate",
    synonyms: ["probability", "win_probability", "deal_probability"],
    required: false,
  },
  {
    role: "deals",
    key: "daysInStage",
    label: "days in stage",
    type: "number",
    synonyms: ["days_in_stage", "stage_age_days", "days_in_current_stage"],
    required: false,
  },
  {
    role: "deals",
    key: "createdDate",
    label: "created date",
    type: "date",
    synonyms: ["created_date", "engage_date", "create_date", "created"],
    required: false,
  },
  {
    role: "deals",
    key: "expectedCloseDate",
    label: "expected close date",
    type: "date",
    synonyms: ["expected_close_date", "expected_close", "close_date_expected"],
    required: false,
  },
  {
    role: "deals",
    key: "closeDate",
    label: "close date",
    type: "date",
    synonyms: ["close_date", "closed_date", "actual_close_date"],
    required: false,
  },
  {
    role: "deals",
    key: "riskFlags",
    label: "risk flags",
    type: "list",
    synonyms: ["risk_flags", "risks", "risk_flag"],
    required: false,
  },
  {
    role: "deals",
    key: "competitors",
    label: "competitors",
    type: "list",
    synonyms: ["competitors", "competitor"],
    required: false,
  },
  {
    role: "deals",
    key: "status",
    label: "status",
    type: "text",
    synonyms: ["status", "deal_status"],
    required: false,
  },
  // reps
  {
    role: "reps",
    key: "repId",
    label: "rep id",
    type: "id",
    synonyms: ["rep_id", "sales_agent", "agent", "rep", "owner", "sales_rep"],
    required: true,
  },
  {
    role: "reps",
    key: "name",
    label: "name",
    type: "text",
    synonyms: ["name", "rep_name"],
    required: false,
  },
  {
    role: "reps",
    key: "quota",
    label: "quota",
    type: "money",
    synonyms: ["quota_usd", "quota", "annual_quota"],
    required: false,
  },
  {
    role: "reps",
    key: "ytdRevenue",
    label: "year-to-date revenue",
    type: "money",
    synonyms: [
      "year_to_date_revenue_usd",
      "ytd_revenue",
      "ytd_revenue_usd",
      "year_to_date_revenue",
    ],
    required: false,
  },
  {
    role: "reps",
    key: "closeRate",
    label: "close rate",
    type: "rate",
    synonyms: ["close_rate", "win_rate"],
    required: false,
  },
  {
    role: "reps",
    key: "region",
    label: "region",
    type: "text",
    synonyms: ["region", "regional_office", "team", "territory"],
    required: false,
  },
  {
    role: "reps",
    key: "manager",
    label: "manager",
    type: "text",
    synonyms: ["manager", "sales_manager"],
    required: false,
  },
];

/** The registry entries of one role. */
export function columnsOf(role: Role): ColumnSpec[] {
  return COLUMN_REGISTRY.filter((c) => c.role === role);
}
