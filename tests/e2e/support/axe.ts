/**
 * axe-core (the devDependency) injected into the page: runs the WCAG 2.x A/AA rules plus axe's best
 * practices on the page as it is, at each width asked, and returns the critical and serious
 * violations as "rule: target (summary)" lines, so a failing test names what to fix.
 */
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { REPO } from "../../../scripts/pane-harness";

const AXE = resolve(REPO, "node_modules/axe-core/axe.min.js");

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: AxeNode[];
}

/** Critical and serious violations on the page now, one line per element. */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === "object");
  if (!loaded) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations;
  });
  return violations
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${n.target.join(" ")} — ${(n.failureSummary ?? "").split("\n").slice(0, 3).join(" ")}`,
      ),
    );
}

/** The violations at each of `widths` (px), labelled "<what> at <w> px: …"; empty when none. */
export async function axeAtWidths(
  page: Page,
  what: string,
  widths: readonly number[] = [350, 500],
): Promise<string[]> {
  const before = page.viewportSize() ?? { width: 500, height: 900 };
  const out: string[] = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: before.height });
    await page.waitForTimeout(100);
    for (const v of await axeViolations(page)) out.push(`${what} at ${width} px: ${v}`);
  }
  await page.setViewportSize(before);
  return out;
}
