/**
 * One chat-completions call over plain `fetch` (Node 20 and every browser have it; no client
 * package: we need one non-streamed call, it must run in the pane's browser too, and it adds no
 * dependency). Per-call timeout, the caller's signal (the total budget and the user's cancel), one
 * retry after a 429's Retry-After. Every failure is returned as a kind and a detail we word
 * ourselves (an HTTP status, a system error code): the server's text and the key never reach a
 * message.
 */
import type {
  NarrativeAnswer,
  NarrativeFailureKind,
} from "../../engine/narrative/narrative-outcome";
import type { ChatMessage } from "../../engine/narrative/narrative-requests";
import { type LlmEndpoint, requestHeaders } from "./llm-endpoint";

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface CallLimits {
  /** Milliseconds one call may take (default 20 s). */
  perCallMs: number;
  /** Aborted by the total budget or the user; `totalSignal` tells which. */
  signal: AbortSignal;
  /** Aborted when the total budget ran out (a subset of `signal`). */
  totalSignal: AbortSignal;
  fetch?: FetchLike;
}

/** The longest Retry-After we wait for (seconds); a longer one is reported as rate-limited. */
export const MAX_RETRY_AFTER_SECONDS = 30;
/** Replies larger than this (characters) are refused as malformed. */
const MAX_REPLY_CHARS = 1_000_000;

/** The request body: non-streamed, low temperature. */
export function chatBody(endpoint: LlmEndpoint, messages: readonly ChatMessage[]): string {
  return JSON.stringify({ model: endpoint.model, messages, temperature: 0.2, stream: false });
}

/** A signal aborted when any of `signals` is (AbortSignal.any is missing in older hosts). */
export function linkedSignal(...signals: AbortSignal[]): { signal: AbortSignal; done: () => void } {
  const c = new AbortController();
  const abort = (): void => c.abort();
  for (const s of signals) {
    if (s.aborted) c.abort();
    else s.addEventListener("abort", abort, { once: true });
  }
  return {
    signal: c.signal,
    done: () => signals.forEach((s) => s.removeEventListener("abort", abort)),
  };
}

/** Seconds a Retry-After header asks for (seconds or an HTTP date); null when absent or bad. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const t = value.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const at = Date.parse(t);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

const fail = (kind: NarrativeFailureKind, detail: string): NarrativeAnswer<string> => ({
  ok: false,
  failure: { kind, detail },
});

/** Waits `ms` unless `signal` aborts first (then resolves false). */
function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** The system error code under a fetch failure (ECONNREFUSED, ENOTFOUND ...), else "". */
function errorCode(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown } } | null)?.cause;
  const code = cause?.code;
  return typeof code === "string" && /^[A-Z_]{2,40}$/.test(code) ? code : "";
}

/** The assistant's text of a chat-completions reply body, or null. */
function contentOf(body: unknown): string | null {
  const choices = (body as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices) || choices.length === 0) return null;
  const content = (choices[0] as { message?: { content?: unknown } } | null)?.message?.content;
  return typeof content === "string" ? content : null;
}

async function attempt(
  endpoint: LlmEndpoint,
  body: string,
  limits: CallLimits,
): Promise<NarrativeAnswer<string> | { retryAfter: number | null }> {
  const perCall = new AbortController();
  const timer = setTimeout(() => perCall.abort(), limits.perCallMs);
  const linked = linkedSignal(limits.signal, perCall.signal);
  const aborted = (): NarrativeAnswer<string> =>
    limits.totalSignal.aborted
      ? fail("total-timeout", "")
      : limits.signal.aborted
        ? fail("cancelled", "")
        : fail("timeout", "");
  try {
    const res = await (limits.fetch ?? fetch)(endpoint.url, {
      method: "POST",
      headers: requestHeaders(endpoint),
      body,
      signal: linked.signal,
      redirect: "error",
      credentials: "omit",
    });
    if (res.status === 429) {
      await res.body?.cancel().catch(() => undefined);
      return { retryAfter: retryAfterSeconds(res.headers.get("retry-after")) };
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return fail(res.status >= 500 ? "server-error" : "refused", `HTTP ${res.status}`);
    }
    const text = await res.text();
    if (text.length > MAX_REPLY_CHARS) return fail("malformed", "reply too large");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return fail("malformed", "the response body is not JSON");
    }
    const content = contentOf(parsed);
    return content === null
      ? fail("malformed", "no message content in the response")
      : { ok: true, value: content };
  } catch (e) {
    if (linked.signal.aborted) return aborted();
    const code = errorCode(e);
    return fail("unreachable", code);
  } finally {
    clearTimeout(timer);
    linked.done();
  }
}

/** Sends `messages`; the assistant's text, or why not. A 429 is retried once after Retry-After. */
export async function postChat(
  endpoint: LlmEndpoint,
  messages: readonly ChatMessage[],
  limits: CallLimits,
): Promise<NarrativeAnswer<string>> {
  const body = chatBody(endpoint, messages);
  const first = await attempt(endpoint, body, limits);
  if (!("retryAfter" in first)) return first;
  const seconds = first.retryAfter ?? 1;
  if (seconds > MAX_RETRY_AFTER_SECONDS)
    return fail("rate-limited", `HTTP 429, Retry-After ${seconds} s`);
  if (!(await wait(seconds * 1000, limits.signal)))
    return limits.totalSignal.aborted ? fail("total-timeout", "") : fail("cancelled", "");
  const second = await attempt(endpoint, body, limits);
  return "retryAfter" in second ? fail("rate-limited", "HTTP 429 twice") : second;
}
