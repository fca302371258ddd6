/**
 * RGO Summary's breakdowns: revenue at risk by one dimension per table (cause, gap type, priority
 * band, each segment the pack sets, each customer attribute it rolls up by), each table with
 * several rows. A dimension with one value only is not a table: it goes into one sentence ("Every
 * customer with a gap has the same gap type: Revenue gap."). Values are in words (label registry);
 * rows are sorted by revenue at risk, the page's one sort order, except the rollups' ordered bands
 * (age band, income, household size), which keep their band order (stages/segment-rollups.ts).
 * Each table is followed by its totals, the exact sums of its displayed rows.
 */
import type { AnalysisResult, CustomerResult } from "../../analysis-result";
import { labelOf } from "../../registry/labels";
import { ROLLUP_LABELS } from "../../stages/segment-rollups";
import { footCents } from "../money-blocks";
import type { ResultCell, ResultChart, ResultColumn, SummaryBlock } from "../result-book";
import { cents } from "../summary-json";
import { centsOf, col, type PageUnits } from "./page-units";

/** Table name of a segment's breakdown (letters, digits, underscores). */
export const segmentTableName = (segment: string): string =>
  `RGO_Summary_Seg_${segment.replace(/[^A-Za-z0-9_]/g, "_")}`;

/** Table name of an attribute's rollup (letters, digits, underscores). */
export const rollupTableName = (attribute: string): string =>
  `RGO_Summary_By_${attribute.replace(/[^A-Za-z0-9_]/g, "_")}`;

export const CAUSE_TABLE = "RGO_Summary_RiskCause";
export const GAP_TYPE_TABLE = "RGO_Summary_RiskType";
export const BAND_TABLE = "RGO_Summary_RiskBand";

const capital = (s: string): string => (s.length === 0 ? s : s[0].toUpperCase() + s.slice(1));

/** A dimension of the customers with gaps. */
interface Dimension {
  /** "cause", "value tier": the dimension in words, lower case. */
  words: string;
  table: string;
  key: (c: CustomerResult) => string;
  /** The value in words. */
  label: (key: string) => string;
}

/** A dimension with one value only, said in a sentence instead of a table. */
interface Single {
  words: string;
  value: string;
  /** The attribute rollups count every customer, the others the customers with gaps. */
  allCustomers: boolean;
}

export interface Breakdowns {
  blocks: SummaryBlock[];
  /** Tables written (name -> dimension words), for the charts. */
  tables: Map<string, string>;
}

function dimensions(result: AnalysisResult): Dimension[] {
  const dims: Dimension[] = [
    {
      words: "cause",
      table: CAUSE_TABLE,
      key: (c) => c.rootCause ?? "none",
      label: (k) => labelOf("cause", k),
    },
    {
      words: "gap type",
      table: GAP_TYPE_TABLE,
      key: (c) => c.primaryGapType ?? "",
      label: (k) => labelOf("gapType", k),
    },
    {
      words: "priority band",
      table: BAND_TABLE,
      key: (c) => c.priorityBand ?? "",
      // The pack's own words.
      label: (k) => k,
    },
  ];
  for (const seg of Object.keys(result.portfolio.revenueAtRiskBySegment))
    dims.push({
      words: labelOf("fact", seg).toLowerCase(),
      table: segmentTableName(seg),
      key: (c) => String(c.facts[seg] ?? ""),
      label: (k) => (k === "" ? "Not set" : labelOf("value", k)),
    });
  return dims;
}

function dimensionBlocks(
  customers: readonly CustomerResult[],
  d: Dimension,
  exposure: boolean,
  totalCents: number,
  units: PageUnits,
): SummaryBlock[] | Single | null {
  const groups = new Map<string, { n: number; cents: number; exposure: number }>();
  for (const c of customers) {
    const k = d.key(c);
    const g = groups.get(k) ?? { n: 0, cents: 0, exposure: 0 };
    g.n++;
    g.cents += centsOf(c.revenueAtRisk);
    g.exposure += centsOf(c.exposure);
    groups.set(k, g);
  }
  if (groups.size === 0) return null;
  if (groups.size === 1) {
    const [k] = groups.keys();
    return { words: d.words, value: d.label(k), allCustomers: false };
  }
  const rows: ResultCell[][] = [...groups.entries()]
    .map(([k, g]) => ({ label: d.label(k), ...g }))
    .sort((x, y) => y.cents - x.cents || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0))
    .map((g) => [
      g.label,
      g.n,
      g.cents / 100,
      totalCents > 0 ? g.cents / totalCents : 0,
      ...(exposure ? [g.exposure / 100] : []),
    ]);
  const columns: ResultColumn[] = [
    col(capital(d.words), "text"),
    col("Customers", "integer"),
    col(`Revenue at risk ${units.per}`, "currency"),
    col("Share of revenue at risk", "percent"),
    ...(exposure ? [col(`Exposure ${units.per}`, "currency")] : []),
  ];
  return [
    { kind: "heading", text: `Revenue at risk by ${d.words}`, level: 2 },
    { kind: "table", table: { name: d.table, columns, rows } },
    {
      kind: "figures",
      items: [
        {
          label: "Total customers",
          value: rows.reduce((a, r) => a + Number(r[1]), 0),
          format: "integer",
        },
        {
          label: `Total revenue at risk ${units.per}`,
          value: footCents(rows.map((r) => r[2])),
          format: "currency",
        },
      ],
    },
  ];
}

