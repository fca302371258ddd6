/**
 * The money part of RGO Summary: revenue at risk (each customer once) by root cause, by primary
 * gap type, by priority band and by segment, exposure by tier and cause, the top customers and the
 * top gap rows, each table followed by a "Total" line that is the exact sum of the table's
 * displayed (rounded) rows, plus the charts over the two headline breakdowns.
 *
 * Totals sit in a figures block right under their table (not as a table row) so charts drawn over
 * a table never show a "Total" bar.
 */
import type { AnalysisResult, CustomerResult } from "../analysis-result";
import type { ResultCell, ResultChart, ResultColumn, SummaryBlock } from "./result-book";
import { SEGMENTS } from "../registry/customer-facts";
import { priorityBands } from "../stages/priority-band";
import { cents } from "./summary-json";
import { capitalised, labelOf } from "../registry/labels";

const col = (header: string, format: ResultColumn["format"], width?: number): ResultColumn =>
  width === undefined ? { header, format } : { header, format, width };

/** Sum of displayed money cells, in exact cents, back to dollars. */
export function footCents(values: readonly ResultCell[]): number {
  let c = 0;
  for (const v of values) if (typeof v === "number") c += Math.round(v * 100);
  return c / 100;
}

/** Table name for a segment's breakdown (letters, digits, underscores). */
export const segmentTableName = (segment: string): string =>
  `RGO_Summary_Seg_${segment.replace(/[^A-Za-z0-9_]/g, "_")}`;

/** "the top 20 gap rows" / "all customers" ... for the pack's recovery scope. */
export function recoveryScopeLabel(result: AnalysisResult): string {
  const n = result.portfolio.topN;
  switch (result.parameters.recovery.scope) {
    case "all":
      return "all gap rows";
    case "top-n-customers":
      return `top ${n} customers`;
    case "all-customers":
      return "all customers";
    default:
      return `top ${n} gap rows`;
  }
}

/** The per-customer money columns, in the order RGO Customers and the summary's top list show them. */
export const CUSTOMER_MONEY_COLUMNS: readonly ResultColumn[] = [
  col("Customer", "text"),
  col("Primary gap type", "text"),
  col("Priority band", "text"),
  col("Priority score", "score"),
  col("Revenue at risk", "currency"),
  col("Exposure", "currency"),
  col("Recovery potential", "currency"),
  col("Root cause", "text"),
];

/** One customer's cells for CUSTOMER_MONEY_COLUMNS in words (no priority score without a gap). */
export const customerMoneyCells = (c: CustomerResult): ResultCell[] => [
  c.customerId,
  c.primaryGapType === null ? null : labelOf("gapType", c.primaryGapType),
  c.priorityBand === null ? null : capitalised(c.priorityBand),
  c.gapCount > 0 ? c.priorityScore : null,
  cents(c.revenueAtRisk),
  cents(c.exposure),
  cents(c.recoveryPotential),
  c.rootCause === null ? null : labelOf("cause", c.rootCause),
];

/** Customers with gaps in the order of their best-ranked row. */
export function rankedCustomers(result: AnalysisResult): CustomerResult[] {
  return result.customers.filter((c) => c.gapCount > 0).sort((a, b) => a.bestRank - b.bestRank);
}

interface Breakdown {
  title: string;
  name: string;
  label: string;
  /** Category -> [customers, revenue at risk cents]. */
  key: (c: CustomerResult) => string;
  /** Categories with a natural order (priority bands, segment values): listed first, in this order. */
  order?: readonly string[];
}

/** "structuralTier" -> "structural tier" for headings. */
const words = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

