/**
 * The segment-rollup part of RGO Summary: one table per customer attribute the pack rolls up by
 * ("Revenue at risk by age band": value, customers, customers with gaps, revenue at risk,
 * exposure, share of revenue at risk), each followed by its totals, which foot to the headline
 * figures (each customer once, exact cents; see stages/segment-rollups.ts).
 */
import type { AnalysisResult } from "../analysis-result";
import { ROLLUP_LABELS } from "../stages/segment-rollups";
import type { ResultCell, SummaryBlock } from "./result-book";
import { footCents } from "./money-blocks";

/** Table name of an attribute's rollup (letters, digits, underscores). */
export const rollupTableName = (attribute: string): string =>
  `RGO_Summary_By_${attribute.replace(/[^A-Za-z0-9_]/g, "_")}`;

/** The rollup blocks (none when the pack asks for no rollups or the input has no attribute). */
export function rollupBlocks(result: AnalysisResult): SummaryBlock[] {
  const blocks: SummaryBlock[] = [];
  for (const r of result.rollups ?? []) {
    const words = ROLLUP_LABELS[r.attribute];
    const totalRisk = r.rows.reduce((a, x) => a + Math.round(x.revenueAtRisk * 100), 0);
    const rows: ResultCell[][] = r.rows.map((x) => [
      x.value,
      x.customers,
      x.customersWithGaps,
      x.revenueAtRisk,
      x.exposure,
      totalRisk > 0 ? Math.round(x.revenueAtRisk * 100) / totalRisk : 0,
    ]);
    const sum = (i: number): number => rows.reduce((a, row) => a + Number(row[i]), 0);
    blocks.push(
      { kind: "heading", text: `Revenue at risk by ${words}`, level: 2 },
      {
        kind: "table",
        table: {
          name: rollupTableName(r.attribute),
          columns: [
            { header: words[0].toUpperCase() + words.slice(1), format: "text" },
            { header: "Customers", format: "integer" },
            { header: "Customers with gaps", format: "integer" },
            { header: "Revenue at risk", format: "currency" },
            { header: "Exposure", format: "currency" },
            { header: "Share of revenue at risk", format: "percent" },
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
            label: "Total revenue at risk",
            value: footCents(rows.map((row) => row[3])),
            format: "currency",
          },
          {
            label: "Total exposure",
            value: footCents(rows.map((row) => row[4])),
            format: "currency",
          },
        ],
      },
    );
  }
  return blocks;
}
