/**
 * Runs one narrative: sends the payload's requests (two at a time) within the per-call and total
 * time limits, validates each reply (engine/narrative/narrative-reply.ts) and returns the outcome
 * the engine merges. It never throws on a failed call: every failure is a kind per customer, and
 * the rule-based text is used for it.
 */
import { narrativeRequests, SUMMARY_KEY } from "../../engine/narrative/narrative-requests";
import type { NarrativePayload } from "../../engine/narrative/narrative-payload";
import type { NarrativeAnswer, NarrativeOutcome } from "../../engine/narrative/narrative-outcome";
import {
  readCustomerReply,
  readSummaryReply,
  type Checked,
  type CustomerTexts,
} from "../../engine/narrative/narrative-reply";
import { type FetchLike, linkedSignal, postChat } from "./chat-completion";
import type { LlmEndpoint } from "./llm-endpoint";

export const DEFAULT_PER_CALL_MS = 20_000;
export const DEFAULT_TOTAL_MS = 60_000;

export interface DraftOptions {
  perCallMs?: number;
  totalMs?: number;
  /** The user's cancel (the CLI's Ctrl-C, the pane's Cancel). */
  signal?: AbortSignal;
  /** Calls at the same time (default 2). */
  concurrency?: number;
  fetch?: FetchLike;
}

/** Asks the endpoint for the payload's texts; the outcome holds an answer for every request. */
export async function draftNarrative(
  endpoint: LlmEndpoint,
  payload: NarrativePayload,
  options: DraftOptions = {},
): Promise<NarrativeOutcome> {
  const perCallMs = options.perCallMs ?? DEFAULT_PER_CALL_MS;
  const totalMs = options.totalMs ?? DEFAULT_TOTAL_MS;
  const total = new AbortController();
  const timer = setTimeout(() => total.abort(), totalMs);
  const linked = linkedSignal(total.signal, ...(options.signal ? [options.signal] : []));
  const limits = {
    perCallMs,
    signal: linked.signal,
    totalSignal: total.signal,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const customers = new Map<string, NarrativeAnswer<CustomerTexts>>();
  let summary: NarrativeAnswer<string> | null = null;
  const requests = narrativeRequests(payload);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      const req = requests[next++];
      const reply = await postChat(endpoint, req.messages, limits);
      if (req.key === SUMMARY_KEY) {
        summary = reply.ok ? toAnswer(readSummaryReply(reply.value, req.key)) : reply;
      } else {
        customers.set(
          req.key,
          reply.ok ? toAnswer(readCustomerReply(reply.value, req.key)) : reply,
        );
      }
    }
  };
  try {
    const n = Math.max(1, Math.min(options.concurrency ?? 2, requests.length));
    await Promise.all(Array.from({ length: n }, worker));
  } finally {
    clearTimeout(timer);
    linked.done();
  }
  return {
    payload,
    customers,
    summary,
    limits: { perCallSeconds: perCallMs / 1000, totalSeconds: totalMs / 1000 },
  };
}

function toAnswer<T>(checked: Checked<T>): NarrativeAnswer<T> {
  return checked.ok
    ? checked
    : { ok: false, failure: { kind: checked.refusal.kind, detail: checked.refusal.reason } };
}
