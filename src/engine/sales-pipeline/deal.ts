/**
 * Deals and reps as the sales-pipeline module reads them (DESIGN.md section 5), typed and
 * validated by the input stage. Money in dollars (deal values are whole or 2-dp amounts).
 */
export type DealStatus = "active" | "won" | "lost";

/** Which optional columns the deals sheet carried (what could be computed depends on them). */
export interface DealColumns {
  value: boolean;
  probability: boolean;
  daysInStage: boolean;
  createdDate: boolean;
  closeDate: boolean;
  riskFlags: boolean;
}

export interface Deal {
  dealId: string;
  repId: string;
  stage: string;
  /** Deal value in dollars; null when the sheet has none for the deal (e.g. open deals in a CRM export). */
  value: number | null;
  /** 0..1; null when the sheet has no probability (the pack's stage defaults apply). */
  probability: number | null;
  /** Days in the current stage; null when unknown. */
  daysInStage: number | null;
  status: DealStatus;
  /** Days since 1970-01-01 (UTC); null when unknown. */
  createdDay: number | null;
  expectedCloseDay: number | null;
  /** Actual close date for closed deals; null when unknown. */
  closedDay: number | null;
  riskFlags: string[];
  competitors: string[];
  /** 1-based sheet row, for messages. */
  row: number;
}

export interface Rep {
  repId: string;
  name: string | null;
  region: string | null;
  manager: string | null;
  /** Annual quota in dollars; null when the sheet has none. */
  quota: number | null;
  /** Year-to-date revenue in dollars; null when unknown. */
  ytdRevenue: number | null;
  /** The rep's own close rate 0..1 from the sheet; null when unknown. */
  closeRate: number | null;
  row: number;
}

/** The deals and reps tables as the input stage typed them (Dataset.pipeline). */
export interface PipelineInput {
  deals: Deal[];
  reps: Rep[];
  dealsTable: string;
  /** Name of the reps table; null when the input has none. */
  repsTable: string | null;
  /** Whether the deals sheet carried each optional column. */
  columns: DealColumns;
  /** Day the days-in-stage estimate counts to, when days in stage were estimated; else null. */
  daysInStageAsOf: number | null;
  /** Whether the reps sheet has a quota column. */
  hasQuotaColumn: boolean;
}
