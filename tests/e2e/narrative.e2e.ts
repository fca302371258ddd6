/**
 * End-to-end: the AI narrative in the browser preview against the local mock chat-completions
 * server on 127.0.0.1:18431 (the origin the e2e build's CSP allows: global-setup.ts). Off by
 * default; on, the run stops on the exact requests (without the key) and sends nothing until
 * "Send"; the drill-down then shows the AI-drafted texts; the CSP blocks any other origin.
 */
import type { Page } from "playwright-core";
import { launchBrowser, type Browser } from "./support/browser";
import { buildPane } from "./support/build-pane";
import { E2E_LLM_ORIGIN } from "./support/global-setup";
import {
  choose,
  openTab,
  textOf,
  waitFor,
  waitForRunEnd,
  watchRunStatus,
} from "./support/pane-driver";
import { serveStatic, type StaticServer } from "../../scripts/pane-harness";
import { startMockServer, type MockServer } from "../narrative/mock-chat-server";

let server: StaticServer;
let browser: Browser;
let page: Page;
let llm: MockServer;
const KEY = `sk-e2e-${Date.now()}`;

beforeAll(async () => {
  llm = await startMockServer(() => ({}), Number(new URL(E2E_LLM_ORIGIN).port));
  server = await serveStatic(buildPane());
  browser = await launchBrowser();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(30_000);
  await page.goto(`${server.origin}/taskpane.html`);
  await page.getByRole("tab", { name: "Data", exact: true }).waitFor({ state: "visible" });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await llm?.close();
});

test("the pane's CSP blocks any origin but the configured one", async () => {
  const blocked = await page.evaluate(async () => {
    let violation = "";
    document.addEventListener("securitypolicyviolation", (e) => (violation = e.blockedURI), {
      once: true,
    });
    await fetch("http://127.0.0.1:18432/x").catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    return violation;
  });
  expect(blocked).toContain("127.0.0.1:18432");
});

test("settings, the payload shown before the first send, then AI-drafted texts", async () => {
  await page.getByRole("button", { name: "Try the sample" }).click();
  // The sample is written when the pane moves to the Run step by itself.
  await waitFor(
    () => page.getByRole("tab", { name: "Run", exact: true }).getAttribute("aria-selected"),
    (v) => v === "true",
    "the sample written",
    120_000,
  );
  const settings = page.getByTestId("narrative-settings");
  await expect(settings.getByRole("checkbox").isChecked()).resolves.toBe(false);
  await settings.getByRole("checkbox").check();
  await settings.getByLabel(/^Endpoint/).fill(`${E2E_LLM_ORIGIN}/v1`);
  await settings.getByLabel("Model").fill("e2e-model");
  await settings.getByLabel(/^API key/).fill(KEY);
  await settings.getByRole("button", { name: "Save AI narrative settings" }).click();
  await waitFor(
    () => settings.getByRole("status").textContent(),
    (t) => (t ?? "").startsWith("Saved."),
    "the settings saved",
  );

  await watchRunStatus(page);
  await page.getByRole("button", { name: "Run analysis" }).click();
  const payload = await waitFor(
    () =>
      page
        .getByTestId("narrative-payload")
        .textContent({ timeout: 1000 })
        .catch(() => ""),
    (t) => (t ?? "").length > 0,
    "the payload to be shown",
    180_000,
  );
  expect(payload).toContain(`POST ${E2E_LLM_ORIGIN}/v1/chat/completions`);
  expect(payload).toContain("authorization: Bearer <the API key, not shown>");
  expect(payload).not.toContain(KEY);
  expect(llm.received).toHaveLength(0); // nothing sent before "Send"
  await page.getByRole("button", { name: "Send", exact: true }).click();
  expect(await waitForRunEnd(page)).toMatch(/^Done/);
  expect(llm.received).toHaveLength(6);
  for (const r of llm.received) expect(r.headers.authorization).toBe(`Bearer ${KEY}`);

  const first = llm.received.find((r) => r.data.customer?.id === "c1")?.data.customer;
  if (first === undefined) throw new Error("no request for c1");
  await openTab(page, "Drill-down");
  // The picker's options read "rank. id — money at risk (band)".
  const id = first.customer.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await choose(page, "Customer", new RegExp(`^\\d+\\. ${id} — `));
  const drill = await waitFor(
    () => textOf(page, "drill-narrative").catch(() => ""),
    (t) => t.includes("AI-drafted"),
    "the drill-down's AI narrative",
  );
  expect(drill).toContain("Drafted rationale for c1. Drafted opportunity for c1.");
  expect(drill).toContain("Message draft: Drafted message for c1.");
  // The key is nowhere in the page's text (only in the masked settings field).
  expect(await page.evaluate(() => document.body.innerText)).not.toContain(KEY);
});
