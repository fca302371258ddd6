/**
 * What one narrative attempt produced: per customer (by the id we issued) the accepted texts or
 * why they were not used, and the same for the executive paragraph. Built by the HTTP adapter
 * (src/workbook/narrative/), merged into the result book by apply-narrative.ts.
 */
import type { CustomerTexts } from "./narrative-reply";
import type { NarrativePayload } from "./narrative-payload";

/** Why a text fell back to the rule-based one. One RGO Issues notice per kind. */
export type NarrativeFailureKind =
  | "timeout"
  | "total-timeout"
  | "rate-limited"
  | "server-error"
  | "refused"
  | "unreachable"
  | "malformed"
  | "invalid"
  | "cancelled";

/** A failure: its kind and a short detail we wrote (an HTTP status, a rule); never a secret. */
export interface NarrativeFailure {
  kind: NarrativeFailureKind;
  detail: string;
}

export type NarrativeAnswer<T> = { ok: true; value: T } | { ok: false; failure: NarrativeFailure };

export interface NarrativeOutcome {
  payload: NarrativePayload;
  /** Customer id ("c1" ...) -> answer; a customer missing here fell back as "cancelled". */
  customers: ReadonlyMap<string, NarrativeAnswer<CustomerTexts>>;
  /** The executive paragraph's answer (null: not asked, no customers). */
  summary: NarrativeAnswer<string> | null;
  /** Seconds of the per-call and total time limits, for the notices. */
  limits: { perCallSeconds: number; totalSeconds: number };
}