/** The rollup of one customer attribute (every customer analysed, with or without a gap). */
function rollupBlocks(
  r: NonNullable<AnalysisResult["rollups"]>[number],
  exposure: boolean,
  units: PageUnits,
): SummaryBlock[] | Single | null {
  const words = ROLLUP_LABELS[r.attribute];
  if (r.rows.length === 0) return null;
  if (r.rows.length === 1) return { words, value: r.rows[0].value, allCustomers: true };
  const totalRisk = r.rows.reduce((a, x) => a + centsOf(x.revenueAtRisk), 0);
  // The values are the input's own words (regions, stores, bands), shown as read.
  const rows: ResultCell[][] = r.rows.map((x) => [
    x.value,
    x.customers,
    x.customersWithGaps,
    cents(x.revenueAtRisk),
    totalRisk > 0 ? centsOf(x.revenueAtRisk) / totalRisk : 0,
    ...(exposure ? [cents(x.exposure)] : []),
  ]);
  const sum = (i: number): number => rows.reduce((a, row) => a + Number(row[i]), 0);
  return [
    { kind: "heading", text: `Revenue at risk by ${words}`, level: 2 },
    {
      kind: "table",
      table: {
        name: rollupTableName(r.attribute),
        columns: [
          col(capital(words), "text"),
          col("Customers", "integer"),
          col("Customers with gaps", "integer"),
          col(`Revenue at risk ${units.per}`, "currency"),
          col("Share of revenue at risk", "percent"),
          ...(exposure ? [col(`Exposure ${units.per}`, "currency")] : []),
        ],
        rows,
      },
    },
    {
      kind: "figures",
      items: [
        { label: "Total customers", value: sum(1), format: "integer" },
        { label: "Total customers with gaps", value: sum(2), format: "integer" },
        {
          label: `Total revenue at risk ${units.per}`,
          value: footCents(rows.map((row) => row[3])),
          format: "currency",
        },
      ],
    },
  ];
}

/** "the same cause (Stockout) and gap type (Revenue gap)". */
function sameText(singles: readonly Single[]): string {
  const parts = singles.map((s) => `${s.words} (${s.value})`);
  return parts.length === 1
    ? parts[0]
    : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** The breakdown section (empty when no customer has a gap). */
export function breakdownBlocks(
  result: AnalysisResult,
  customers: readonly CustomerResult[],
  units: PageUnits,
): Breakdowns {
  const tables = new Map<string, string>();
  if (customers.length === 0) return { blocks: [], tables };
  const exposure = result.parameters.exposure.enabled;
  const totalCents = customers.reduce((a, c) => a + centsOf(c.revenueAtRisk), 0);
  const tableBlocks: SummaryBlock[] = [];
  const singles: Single[] = [];
  const add = (out: SummaryBlock[] | Single | null, table: string, words: string): void => {
    if (out === null) return;
    if (Array.isArray(out)) {
      tableBlocks.push(...out);
      tables.set(table, words);
    } else singles.push(out);
  };
  for (const d of dimensions(result))
    add(dimensionBlocks(customers, d, exposure, totalCents, units), d.table, d.words);
  for (const r of result.rollups ?? [])
    add(rollupBlocks(r, exposure, units), rollupTableName(r.attribute), ROLLUP_LABELS[r.attribute]);
  const sentences: string[] = [];
  const withGaps = singles.filter((s) => !s.allCustomers);
  const everyone = singles.filter((s) => s.allCustomers);
  if (withGaps.length > 0)
    sentences.push(
      `${customers.length === 1 ? "The one customer with a gap has" : `All ${customers.length.toLocaleString("en-US")} customers with a gap have`} the same ${sameText(withGaps)}.`,
    );
  if (everyone.length > 0)
    sentences.push(
      `All ${result.customers.length.toLocaleString("en-US")} customers analysed have the same ${sameText(everyone)}.`,
    );
  return {
    blocks: [
      ...(sentences.length > 0 ? [{ kind: "paragraph" as const, text: sentences.join(" ") }] : []),
      ...tableBlocks,
    ],
    tables,
  };
}

/**
 * Two charts over the breakdown tables: a pie of revenue at risk by cause (by gap type when every
 * customer has the same cause), and bars by segment: value tier, else the first segment or
 * customer attribute with several values, else the gap type or priority band table left.
 */
export function breakdownCharts(b: Breakdowns, units: PageUnits): ResultChart[] {
  const charts: ResultChart[] = [];
  const chart = (table: string, kind: ResultChart["kind"]): ResultChart => ({
    title: `Revenue at risk by ${b.tables.get(table) ?? "segment"} (${units.per})`,
    table,
    categoryColumn: 0,
    // Rollups have "Customers with gaps" before the money.
    valueColumn: table.startsWith("RGO_Summary_By_") ? 3 : 2,
    kind,
  });
  const pie = [CAUSE_TABLE, GAP_TYPE_TABLE].find((t) => b.tables.has(t));
  if (pie !== undefined) charts.push(chart(pie, "pie"));
  const names = [...b.tables.keys()];
  const bar = [
    segmentTableName("valueTier"),
    ...names.filter((t) => t.startsWith("RGO_Summary_Seg_") || t.startsWith("RGO_Summary_By_")),
    GAP_TYPE_TABLE,
    BAND_TABLE,
  ].find((t) => t !== pie && b.tables.has(t));
  if (bar !== undefined) charts.push(chart(bar, "bar"));
  return charts;
}
