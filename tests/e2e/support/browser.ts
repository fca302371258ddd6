/**
 * Headless Debian Chromium through playwright-core, with a fresh profile (user data dir) per run
 * and no background networking, so runs are deterministic and offline.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import {
  launchChromium,
  REPO,
  serveStatic,
  type StaticServer,
} from "../../../scripts/pane-harness";
import { buildPane } from "./build-pane";

export const SCREENSHOT_DIR = resolve(REPO, "out/screenshots");

export interface Browser {
  context: BrowserContext;
  /** Temp folder of this run (profile, downloads, inputs). */
  tempDir: string;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile; fails with the apt line to run when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  const tempDir = mkdtempSync(join(tmpdir(), "rgo-e2e-"));
  const context = await launchChromium(join(tempDir, "profile"), { acceptDownloads: true });
  return {
    context,
    tempDir,
    async close() {
      await context.close();
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

/** Saves the page at 350 px and 500 px wide as out/screenshots/<name>-<width>.png. */
export async function screenshotWidths(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewportSize() ?? { width: 500, height: 900 };
  const files: string[] = [];
  for (const width of [350, 500]) {
    await page.setViewportSize({ width, height: before.height });
    await page.waitForTimeout(150);
    const file = join(SCREENSHOT_DIR, `${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  await page.setViewportSize(before);
  return files;
}

/** The built pane served, a browser and its page (30 s default timeout), uncaught page errors collected. */
export interface PaneSession {
  server: StaticServer;
  browser: Browser;
  page: Page;
  pageErrors: string[];
  close(): Promise<void>;
}

export async function startPaneSession(): Promise<PaneSession> {
  const server = await serveStatic(buildPane());
  const browser = await launchBrowser();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(30_000);
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return {
    server,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