function breakdownBlocks(customers: readonly CustomerResult[], b: Breakdown): SummaryBlock[] {
  const groups = new Map<string, { n: number; cents: number }>();
  for (const c of customers) {
    const k = b.key(c);
    const g = groups.get(k) ?? { n: 0, cents: 0 };
    g.n++;
    g.cents += Math.round(cents(c.revenueAtRisk) * 100);
    groups.set(k, g);
  }
  const rank = (k: string): number => {
    const i = b.order?.indexOf(k) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const rows: ResultCell[][] = [...groups.entries()]
    .sort((x, y) => rank(x[0]) - rank(y[0]) || y[1].cents - x[1].cents)
    .map(([k, g]) => [k, g.n, g.cents / 100]);
  return [
    { kind: "heading", text: b.title, level: 2 },
    {
      kind: "table",
      table: {
        name: b.name,
        columns: [
          col(b.label, "text"),
          col("Customers", "integer"),
          col("Revenue at risk", "currency"),
        ],
        rows,
      },
    },
    {
      kind: "figures",
      items: [
        {
          label: "Total customers",
          value: rows.reduce((a, r) => a + Number(r[1]), 0),
          format: "integer",
        },
        {
          label: "Total revenue at risk",
          value: footCents(rows.map((r) => r[2])),
          format: "currency",
        },
      ],
    },
  ];
}

/** Money blocks and charts of RGO Summary (see the module comment). */
export function moneyBlocks(result: AnalysisResult): {
  blocks: SummaryBlock[];
  charts: ResultChart[];
} {
  const s = result.portfolio;
  const customers = rankedCustomers(result);
  const blocks: SummaryBlock[] = [];
  blocks.push(
    ...breakdownBlocks(customers, {
      title: "Revenue at risk by root cause",
      name: "RGO_Summary_RiskCause",
      label: "Root cause",
      key: (c) => c.rootCause ?? "unknown",
    }),
    ...breakdownBlocks(customers, {
      title: "Revenue at risk by primary gap type",
      name: "RGO_Summary_RiskType",
      label: "Primary gap type",
      key: (c) => c.primaryGapType ?? "unknown",
    }),
    ...breakdownBlocks(customers, {
      title: "Revenue at risk by priority band",
      name: "RGO_Summary_RiskBand",
      label: "Priority band",
      key: (c) => c.priorityBand ?? "unknown",
      order: priorityBands(result.parameters.scoring).map((band) => band.label),
    }),
  );
  for (const seg of Object.keys(s.revenueAtRiskBySegment)) {
    blocks.push(
      ...breakdownBlocks(customers, {
        title: `Revenue at risk by ${words(seg)}`,
        name: segmentTableName(seg),
        label: words(seg).replace(/^./, (ch) => ch.toUpperCase()),
        key: (c) => String(c.facts[seg] ?? ""),
        ...(SEGMENTS[seg] !== undefined ? { order: [...SEGMENTS[seg].values].reverse() } : {}),
      }),
    );
  }
  if (result.parameters.exposure.enabled) {
    for (const [title, name, label, key] of [
      [
        "Exposure by tier",
        "RGO_Summary_Tier",
        "Tier",
        (c: CustomerResult) => String(c.facts.customerTier ?? "standard"),
      ],
      [
        "Exposure by root cause",
        "RGO_Summary_Cause",
        "Root cause",
        (c: CustomerResult) => c.rootCause ?? "unknown",
      ],
    ] as const) {
      const map = new Map<string, number>();
      for (const c of customers)
        map.set(key(c), (map.get(key(c)) ?? 0) + Math.round(cents(c.exposure) * 100));
      const rows: ResultCell[][] = [...map.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => [k, v / 100]);
      blocks.push(
        { kind: "heading", text: title, level: 2 },
        {
          kind: "table",
          table: { name, columns: [col(label, "text"), col("Exposure", "currency")], rows },
        },
        {
          kind: "figures",
          items: [
            {
              label: "Total exposure",
              value: footCents(rows.map((r) => r[1])),
              format: "currency",
            },
          ],
        },
      );
    }
  }
  const topCustomers = customers.slice(0, s.topN);
  const topRows: ResultCell[][] = topCustomers.map((c) => [c.bestRank, ...customerMoneyCells(c)]);
  blocks.push(
    { kind: "heading", text: `Top ${s.topN} customers (each customer once)`, level: 2 },
    {
      kind: "table",
      table: {
        name: "RGO_Summary_TopCustomers",
        columns: [col("Best rank", "integer"), ...CUSTOMER_MONEY_COLUMNS],
        rows: topRows,
      },
    },
    {
      kind: "figures",
      items: [
        {
          label: `Total revenue at risk, top ${s.topN} customers`,
          value: footCents(topRows.map((r) => r[5])),
          format: "currency",
        },
        {
          label: `Total exposure, top ${s.topN} customers`,
          value: footCents(topRows.map((r) => r[6])),
          format: "currency",
        },
        {
          label: `Total recovery potential, top ${s.topN} customers`,
          value: footCents(topRows.map((r) => r[7])),
          format: "currency",
        },
      ],
    },
  );
  const charts: ResultChart[] = [
    {
      title: "Revenue at risk by root cause",
      table: "RGO_Summary_RiskCause",
      categoryColumn: 0,
      valueColumn: 2,
      kind: "pie",
    },
    {
      title: "Revenue at risk by primary gap type",
      table: "RGO_Summary_RiskType",
      categoryColumn: 0,
      valueColumn: 2,
      kind: "bar",
    },
  ];
  return { blocks, charts };
}
