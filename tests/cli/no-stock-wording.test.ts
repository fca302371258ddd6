/**
 * Without stock data no text RGO writes claims the store was in stock (issue 11): every built-in
 * pack on the seed data with the stock table left out. Every text cell of the results workbook
 * (RGO Rules, the pack as written, included), every why in it, the summary JSON and the
 * drill-down's fact descriptions are free of "in stock" / "in-stock"; the methodology says that
 * stockouts could not be assessed. With the stock table, the same run keeps today's wording.
 */
import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readInput } from "../../src/workbook/read-input";
import { runAnalysis } from "../../src/engine/pipeline/run-analysis";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { customerDetail } from "../../src/taskpane/worker/customer-detail";
import { workbookTexts, type TextCell } from "../support/workbook-texts";
import { runCli, SEED_DIR, tempDir } from "./run-cli";

const IN_STOCK = /\bin[\s-]stock\b/i;
const NO_STOCK = "Stockouts could not be assessed (no stock data)";
const isStock = (file: string): boolean => /stock/i.test(file);

/** The seed folder without its stock table, in a temporary folder. */
function seedWithoutStock(): string {
  const dir = tempDir("nostock");
  const files = readdirSync(SEED_DIR).filter((f) => f.endsWith(".csv"));
  expect(files.some(isStock)).toBe(true);
  for (const f of files.filter((x) => !isStock(x))) copyFileSync(join(SEED_DIR, f), join(dir, f));
  return dir;
}

const PACKS = Object.keys(BUILTIN_PACKS);

test("the built-in packs are default, seed-tier2 and seed-v2", () => {
  expect([...PACKS].sort()).toEqual(["default", "seed-tier2", "seed-v2"]);
});

describe.each(PACKS)("pack %s on the seed data without the stock table", (pack) => {
  const input = seedWithoutStock();
  const out = tempDir(`nostock-${pack}`);
  let cells: TextCell[] = [];
  let json = "";
  beforeAll(async () => {
    const run = await runCli(
      ["analyze", input, "--rules", pack, "--quiet"].concat([
        "--out",
        join(out, "r.xlsx"),
        "--json",
        join(out, "r.json"),
      ]),
    );
    expect(run.code).toBe(0);
    cells = await workbookTexts(join(out, "r.xlsx"));
    json = readFileSync(join(out, "r.json"), "utf8");
  }, 120_000);

  test("no written cell and nothing in the summary JSON says in stock", () => {
    expect(cells.length).toBeGreaterThan(100);
    expect(cells.filter((c) => IN_STOCK.test(c.text))).toEqual([]);
    expect(json).not.toMatch(IN_STOCK);
  });

  test("the methodology says stockouts could not be assessed; the why texts are there", () => {
    expect(cells.some((c) => c.sheet === "RGO Summary" && c.text.includes(NO_STOCK))).toBe(true);
    const whys = cells.filter((c) => c.sheet === "RGO Gaps" && c.text.includes("Rules: "));
    expect(whys.length).toBeGreaterThan(0);
  });

  test("no why and no fact description of the drill-down says in stock", async () => {
    const workbook = await readInput(input);
    expect(workbook.tables.some((t) => isStock(t.name))).toBe(false);
    const checked = validatePack(BUILTIN_PACKS[pack], RGO_REGISTRY);
    if (!checked.ok) throw new Error(`${pack} invalid`);
    const r = await runAnalysis(workbook, checked, { runAt: new Date("2025-11-25T09:00:00Z") });
    expect(r.result.stockAssessed).toBe(false);
    expect(r.result.gaps.length).toBeGreaterThan(0);
    for (const g of r.result.gaps) expect(g.why).not.toMatch(IN_STOCK);
    for (const t of r.result.triggers) expect(t.why).not.toMatch(IN_STOCK);
    for (const d of r.result.pipeline?.deals ?? []) expect(d.why).not.toMatch(IN_STOCK);
    for (const rep of r.result.pipeline?.reps ?? []) expect(rep.why).not.toMatch(IN_STOCK);
    const ids = new Set(r.result.gaps.map((g) => g.customerId));
    for (const id of ids) {
      const detail = customerDetail(r.dataset, r.result, id);
      expect(detail).not.toBeNull();
      for (const f of detail?.facts ?? []) expect(f.description ?? "").not.toMatch(IN_STOCK);
      for (const g of detail?.gaps ?? []) expect(g.why).not.toMatch(IN_STOCK);
    }
  }, 120_000);
});

test("with the stock table the drill-down keeps the stock wording of the facts", async () => {
  const workbook = await readInput(SEED_DIR);
  const checked = validatePack(BUILTIN_PACKS.default, RGO_REGISTRY);
  if (!checked.ok) throw new Error("default invalid");
  const r = await runAnalysis(workbook, checked, { runAt: new Date("2025-11-25T09:00:00Z") });
  expect(r.result.stockAssessed).not.toBe(false);
  const id = r.result.gaps[0].customerId;
  const facts = customerDetail(r.dataset, r.result, id)?.facts ?? [];
  expect(facts.some((f) => IN_STOCK.test(f.description ?? ""))).toBe(true);
}, 120_000);
