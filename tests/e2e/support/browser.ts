/**
 * Headless Debian Chromium through playwright-core, with a fresh profile (user data dir) per run
 * and no background networking, so runs are deterministic and offline.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { REPO } from "./build-pane";

export const CHROMIUM = process.env.RGO_CHROMIUM ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = resolve(REPO, "out/screenshots");

export interface Browser {
  context: BrowserContext;
  /** Temp folder of this run (profile, downloads, inputs). */
  tempDir: string;
  close(): Promise<void>;
}

/** Launches Chromium; fails with the apt line to run when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (as root: apt-get install -y chromium; ` +
        "scripts/ensure-system-deps.sh does it) or set RGO_CHROMIUM",
    );
  const tempDir = mkdtempSync(join(tmpdir(), "rgo-e2e-"));
  const context = await chromium.launchPersistentContext(join(tempDir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 500, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-dev-shm-usage",
      "--no-first-run",
    ],
  });
  return {
    context,
    tempDir,
    async close() {
      await context.close();
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

/** Saves the page at 320 px and 500 px wide as out/screenshots/<name>-<width>.png. */
export async function screenshotWidths(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewportSize() ?? { width: 500, height: 900 };
  const files: string[] = [];
  for (const width of [320, 500]) {
    await page.setViewportSize({ width, height: before.height });
    await page.waitForTimeout(150);
    const file = join(SCREENSHOT_DIR, `${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  await page.setViewportSize(before);
  return files;
}
