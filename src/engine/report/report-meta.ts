/** Run metadata the reports need besides the analysis result. */
import type { RulePack } from "../../rules/rule-pack";
import type { Issue } from "../issue";
import type { ResultSheet, SummaryBlock } from "./result-book";

export interface ReportMeta {
  pack: RulePack;
  packHash: string;
  issues: Issue[];
  /** File or folder the input came from. */
  source: string;
  inputCounts: { customers: number; salesRows: number; stockRows: number };
  runAt: Date;
  /** Weeks in the calendar (optional; defaults to the result's). */
  weeks?: number;
  /** ISO 4217 code of the run's money (absent: USD). */
  currency?: string;
  /** RGO Actions and RGO Summary's outcome feedback (history/build-actions.ts); absent: none. */
  actions?: { sheet: ResultSheet; summaryBlocks: SummaryBlock[] };
  /** The run's as-of date (history/as-of-date.ts), stated on RGO Summary and in the JSON. */
  asOf?: string;
  /** The "Since last run" section of RGO Summary (history/run-history.ts), after the targets. */
  sinceLastRun?: SummaryBlock[];
}
