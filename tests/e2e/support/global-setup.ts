/**
 * Builds the pane once for all the e2e files (each file reuses it through RGO_E2E_WEB), unless
 * RGO_E2E_WEB already names a build.
 */
import { resolve } from "node:path";
import { buildPane, REPO } from "../../../scripts/pane-harness";

/** The mock language model of narrative.e2e.ts: the one origin the e2e pane's CSP lets it reach. */
export const E2E_LLM_ORIGIN = "http://127.0.0.1:18431";

export default function globalSetup(): void {
  if (process.env.RGO_E2E_WEB) return;
  process.env.RGO_LLM_ORIGIN ??= E2E_LLM_ORIGIN;
  const dir = buildPane(resolve(REPO, "out/e2e-web"));
  process.env.RGO_E2E_WEB = dir;
}
