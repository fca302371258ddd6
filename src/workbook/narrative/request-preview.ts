/**
 * The exact requests a narrative would send, for a person to read before anything leaves: the URL,
 * the headers (the key's header named, its value never shown) and each JSON body as sent. The
 * CLI's --narrative-dry-run prints it; the pane shows it before the first send of a session.
 */
import type { NarrativeRequest } from "../../engine/narrative/narrative-requests";
import { chatBody } from "./chat-completion";
import { type LlmEndpoint, requestHeaders } from "./llm-endpoint";

export function requestPreview(
  endpoint: LlmEndpoint,
  requests: readonly NarrativeRequest[],
): string {
  const headers = Object.entries(requestHeaders(endpoint)).map(([k, v]) =>
    k === "authorization"
      ? `${k}: Bearer <the API key, not shown>`
      : k === "api-key"
        ? `${k}: <the API key, not shown>`
        : `${k}: ${v}`,
  );
  const lines = [
    requests.length === 0
      ? "AI narrative: no gaps, nothing would be sent."
      : `AI narrative: ${requests.length} requests would be sent (POST ${endpoint.url}), each with these headers:`,
    ...headers.map((h) => `  ${h}`),
  ];
  for (const r of requests) {
    lines.push("", `Request "${r.key}" body:`);
    lines.push(JSON.stringify(JSON.parse(chatBody(endpoint, r.messages)), null, 2));
  }
  return lines.join("\n") + "\n";
}
