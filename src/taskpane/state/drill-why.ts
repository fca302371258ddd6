/**
 * The Drill-down's "why", once per customer. A gap row's why is the plain sentence about the
 * customer, its clauses joined by "; ", then "Rules: " and the rules that fired for that row
 * (explain-gaps.ts composeWhy). A customer's rows share most clauses (the shortfall in usual
 * variations, the stockouts, the last purchase) and differ in one or two (how the gap type reads
 * the drop). The pane shows the shared clauses once, as the customer's why, and lists the gap rows
 * under it, each with its type, severity, amount a period and score, the clauses only it has and
 * its own rules, instead of repeating the long text per row.
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
  /** The clauses of this row's why that not every row has ("" when none), joined by "; ". */
  own: string;
  /** The rules that fired for this row ("" when the why names none). */
  rules: string;
}

export interface CustomerWhy {
  /** The clauses every row's why has, as one sentence ("" when none). */
  why: string;
  /** The gap rows in rank order. */
  gaps: WhyGapLine[];
}

const RULES = "Rules: ";

/** A why split into its plain sentence and its rules part (after the last "Rules: "). */
export function splitWhy(why: string): { plain: string; rules: string } {
  const t = why.trim();
  const at = t.startsWith(RULES) ? 0 : t.lastIndexOf(` ${RULES}`);
  if (at < 0) return { plain: t, rules: "" };
  const start = at === 0 ? RULES.length : at + 1 + RULES.length;
  return { plain: t.slice(0, at).trim(), rules: t.slice(start).trim() };
}

/** The clauses of a plain sentence (composeWhy joins them by "; " and ends with "."). */
export function clausesOf(plain: string): string[] {
  const body = plain.endsWith(".") ? plain.slice(0, -1) : plain;
  return body === "" ? [] : body.split("; ");
}

/** A clause compared without the capital composeWhy gives the first one. */
const key = (clause: string): string => clause.charAt(0).toLowerCase() + clause.slice(1);

/** Clauses as a sentence: first letter capital, a full stop. */
function sentence(clauses: readonly string[], capital: boolean): string {
  if (clauses.length === 0) return "";
  const text = clauses.join("; ");
  return capital ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : text;
}

/** The customer's why once, and its gap rows under it (rank order). */
export function customerWhy(
  gaps: readonly Gap[],
  currency: string,
  period: PeriodUnit = "week",
): CustomerWhy {
  const per = periodWords(period).per;
  const rows = [...gaps]
    .sort((a, b) => a.rank - b.rank)
    .map((g) => {
      const { plain, rules } = splitWhy(g.why);
      return { g, rules, clauses: clausesOf(plain) };
    });
  const shared =
    rows.length === 0
      ? []
      : rows[0].clauses.filter((c) => rows.every((r) => r.clauses.some((d) => key(d) === key(c))));
  const sharedKeys = new Set(shared.map(key));
  return {
    why: sentence(shared, true),
    gaps: rows.map(({ g, rules, clauses }) => ({
      rank: g.rank,
      text: `#${g.rank} ${labelOf("gapType", g.gapType)} (${labelOf("value", g.severity).toLowerCase()}): ${formatCurrency(g.gapAmount, currency)} ${per}, score ${g.priorityScore}`,
      own: sentence(clauses.filter((c) => !sharedKeys.has(key(c))).map(key), false),
      rules,
    })),
  };
}
