/**
 * The endpoint settings and the small parts of the HTTP call: the chat-completions URL from a base
 * or a full address, refused URLs (no key in a URL), which header carries the key, Retry-After in
 * seconds or as a date, and RGO Actions' reader leaving the narrative's own columns out of the
 * user's columns on the next run.
 */
import { readPreviousActions } from "../../src/engine/history/read-actions";
import { ACTIONS_NARRATIVE_HEADERS } from "../../src/engine/narrative/narrative-columns";
import { ACTIONS_COLUMNS } from "../../src/engine/history/actions-columns";
import { retryAfterSeconds } from "../../src/workbook/narrative/chat-completion";
import {
  describeEndpoint,
  endpointOrigin,
  parseEndpoint,
  requestHeaders,
} from "../../src/workbook/narrative/llm-endpoint";

test.each([
  ["https://api.openai.com/v1", "https://api.openai.com/v1/chat/completions"],
  ["https://api.openai.com/v1/", "https://api.openai.com/v1/chat/completions"],
  ["http://127.0.0.1:11434/v1", "http://127.0.0.1:11434/v1/chat/completions"],
  [
    "https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-06-01",
    "https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-06-01",
  ],
])("endpoint %s -> %s", (given, url) => {
  expect(parseEndpoint(given, "m").url).toBe(url);
});

test("refused endpoints name the problem and never echo a key", () => {
  expect(() => parseEndpoint("not a url", "m")).toThrow(/is not a URL/);
  expect(() => parseEndpoint("ftp://x/v1", "m")).toThrow(/http or https/);
  expect(() => parseEndpoint("https://user:s3cret@x/v1", "m")).toThrow(/user name or password/);
  expect(() => parseEndpoint("https://user:s3cret@x/v1", "m")).not.toThrow(/s3cret/);
  expect(() => parseEndpoint("https://x/v1", " ")).toThrow(/model name/);
});

test("the key goes in one header: Bearer, or api-key for Azure OpenAI; described without it", () => {
  const openai = parseEndpoint("https://api.openai.com/v1", "gpt", "sk-1");
  expect(requestHeaders(openai)).toEqual({
    "content-type": "application/json",
    authorization: "Bearer sk-1",
  });
  const azure = parseEndpoint("https://r.openai.azure.com/openai/deployments/d", "gpt", "az-1");
  expect(requestHeaders(azure)).toEqual({ "content-type": "application/json", "api-key": "az-1" });
  expect(requestHeaders(parseEndpoint("http://127.0.0.1:1/v1", "m"))).toEqual({
    "content-type": "application/json",
  });
  expect(describeEndpoint(openai)).not.toContain("sk-1");
  expect(endpointOrigin(azure)).toBe("https://r.openai.azure.com");
});

test("Retry-After: seconds, an HTTP date, or nothing usable", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  expect(retryAfterSeconds("3", now)).toBe(3);
  expect(retryAfterSeconds("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10);
  expect(retryAfterSeconds("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
  expect(retryAfterSeconds("soon", now)).toBeNull();
  expect(retryAfterSeconds(null, now)).toBeNull();
});

test("RGO Actions read back: the narrative's columns are not kept as the user's own", () => {
  const header = [...ACTIONS_COLUMNS.map((c) => c.header), ...ACTIONS_NARRATIVE_HEADERS, "My note"];
  const row = [...ACTIONS_COLUMNS.map(() => null), "Draft text", "ai", "mine"];
  row[0] = "C1";
  const read = readPreviousActions({
    name: "RGO Actions",
    origin: "xlsx table",
    header,
    rows: [row],
    headerRow: 1,
    firstColumn: 1,
  });
  expect(read.extraHeaders).toEqual(["My note"]);
  expect(read.rows[0].extra).toEqual(["mine"]);
});
