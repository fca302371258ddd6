/**
 * Builds the task pane once for the end-to-end tests: production mode (the code users get) with
 * office.js served locally (`--env officejs=local`), into out/e2e-web so dist-web/ is left alone.
 * `RGO_E2E_WEB=<dir>` reuses an existing build instead (e.g. from scripts/bench-pane.js). Within
 * one test process the build is made once: the e2e suites run one after another in the same jest
 * worker (jest.e2e.config.js, one worker), and a marker names the process that built it.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildPane as buildWithWebpack, REPO } from "../../../scripts/pane-harness";

export { REPO };

/** This process: its id and start time in seconds (an id alone may come back in a later run). */
function thisProcess(): { pid: number; started: number } {
  return { pid: process.pid, started: Date.now() / 1000 - process.uptime() };
}

/** Whether the marker says this process made the build. */
function builtByThisProcess(marker: string): boolean {
  if (!existsSync(marker)) return false;
  try {
    const m = JSON.parse(readFileSync(marker, "utf8")) as { pid?: unknown; started?: unknown };
    const me = thisProcess();
    return (
      m.pid === me.pid && typeof m.started === "number" && Math.abs(m.started - me.started) < 2
    );
  } catch {
    return false;
  }
}

/** Builds (or reuses) the pane and returns the folder to serve. */
export function buildPane(outDir = resolve(REPO, "out/e2e-web")): string {
  const reuse = process.env.RGO_E2E_WEB;
  if (reuse) {
    const dir = resolve(REPO, reuse);
    if (!existsSync(resolve(dir, "taskpane.html")))
      throw new Error(`RGO_E2E_WEB=${reuse} has no taskpane.html`);
    return dir;
  }
  const marker = resolve(outDir, ".built-by.json");
  if (existsSync(resolve(outDir, "taskpane.html")) && builtByThisProcess(marker)) return outDir;
  const dir = buildWithWebpack(outDir);
  writeFileSync(marker, JSON.stringify(thisProcess()));
  return dir;
}
