/**
 * `rgo analyze --narrative` and `--narrative-dry-run`: the endpoint from the environment only
 * (RGO_LLM_ENDPOINT, RGO_LLM_MODEL, RGO_LLM_API_KEY: never a flag, so the key stays out of shell
 * history), the payload of the pack's top N customers, and either the exact requests printed
 * (dry run: nothing is sent) or the narrative drafted and merged into the run's outputs.
 */
import type { Issue } from "../engine/issue";
import { applyNarrative } from "../engine/narrative/apply-narrative";
import { narrativePayloadOf } from "../engine/narrative/narrative-payload";
import { narrativeRequests } from "../engine/narrative/narrative-requests";
import type { RunOutput } from "../engine/pipeline/run-analysis";
import type { ResultBook } from "../engine/report/result-book";
import type { SummaryJson } from "../engine/report/summary-json";
import { draftNarrative } from "../workbook/narrative/draft-narrative";
import { describeEndpoint, parseEndpoint } from "../workbook/narrative/llm-endpoint";
import { requestPreview } from "../workbook/narrative/request-preview";
import { usageError } from "./cli-error";
import type { CliOutput } from "./output";

export const LLM_ENV = {
  endpoint: "RGO_LLM_ENDPOINT",
  model: "RGO_LLM_MODEL",
  apiKey: "RGO_LLM_API_KEY",
} as const;

/** The run's outputs as written: the narrated ones, or the run's own (dry run). */
export interface WrittenRun {
  book: ResultBook;
  summary: SummaryJson;
  issues: Issue[];
}

/** Drafts the narrative (or prints what would be sent) for `run`. */
export async function narrateRun(
  run: RunOutput,
  how: { dryRun: boolean; env: NodeJS.ProcessEnv; io: CliOutput; signal?: AbortSignal },
): Promise<WrittenRun | null> {
  const url = how.env[LLM_ENV.endpoint];
  const model = how.env[LLM_ENV.model];
  if (url === undefined || url.trim() === "" || model === undefined || model.trim() === "")
    throw usageError(
      `--narrative needs the environment variables ${LLM_ENV.endpoint} (an OpenAI-compatible chat-completions URL) and ${LLM_ENV.model}; ${LLM_ENV.apiKey} when the endpoint needs a key`,
    );
  const endpoint = parseEndpoint(url, model, how.env[LLM_ENV.apiKey]);
  const payload = narrativePayloadOf(run);
  if (how.dryRun) {
    how.io.out(requestPreview(endpoint, narrativeRequests(payload)));
    how.io.out("Dry run: nothing was sent; the results are written without the narrative.\n");
    return null;
  }
  how.io.err(
    `info: AI narrative: sending ${payload.customers.length} customers' facts to ${describeEndpoint(endpoint)}\n`,
  );
  const outcome = await draftNarrative(endpoint, payload, {
    ...(how.signal ? { signal: how.signal } : {}),
  });
  return applyNarrative(run, outcome);
}
