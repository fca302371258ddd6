/**
 * The Drill-down's "why", once per customer: a gap row's why is the plain sentence about the
 * customer (the same for each of its rows) followed by "Rules: " and the rules that fired for that
 * row (explain-gaps.ts composeWhy). The pane shows each distinct plain sentence once, with the gap
 * rows it explains as a short list under it (type, severity, amount a period, score and their
 * own rules), instead of repeating the long text per row.
 */
import { formatCurrency } from "../../engine/currency";
import { periodWords, type PeriodUnit } from "../../engine/input/period";
import { labelOf } from "../../engine/registry/labels";
import type { CustomerDetail } from "../worker/protocol";

type Gap = CustomerDetail["gaps"][number];

export interface WhyGapLine {
  rank: number;
  /** "#1 Below baseline (high): $186.26 a week, score 8.35" */
  text: string;
  /** The rules that fired for this row ("" when the why names none). */
  rules: string;
}

export interface WhyBlock {
  /** The plain sentence ("" when a row's why has only rules). */
  why: string;
  gaps: WhyGapLine[];
}

const RULES = " Rules: ";

/** A why split into its plain sentence and its rules part (after the last " Rules: "). */
export function splitWhy(why: string): { plain: string; rules: string } {
  const at = why.startsWith("Rules: ") ? 0 : why.lastIndexOf(RULES);
  if (at < 0) return { plain: why.trim(), rules: "" };
  const rulesStart = at === 0 && why.startsWith("Rules: ") ? "Rules: ".length : at + RULES.length;
  return { plain: why.slice(0, at).trim(), rules: why.slice(rulesStart).trim() };
}

/** The gap rows grouped under their distinct plain whys (first appearance order, rows in rank order). */
export function whyBlocks(
  gaps: readonly Gap[],
  currency: string,
  period: PeriodUnit = "week",
): WhyBlock[] {
  const per = periodWords(period).per;
  const blocks: WhyBlock[] = [];
  const byWhy = new Map<string, WhyBlock>();
  for (const g of [...gaps].sort((a, b) => a.rank - b.rank)) {
    const { plain, rules } = splitWhy(g.why);
    let block = byWhy.get(plain);
    if (block === undefined) {
      block = { why: plain, gaps: [] };
      byWhy.set(plain, block);
      blocks.push(block);
    }
    block.gaps.push({
      rank: g.rank,
      text: `#${g.rank} ${labelOf("gapType", g.gapType)} (${labelOf("value", g.severity).toLowerCase()}): ${formatCurrency(g.gapAmount, currency)} ${per}, score ${g.priorityScore}`,
      rules,
    });
  }
  return blocks;
}
