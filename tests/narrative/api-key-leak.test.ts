/**
 * The API key never leaves the request header: `rgo analyze --narrative` in a child process with a
 * unique random key in RGO_LLM_API_KEY, against the local mock server (one customer answered with a
 * 500, one with a body that is not JSON, so RGO Issues has notices), writes a workbook and a JSON
 * summary in which the key appears nowhere (every part of the .xlsx unzipped and searched), nor on
 * stdout or stderr; the server did receive it, so the search is for a key that was really in use.
 * The dry run prints the requests without the key and sends nothing. There is no key flag.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { runCli, SEED_DIR, tempDir } from "../cli/run-cli";
import { TRANSPILED_CLI } from "../support/transpiled-cli";
import { startMockServer, type MockServer } from "./mock-chat-server";

jest.setTimeout(180_000);

const KEY = `sk-test-${randomBytes(24).toString("hex")}`;

function rgo(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-e", TRANSPILED_CLI, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => resolve({ code, out, err }));
  });
}

let server: MockServer;
beforeAll(async () => {
  let n = 0;
  server = await startMockServer((r) => {
    if (r.data.customer === undefined) return {};
    n += 1;
    return n === 1 ? { status: 500, body: KEY } : n === 2 ? { body: `not json ${KEY}` } : {};
  });
});
afterAll(() => server.close());

const env = (): Record<string, string> => ({
  RGO_LLM_ENDPOINT: server.url,
  RGO_LLM_MODEL: "test-model",
  RGO_LLM_API_KEY: KEY,
});

test("--narrative: the key is in the request header and nowhere in the outputs", async () => {
  const dir = tempDir("narrative-key");
  const out = join(dir, "results.xlsx");
  const json = join(dir, "summary.json");
  const r = await rgo(["analyze", SEED_DIR, "--out", out, "--json", json, "--narrative"], env());
  expect(r.err).not.toContain("Error");
  expect(r.code).toBe(0);
  expect(server.received).toHaveLength(6);
  for (const q of server.received) expect(q.headers.authorization).toBe(`Bearer ${KEY}`);

  const parts = unzipSync(readFileSync(out));
  const names = Object.keys(parts);
  expect(names.length).toBeGreaterThan(10);
  for (const name of names)
    expect({ name, has: strFromU8(parts[name]).includes(KEY) }).toEqual({ name, has: false });
  // The notices are there (RGO Issues is one of the parts searched) and in the JSON.
  const summary = readFileSync(json, "utf8");
  const parsed = JSON.parse(summary) as { issues: { message: string }[]; narrative: unknown };
  expect(
    parsed.issues.filter((i) => i.message.startsWith("AI narrative")).map((i) => i.message),
  ).toEqual([
    "AI narrative: 1 of 5 customers use the rule-based text instead: the endpoint answered with a server error (HTTP 500).",
    "AI narrative: 1 of 5 customers use the rule-based text instead: the reply was not the JSON object asked for (the response body is not JSON).",
  ]);
  expect(parsed.narrative).toEqual({ customers: 5, ai: 3, rules: 2, paragraph: "ai" });
  const sharedStrings = strFromU8(parts["xl/sharedStrings.xml"] ?? new Uint8Array());
  const sheetsXml = names
    .filter((n) => n.startsWith("xl/"))
    .map((n) => strFromU8(parts[n]))
    .join("");
  expect(sharedStrings + sheetsXml).toContain("AI narrative: 1 of 5 customers");
  expect(summary).not.toContain(KEY);
  expect(r.out).not.toContain(KEY);
  expect(r.err).not.toContain(KEY);
  expect(r.err).toContain("API key set, not shown");
});

test("--narrative-dry-run prints every request without the key and sends nothing", async () => {
  const before = server.received.length;
  const r = await rgo(["analyze", SEED_DIR, "--narrative-dry-run", "--quiet"], env());
  expect(r.code).toBe(0);
  expect(server.received.length).toBe(before);
  expect(r.out).toContain(`POST ${server.url}/chat/completions`);
  expect(r.out).toContain("authorization: Bearer <the API key, not shown>");
  expect((r.out.match(/^Request "/gm) ?? []).length).toBe(6);
  expect(r.out).not.toContain(KEY);
  expect(r.err).not.toContain(KEY);
});

test("there is no flag for the key: --api-key is refused as an unknown option", async () => {
  const r = await runCli(["analyze", SEED_DIR, "--narrative", "--api-key", KEY]);
  expect(r.code).toBe(2);
  expect(r.err).not.toContain(KEY);
});
