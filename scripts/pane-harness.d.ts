/** Types of scripts/pane-harness.js (shared by tests/e2e and scripts/bench-pane.js). */
import type { BrowserContext } from "playwright-core";

export const REPO: string;
export const CHROMIUM: string;

export interface StaticServer {
  /** Origin, e.g. "http://localhost:41234". */
  origin: string;
  close(): Promise<void>;
}

export function buildPane(outDir: string, options?: { showOutput?: boolean }): string;
export function serveStatic(dir: string): Promise<StaticServer>;
export function launchChromium(
  profileDir: string,
  options?: { acceptDownloads?: boolean },
): Promise<BrowserContext>;
