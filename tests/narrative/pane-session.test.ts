/**
 * The pane's narrative session against the local mock server: off sends nothing and changes
 * nothing; on, the exact requests wait for the user's answer before anything is sent; "Don't
 * send" sends nothing; after one "Send" the session does not ask again; the drill-down texts are
 * the ones written. Settings are kept in the add-in's store, the key removed when emptied.
 */
import { narrativePayloadOf } from "../../src/engine/narrative/narrative-payload";
import type { RunOutput } from "../../src/engine/pipeline/run-analysis";
import {
  loadNarrativeConfig,
  saveNarrativeConfig,
  type SettingsStore,
} from "../../src/taskpane/state/narrative-config";
import { NarrativeSession } from "../../src/taskpane/state/narrative-session";
import { startMockServer, type MockServer } from "./mock-chat-server";
import { seedRun } from "./narrated-workbook";

jest.setTimeout(60_000);

function memoryStore(): SettingsStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => Promise.resolve(data.get(k) ?? null),
    setItem: (k, v) => Promise.resolve(void data.set(k, v)),
    removeItem: (k) => Promise.resolve(void data.delete(k)),
  };
}

let run: RunOutput;
let server: MockServer;
beforeAll(async () => {
  run = await seedRun();
  server = await startMockServer(() => ({}));
});
afterAll(() => server.close());

const outputs = () => ({
  book: run.book,
  summary: run.summary,
  issues: run.issues,
  narrative: narrativePayloadOf(run),
});
const tick = () => new Promise((r) => setTimeout(r, 20));

test("settings round trip; off by default; an emptied key is removed", async () => {
  const store = memoryStore();
  expect(await loadNarrativeConfig(store)).toEqual({
    enabled: false,
    endpoint: "",
    model: "",
    apiKey: "",
  });
  const on = { enabled: true, endpoint: server.url, model: "m", apiKey: "secret-1" };
  await saveNarrativeConfig(store, on);
  expect(await loadNarrativeConfig(store)).toEqual(on);
  await saveNarrativeConfig(store, { ...on, apiKey: "" });
  expect([...store.data.values()]).not.toContain("secret-1");
});

test("off: nothing is sent, the outputs are returned as they are", async () => {
  const session = new NarrativeSession(memoryStore());
  const before = server.received.length;
  const o = outputs();
  const out = await session.apply(
    o,
    { enabled: false, endpoint: server.url, model: "m", apiKey: "k" },
    new AbortController().signal,
  );
  expect(out).toBe(o);
  expect(server.received.length).toBe(before);
  expect(session.snapshot().pendingPreview).toBeNull();
});

test("on: the requests wait for the user's answer; Don't send sends nothing", async () => {
  const session = new NarrativeSession(memoryStore());
  const before = server.received.length;
  const config = { enabled: true, endpoint: server.url, model: "m", apiKey: "secret-2" };
  const o = outputs();
  const done = session.apply(o, config, new AbortController().signal);
  await tick();
  const preview = session.snapshot().pendingPreview;
  expect(preview).toContain(`POST ${server.url}/chat/completions`);
  expect(preview).not.toContain("secret-2");
  expect(server.received.length).toBe(before);
  session.answer(false);
  expect(await done).toBe(o);
  expect(server.received.length).toBe(before);
  expect(session.snapshot().notice).toBe(
    "AI narrative not drafted: nothing was sent (you chose not to send).",
  );
});

test("Send once per session: drafted, merged, drill-down texts; not asked again", async () => {
  const session = new NarrativeSession(memoryStore());
  const config = { enabled: true, endpoint: server.url, model: "m", apiKey: "k" };
  const payload = narrativePayloadOf(run);
  const before = server.received.length;
  const first = session.apply(outputs(), config, new AbortController().signal);
  await tick();
  session.answer(true);
  const out = await first;
  expect(server.received.length - before).toBe(payload.customers.length + 1);
  expect(out.summary).toHaveProperty("narrative.ai", payload.customers.length);
  const c = payload.customers[0];
  expect(session.snapshot().texts.get(c.customer)).toEqual({
    text: `Drafted rationale for ${c.id}. Drafted opportunity for ${c.id}.`,
    message: `Drafted message for ${c.id}.`,
    source: "ai",
  });
  // The second run of the session goes without asking.
  const second = await session.apply(outputs(), config, new AbortController().signal);
  expect(second.summary).toHaveProperty("narrative.customers", payload.customers.length);
  expect(session.snapshot().pendingPreview).toBeNull();
});

test("settings that cannot be used: nothing sent, the reason shown", async () => {
  const session = new NarrativeSession(memoryStore());
  const o = outputs();
  const out = await session.apply(
    o,
    { enabled: true, endpoint: "not a url", model: "m", apiKey: "" },
    new AbortController().signal,
  );
  expect(out).toBe(o);
  expect(session.snapshot().notice).toMatch(/^AI narrative not drafted: .*is not a URL/);
});
