/**
 * Drives the task pane through the accessible names of the UI contract (roles, labels, test ids),
 * the way a keyboard or screen-reader user finds things.
 */
import type { Locator, Page } from "playwright-core";

export const RUN_TIMEOUT_MS = 180_000;

/** Polls `read` until `ok` accepts its value; throws with the last value on timeout. */
export async function waitFor<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch {
      // element not there yet
    }
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function byTestId(page: Page, id: string): Locator {
  return page.getByTestId(id);
}

/** Text of a test-id element, trimmed. */
export async function textOf(page: Page, id: string): Promise<string> {
  return ((await page.getByTestId(id).first().textContent()) ?? "").trim();
}

export async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole("tab", { name, exact: true });
  await tab.click();
  await waitFor(
    () => tab.getAttribute("aria-selected"),
    (v) => v === "true",
    `tab ${name} selected`,
  );
}

/** Shown value of a combobox: a native select's option text, an input's value or a button's text. */
export async function comboValue(combo: Locator): Promise<string> {
  return combo.evaluate((el) => {
    if (el instanceof HTMLSelectElement) return el.selectedOptions[0]?.textContent ?? "";
    if (el instanceof HTMLInputElement) return el.value;
    return el.textContent ?? "";
  });
}

/** Picks an option of a combobox by label: native <select>, Fluent Dropdown or Combobox. */
export async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  const combo = page.getByRole("combobox", { name: label, exact: true });
  const tag = await combo.evaluate((el) => el.tagName);
  if (tag === "SELECT") {
    const labels = await combo.evaluate((el) =>
      [...(el as HTMLSelectElement).options].map((o) => o.textContent ?? ""),
    );
    const found = labels.find((l) => (typeof option === "string" ? l === option : option.test(l)));
    if (found === undefined) throw new Error(`${label}: no option ${option} in ${labels}`);
    await combo.selectOption({ label: found });
    return;
  }
  await combo.click();
  const opt = page.getByRole("option", { name: option, exact: typeof option === "string" });
  await opt.first().click();
  await waitFor(
    () => comboValue(combo),
    (v) => (typeof option === "string" ? v.includes(option) : option.test(v)),
    `${label} = ${option}`,
  );
}

/** Picks a built-in preset on the Rules step and waits until the pack line names it. */
export async function choosePreset(page: Page, name: string): Promise<void> {
  await openTab(page, "Rules");
  await choose(page, "Preset", name);
  await waitFor(
    () => textOf(page, "pack-name"),
    (t) => t === `Rule pack: ${name}`,
    "the pack's name",
  );
}

/** A run's last status: done, cancelled (a first run or a re-run), failed or refused before it starts. */
const FINAL = /^(Done|Cancelled|Re-run cancelled|Failed|Cannot run)/;

interface StatusWatch {
  __rgoStatusSeen: string[];
  __rgoStagesSeen: string[];
  __rgoStatusObserver?: MutationObserver;
}

/**
 * Records every distinct text the run status shows from now on (a MutationObserver in the page),
 * so a new run is recognised even when it ends with the same text as the previous one.
 */
export async function watchRunStatus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as StatusWatch;
    const read = (id: string): string =>
      (document.querySelector(`[data-testid="${id}"]`)?.textContent ?? "").trim();
    const note = (list: string[], t: string): void => {
      if (list[list.length - 1] !== t) list.push(t);
    };
    w.__rgoStatusObserver?.disconnect();
    w.__rgoStatusSeen = [];
    w.__rgoStagesSeen = [];
    w.__rgoStatusObserver = new MutationObserver(() => {
      note(w.__rgoStatusSeen, read("run-status"));
      note(w.__rgoStagesSeen, read("run-stage"));
    });
    w.__rgoStatusObserver.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

/** Status texts seen since watchRunStatus. */
export async function statusSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as StatusWatch).__rgoStatusSeen);
}

/** Stage names (data-testid "run-stage") seen since watchRunStatus, empty ones dropped. */
export async function stagesSeen(page: Page): Promise<string[]> {
  const all = await page.evaluate(() => (window as unknown as StatusWatch).__rgoStagesSeen);
  return all.filter((t) => t !== "");
}

/**
 * Waits until the run started after watchRunStatus ends: the status went through a non-final text
 * (running) and shows a final one (Done / Cancelled / Failed). A run refused at once, leaving the
 * same final text, is recognised after `settleMs` without change.
 */
export async function waitForRunEnd(page: Page, timeoutMs = RUN_TIMEOUT_MS, settleMs = 5000) {
  const t0 = Date.now();
  const seen = await waitFor(
    () => statusSeen(page),
    (s) =>
      (s.some((t) => !FINAL.test(t)) && FINAL.test(s[s.length - 1] ?? "")) ||
      (s.length > 0 && s.every((t) => FINAL.test(t)) && Date.now() - t0 > settleMs) ||
      (s.length === 0 && Date.now() - t0 > settleMs),
    "the run to finish",
    timeoutMs,
  );
  return seen.length > 0 ? seen[seen.length - 1] : textOf(page, "run-status");
}

/** Clicks "Run analysis" (Run tab) and waits for the run's final status; returns it. */
export async function runAnalysis(page: Page): Promise<string> {
  await openTab(page, "Run");
  await watchRunStatus(page);
  await page.getByRole("button", { name: "Run analysis" }).click();
  return waitForRunEnd(page);
}

/**
 * Clicks "Run analysis" (Run tab open) and, once Cancel is enabled, Cancel; returns the time of
 * the click on Cancel (Date.now()). The run's end is for waitForRunEnd.
 */
export async function startThenCancel(page: Page): Promise<number> {
  await watchRunStatus(page);
  await page.getByRole("button", { name: "Run analysis" }).click();
  const cancel = page.getByRole("button", { name: "Cancel" });
  await waitFor(
    () => cancel.isEnabled(),
    (v) => v,
    "Cancel to be enabled",
    10_000,
  );
  const at = Date.now();
  await cancel.click({ timeout: 5_000 });
  return at;
}

/** The headline figures as shown. */
export async function headlines(page: Page): Promise<Record<string, string>> {
  const ids = [
    "customers-with-gaps",
    "gap-count",
    "total-gap",
    "revenue-at-risk",
    "exposure",
    "churn-risk",
  ];
  const out: Record<string, string> = {};
  for (const id of ids) out[id] = await textOf(page, `headline-${id}`);
  return out;
}

/** Money as shown ("$22,583.22") in cents. */
export function moneyCents(text: string): number {
  const m = /-?\$?(-?[\d,]+\.\d{2})/.exec(text);
  if (!m) throw new Error(`not money: ${text}`);
  return Math.round(Number(m[1].replace(/,/g, "")) * 100) * (text.trim().startsWith("-") ? -1 : 1);
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}
