/**
 * End-to-end, issue 13: no camelCase or snake_case identifier (IDENTIFIER_PATTERN, the label
 * registry's) in the pane's visible text. After a run on the built-in sample with the default
 * pack, and again with seed-tier2, every step is walked at 350 px (Data, Rules with its thresholds
 * form, Run with results and issues, every result sheet's view, Drill-down with its picker open,
 * Sample data) and document.body.innerText is scanned; a failure prints the offending lines.
 *
 * Excluded, specifically: the user's words. The sample workbook's sheet names, headers and text
 * cells (generated here exactly as the pane's worker writes them: the same generator, 500 x 26,
 * seed 42), the built-in pack names, and in the RGO Rules sheet view the cells of its "Pack JSON"
 * column (the pack in its own language, as the user edits it).
 */
import type { Page } from "playwright-core";
import { IDENTIFIER_PATTERN } from "../../src/engine/registry/labels";
import { generateSample } from "../../src/engine/sample/generate-sample";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { startPaneSession, type PaneSession } from "./support/browser";
import { choose, choosePreset, openTab, runAnalysis, textOf, waitFor } from "./support/pane-driver";

let session: PaneSession;
let page: Page;
const figures: Record<string, number | string> = {};

const IDENT = new RegExp(IDENTIFIER_PATTERN.source, "g");

/** Every identifier-shaped word in `text`. */
const identifiers = (text: string): string[] => text.match(IDENT) ?? [];

/** The user's words: identifier-shaped words in the sample workbook and the pack names. */
function userWords(): Set<string> {
  const sample = generateSample({ customers: 500, weeks: 26, seed: 42 });
  const words = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === "string") for (const w of identifiers(v)) words.add(w);
  };
  for (const t of sample.tables) {
    add(t.name);
    t.header.forEach(add);
    for (const row of t.rows) row.forEach(add);
  }
  for (const name of Object.keys(BUILTIN_PACKS)) identifiers(name).forEach((w) => words.add(w));
  return words;
}

const USER = userWords();
/**
 * Lines of the page's visible text with an identifier not among the user's words, prefixed by
 * `where`. `skipPackJson`: the cells of an open sheet view's "Pack JSON" column (RGO Rules: the
 * pack in its own language, as the user edits it) are left out while the text is read.
 */
async function offending(where: string, skipPackJson = false): Promise<string[]> {
  const text = await page.evaluate((skip) => {
    const hidden: HTMLElement[] = [];
    if (skip)
      for (const table of document.querySelectorAll("dialog table")) {
        const heads = [...table.querySelectorAll("thead th")].map((h) => h.textContent?.trim());
        const k = heads.indexOf("Pack JSON");
        if (k < 0) continue;
        for (const row of table.querySelectorAll("tbody tr")) {
          const cell = row.children[k] as HTMLElement | undefined;
          if (cell === undefined) continue;
          cell.style.display = "none";
          hidden.push(cell);
        }
      }
    const read = document.body.innerText;
    for (const cell of hidden) cell.style.display = "";
    return { read, skipped: hidden.length };
  }, skipPackJson);
  if (skipPackJson) figures[`packJsonCellsSkipped ${where}`] = text.skipped;
  const lines = text.read.split("\n");
  figures.linesRead = Number(figures.linesRead ?? 0) + lines.length;
  return lines
    .filter((line) => identifiers(line).some((w) => !USER.has(w)))
    .map((line) => {
      const bad = identifiers(line).filter((w) => !USER.has(w));
      return `${where}: [${bad.join(", ")}] ${line.trim().slice(0, 300)}`;
    });
}

/** The Data step once its check has finished. */
async function dataStep(): Promise<void> {
  await openTab(page, "Data");
  await waitFor(
    async () =>
      (await page.getByTestId("data-validation").count()) === 0 ||
      !(await textOf(page, "data-validation")).includes("Checking"),
    (done) => done,
    "the data check to finish",
  );
}

