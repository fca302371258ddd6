/**
 * Builds the task pane once for the end-to-end tests: production mode (the code users get) with
 * office.js served locally (`--env officejs=local`), into out/e2e-web so dist-web/ is left alone.
 * `RGO_E2E_WEB=<dir>` reuses an existing build instead (e.g. from scripts/bench-pane.js).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { buildPane as buildWithWebpack, REPO } from "../../../scripts/pane-harness";

export { REPO };

/** Builds (or reuses) the pane and returns the folder to serve. */
export function buildPane(outDir = resolve(REPO, "out/e2e-web")): string {
  const reuse = process.env.RGO_E2E_WEB;
  if (reuse) {
    const dir = resolve(REPO, reuse);
    if (!existsSync(resolve(dir, "taskpane.html")))
      throw new Error(`RGO_E2E_WEB=${reuse} has no taskpane.html`);
    return dir;
  }
  return buildWithWebpack(outDir);
}
