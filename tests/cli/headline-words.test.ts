/**
 * The CLI headline (`rgo analyze`'s first lines) speaks in the label registry's words: gap
 * types, causes and money per period, never an engine identifier, with the seed figures of
 * seed-logic 7.2 (seed-tier2) in it.
 */
import { formatHeadline } from "../../src/cli/headline";
import { loadPack } from "../../src/cli/load-pack";
import { runAnalysis } from "../../src/engine/pipeline/run-analysis";
import { IDENTIFIER_PATTERN } from "../../src/engine/registry/labels";
import { readInput } from "../../src/workbook/read-input";
import { RUN_AT } from "../engine/seed-helpers";
import { SEED_DIR } from "./run-cli";

async function headline(pack: string): Promise<string> {
  const out = await runAnalysis(await readInput(SEED_DIR), await loadPack(pack), { runAt: RUN_AT });
  return formatHeadline(out.summary);
}

test("seed-tier2: gap types in words with the seed counts, the #1 gap as the drill-down says it", async () => {
  const text = await headline("seed-tier2");
  expect(text).toContain("Gaps             343 (");
  expect(text).toContain("Declining revenue 155");
  expect(text).toContain("Below baseline 135");
  expect(text).toContain("No spend 53");
  expect(text).toContain("Total gap        $22,583.22 a week (all gap rows)");
  expect(text).toContain("customer 154  Below baseline (high): $186.26 a week, score 8.35");
  for (const line of text.split("\n"))
    expect(`${line} ${IDENTIFIER_PATTERN.test(line)}`).toBe(`${line} false`);
});

test("default pack: causes in words, no engine identifier on any line", async () => {
  const text = await headline("default");
  expect(text).toMatch(
    /cause: (Customer stopped buying|Stockout|Structural decline|Softer demand)/,
  );
  for (const line of text.split("\n").filter((l) => !l.startsWith("Rule pack")))
    expect(`${line} ${IDENTIFIER_PATTERN.test(line)}`).toBe(`${line} false`);
});