/** Every step after a run (the thresholds form, the picker open, a customer's detail); the offending lines. */
async function steps(pack: string): Promise<string[]> {
  const out: string[] = [];
  await dataStep();
  out.push(...(await offending(`${pack} / Data`)));
  await openTab(page, "Rules");
  out.push(...(await offending(`${pack} / Rules`)));
  await openTab(page, "Run");
  out.push(...(await offending(`${pack} / Run`)));
  await openTab(page, "Drill-down");
  // The picker's list open, then the first customer's detail.
  const combo = page.getByRole("combobox", { name: "Customer", exact: true });
  await combo.click();
  await page.getByRole("option").first().waitFor({ state: "visible" });
  out.push(...(await offending(`${pack} / Drill-down picker`)));
  await page.keyboard.press("Escape");
  await choose(page, "Customer", /^1\. /);
  await page.getByTestId("drill-facts").waitFor({ state: "visible" });
  out.push(...(await offending(`${pack} / Drill-down`)));
  await openTab(page, "Sample data");
  out.push(...(await offending(`${pack} / Sample data`)));
  return out;
}

/** Every result sheet's view (Run step); the offending lines. */
async function views(pack: string): Promise<string[]> {
  const out: string[] = [];
  await openTab(page, "Run");
  const names = (await page.getByRole("button", { name: /^Open RGO / }).allTextContents()).map(
    (t) => t.trim().replace(/^Open /, ""),
  );
  expect(names).toEqual(expect.arrayContaining(["RGO Summary", "RGO Gaps", "RGO Customers"]));
  figures[`${pack} views`] = names.length;
  for (const name of names) {
    await page.getByRole("button", { name: `Open ${name}`, exact: true }).click();
    const dialog = page.getByRole("dialog", { name });
    await dialog.waitFor({ state: "visible" });
    out.push(...(await offending(`${pack} / ${name} view`, name === "RGO Rules")));
    await page.keyboard.press("Escape");
    await waitFor(
      () => page.getByRole("dialog").count(),
      (n) => n === 0,
      `${name} to close`,
    );
  }
  return out;
}

/** Fails with the offending lines printed (all of them, one per line). */
function expectNone(bad: string[]): void {
  if (bad.length > 0) console.log(`${bad.length} lines with engine names:\n${bad.join("\n")}`);
  expect(bad).toEqual([]);
}

beforeAll(async () => {
  session = await startPaneSession();
  page = session.page;
  await page.setViewportSize({ width: 350, height: 900 });
}, 600_000);

afterAll(async () => {
  if (Object.keys(figures).length > 0) console.log(`e2e words figures: ${JSON.stringify(figures)}`);
  await session?.close();
});

describe("the pane's visible text has no engine names", () => {
  test("the first screen", async () => {
    await page.goto(`${session.server.origin}/taskpane.html`);
    await page.getByRole("tab", { name: "Data", exact: true }).waitFor({ state: "visible" });
    expect(await offending("first screen")).toEqual([]);
  });

  test("after a run on the built-in sample with the default pack: every step", async () => {
    await page.getByRole("button", { name: "Try the sample" }).click();
    await waitFor(
      () => page.evaluate(() => document.activeElement?.id ?? ""),
      (id) => id === "rgo-run-button",
      "the sample to be written",
      120_000,
    );
    expect(await runAnalysis(page)).toMatch(/^Done/);
    // Some of the sample's words are identifiers (its sheet and column names): the exclusion is
    // in use, not idle.
    expect(USER.size).toBeGreaterThan(0);
    const bad = await steps("default");
    expectNone(bad);
  });

  test("default: every result sheet's view", async () => {
    expectNone(await views("default"));
  });

  test("with seed-tier2 (the thresholds form): every step after its run", async () => {
    await choosePreset(page, "seed-tier2");
    expect(await runAnalysis(page)).toMatch(/^Done/);
    expectNone(await steps("seed-tier2"));
  });

  test("seed-tier2: every result sheet's view", async () => {
    expectNone(await views("seed-tier2"));
  });

  test("no uncaught errors on the page", () => {
    expect(session.pageErrors).toEqual([]);
  });
});
