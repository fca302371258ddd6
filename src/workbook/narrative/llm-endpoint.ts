/**
 * The language-model endpoint a person configured: any OpenAI-compatible chat-completions server
 * (OpenAI, Azure OpenAI, a local Ollama / LM Studio / vLLM). The URL may be the full
 * `.../chat/completions` address or its base (`https://api.openai.com/v1`, `http://127.0.0.1:11434/v1`),
 * to which `/chat/completions` is added. The key is held here only to be put in a request header;
 * nothing prints it (`describeEndpoint` names the address and the model, never the key).
 */
import { RgoError } from "../../engine/errors";

export interface LlmEndpoint {
  /** The chat-completions URL (completed by `parseEndpoint`). */
  url: string;
  model: string;
  /** Sent as `Authorization: Bearer` (Azure OpenAI hosts: the `api-key` header). Absent: none. */
  apiKey?: string;
}

const usage = (message: string): RgoError => new RgoError("input", "usage", message);

/** The endpoint from what the user gave; an RgoError naming what is wrong (never the key). */
export function parseEndpoint(url: string, model: string, apiKey?: string): LlmEndpoint {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw usage(
      "The AI narrative's endpoint is not a URL: give e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1.",
    );
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    throw usage(`The AI narrative's endpoint must be an http or https URL, not ${u.protocol}.`);
  if (u.username !== "" || u.password !== "")
    throw usage(
      "The AI narrative's endpoint must not hold a user name or password: give the key in RGO_LLM_API_KEY (or the pane's Settings).",
    );
  if (model.trim() === "")
    throw usage("The AI narrative needs a model name (RGO_LLM_MODEL, or the pane's Settings).");
  if (!/\/chat\/completions\/?$/.test(u.pathname))
    u.pathname = `${u.pathname.replace(/\/+$/, "")}/chat/completions`;
  u.hash = "";
  const key = apiKey?.trim();
  return {
    url: u.toString(),
    model: model.trim(),
    ...(key !== undefined && key !== "" ? { apiKey: key } : {}),
  };
}

/** The origin requests go to (what the pane's CSP and the manifest must allow). */
export function endpointOrigin(endpoint: LlmEndpoint): string {
  return new URL(endpoint.url).origin;
}

/** The request headers; the key goes in the one header its kind of server expects. */
export function requestHeaders(endpoint: LlmEndpoint): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (endpoint.apiKey !== undefined) {
    if (new URL(endpoint.url).hostname.endsWith(".openai.azure.com"))
      headers["api-key"] = endpoint.apiKey;
    else headers.authorization = `Bearer ${endpoint.apiKey}`;
  }
  return headers;
}

/** The endpoint in words for people: address (no query) and model; whether a key is set, never the key. */
export function describeEndpoint(endpoint: LlmEndpoint): string {
  const u = new URL(endpoint.url);
  return `${u.origin}${u.pathname} (model ${endpoint.model}; ${endpoint.apiKey !== undefined ? "API key set, not shown" : "no API key"})`;
}
