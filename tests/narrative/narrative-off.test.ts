/**
 * Off by default, and off means nothing changes: the seed run's .xlsx and JSON summary written
 * with the RGO_LLM_* variables set but without --narrative, and with --narrative-dry-run, are the
 * same bytes as those written with no narrative setting at all (the clock fixed, so the run time
 * is the same), and the endpoint receives no request.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { runCli, SEED_DIR, tempDir } from "../cli/run-cli";
import { startMockServer } from "./mock-chat-server";

jest.setTimeout(180_000);

const RUN_AT = new Date("2025-11-25T09:00:00Z");
const VARS = ["RGO_LLM_ENDPOINT", "RGO_LLM_MODEL", "RGO_LLM_API_KEY"] as const;

async function analyze(extra: string[]): Promise<{ xlsx: Buffer; json: Buffer; out: string }> {
  const dir = tempDir("narrative-off");
  const out = join(dir, "results.xlsx");
  const json = join(dir, "summary.json");
  // Only Date is faked (the run time and the zip entries' times); timers run as usual.
  jest.useFakeTimers({
    now: RUN_AT,
    doNotFake: [
      "hrtime",
      "nextTick",
      "performance",
      "queueMicrotask",
      "setImmediate",
      "clearImmediate",
      "setInterval",
      "clearInterval",
      "setTimeout",
      "clearTimeout",
    ],
  });
  try {
    const r = await runCli(["analyze", SEED_DIR, "--out", out, "--json", json, ...extra]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    return { xlsx: readFileSync(out), json: readFileSync(json), out: r.out };
  } finally {
    jest.useRealTimers();
  }
}

test("the narrative off writes the same bytes as no narrative setting at all", async () => {
  const saved = VARS.map((v) => process.env[v]);
  VARS.forEach((v) => delete process.env[v]);
  const plain = await analyze([]);
  const server = await startMockServer(() => ({}));
  try {
    process.env.RGO_LLM_ENDPOINT = server.url;
    process.env.RGO_LLM_MODEL = "m";
    process.env.RGO_LLM_API_KEY = "k";
    const withVars = await analyze([]);
    const dryRun = await analyze(["--narrative-dry-run"]);
    expect(server.received).toHaveLength(0);
    expect(withVars.xlsx.equals(plain.xlsx)).toBe(true);
    expect(withVars.json.equals(plain.json)).toBe(true);
    expect(dryRun.xlsx.equals(plain.xlsx)).toBe(true);
    expect(dryRun.json.equals(plain.json)).toBe(true);
    expect(dryRun.out).toContain("Dry run: nothing was sent");
    // The run time is in the files, so equal bytes mean the same clock, not an empty check.
    const parts = unzipSync(plain.xlsx);
    const text = Object.values(parts)
      .map((b) => strFromU8(b))
      .join("\n");
    expect(text).toContain("2025-11-25T09:00:00");
  } finally {
    await server.close();
    VARS.forEach((v, i) => {
      if (saved[i] === undefined) delete process.env[v];
      else process.env[v] = saved[i];
    });
  }
});
