/**
 * Outcome feedback on RGO Summary (issue 12): of the customers first flagged N or more runs ago,
 * how many gaps closed with an action recorded and how many without, the revenue recovered in each
 * group and the closed-gap rate. Pure. A comparison, not proof of cause: the customers someone
 * acted on were chosen, so they differ from the others in ways these figures do not see.
 *
 * N (`report.feedbackAfterRuns` in the pack) defaults to 4: a gap is judged on the pack's current
 * window (4 weeks in the built-in packs), so a customer who came back right after the first flag
 * needs about that many weekly runs before the current average stops showing the gap; judging
 * earlier counts as "not closed" customers who had no time to close.
 */
import type { SummaryBlock } from "../report/result-book";
import { actionStatusOf, GAP_CLOSED } from "./actions-columns";
import type { ActionRow, MergedActions } from "./merge-actions";

export const DEFAULT_FEEDBACK_AFTER_RUNS = 4;

export interface OutcomeGroup {
  customers: number;
  closed: number;
  /** Sum of Recovered (a week) over the closed customers of the group, in dollars. */
  recovered: number;
  /** closed / customers (0 when there are none). */
  closedRate: number;
}

export interface OutcomeFeedback {
  afterRuns: number;
  withAction: OutcomeGroup;
  withoutAction: OutcomeGroup;
  all: OutcomeGroup;
}

const isBlank = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/**
 * An action is recorded on a row when "Action taken" holds anything or the status is
 * "in progress" or "done" ("open", "won't act", blank or unknown text are no action).
 */
export function actionRecorded(row: Pick<ActionRow, "user">): boolean {
  const status = actionStatusOf(row.user.status);
  return !isBlank(row.user.action) || status === "in progress" || status === "done";
}

function group(rows: readonly ActionRow[]): OutcomeGroup {
  let closed = 0;
  let recoveredCents = 0;
  for (const r of rows)
    if (r.gapNow === GAP_CLOSED) {
      closed++;
      recoveredCents += Math.round((r.recovered ?? 0) * 100);
    }
  return {
    customers: rows.length,
    closed,
    recovered: recoveredCents / 100,
    closedRate: rows.length === 0 ? 0 : closed / rows.length,
  };
}

/** The feedback over the merged rows: each customer once (its first row), first flagged >= N runs ago. */
export function outcomeFeedback(rows: readonly ActionRow[], afterRuns: number): OutcomeFeedback {
  const cohort = rows.filter(
    (r) => r.customerId !== null && r.duplicateOf === null && (r.runs ?? 0) >= afterRuns,
  );
  const withAction = cohort.filter(actionRecorded);
  const withoutAction = cohort.filter((r) => !actionRecorded(r));
  return {
    afterRuns,
    withAction: group(withAction),
    withoutAction: group(withoutAction),
    all: group(cohort),
  };
}

/** RGO Summary's "Actions and outcomes" section. */
export function feedbackBlocks(merged: MergedActions, f: OutcomeFeedback): SummaryBlock[] {
  const tracked = merged.rows.filter((r) => r.customerId !== null && r.duplicateOf === null);
  const open = tracked.filter((r) => r.gapNow !== GAP_CLOSED).length;
  const runs = f.afterRuns === 1 ? "1 run" : `${f.afterRuns} runs`;
  const row = (label: string, g: OutcomeGroup): (string | number)[] => [
    label,
    g.customers,
    g.closed,
    g.customers - g.closed,
    g.closedRate,
    g.recovered,
  ];
  return [
    { kind: "heading", text: "Actions and outcomes", level: 2 },
    {
      kind: "figures",
      items: [
        { label: "Customers on RGO Actions", value: tracked.length, format: "integer" },
        { label: "Gap still flagged", value: open, format: "integer" },
        { label: "Gap closed", value: tracked.length - open, format: "integer" },
        { label: "Added in this run", value: merged.counts.added, format: "integer" },
        { label: "Closed in this run", value: merged.counts.closedThisRun, format: "integer" },
        { label: "Flagged again after closing", value: merged.counts.reopened, format: "integer" },
      ],
    },
    {
      kind: "paragraph",
      text: `Customers first flagged ${runs} or more ago (${f.all.customers}): ${f.all.closed} gaps closed, ${f.withAction.closed} with an action recorded and ${f.withoutAction.closed} without. An action is recorded when "Action taken" is filled in or the status is "in progress" or "done". Recovered (a week) = the customer's weekly spend now minus at the first flag (the average over the pack's current window), summed over the closed gaps.`,
    },
    {
      kind: "table",
      table: {
        name: "RGO_Summary_Outcomes",
        columns: [
          { header: "Customers first flagged " + runs + " or more ago", format: "text" },
          { header: "Customers", format: "integer" },
          { header: "Gap closed", format: "integer" },
          { header: "Still flagged", format: "integer" },
          { header: "Closed-gap rate", format: "percent" },
          { header: "Recovered a week (closed gaps)", format: "currency" },
        ],
        rows: [
          row("With an action recorded", f.withAction),
          row("Without an action recorded", f.withoutAction),
          row("All", f.all),
        ],
      },
    },
    {
      kind: "paragraph",
      text: "This is not proof that the actions caused the recoveries: the customers someone acted on were chosen, and gaps also close without any action (seasonality, a restocked shelf, noise). Read it as a comparison to follow over time.",
    },
  ];
}
