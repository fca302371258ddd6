/**
 * Builds the pane once for all the e2e files (each file reuses it through RGO_E2E_WEB), unless
 * RGO_E2E_WEB already names a build.
 */
import { resolve } from "node:path";
import { buildPane, REPO } from "../../../scripts/pane-harness";

export default function globalSetup(): void {
  if (process.env.RGO_E2E_WEB) return;
  const dir = buildPane(resolve(REPO, "out/e2e-web"));
  process.env.RGO_E2E_WEB = dir;
}
