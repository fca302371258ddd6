/**
 * Money texts in the run's currency (issue 11): with --currency EUR, no text cell RGO writes says
 * "$" (the built-in packs name amounts without a symbol, so RGO Rules too), and the deal and rep why
 * texts of the sales pipeline give their amounts in euros: the amounts are the deals' own values
 * from deals.csv (read here), and each why is the USD run's why with "€" for "$" (a label, never a
 * conversion).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { workbookTexts } from "../support/workbook-texts";
import { runCli, SEED_DIR, tempDir } from "./run-cli";

/** The default pack with a deal rule and a rep rule that compare money facts. */
function moneyRulesPack(file: string): void {
  const pack = JSON.parse(JSON.stringify(BUILTIN_PACKS.default)) as {
    rules: unknown[];
  };
  pack.rules.push(
    {
      name: "deal-large",
      conditions: {
        all: [
          { fact: "status", operator: "equal", value: "active" },
          { fact: "value", operator: "greaterThanInclusive", value: 100000 },
        ],
      },
      event: { type: "deal-flag", params: { flag: "at_risk" } },
    },
    {
      name: "rep-large-pipeline",
      conditions: { all: [{ fact: "pipelineValue", operator: "greaterThan", value: 150000 }] },
      event: { type: "rep-flag", params: { flag: "needs_coaching" } },
    },
  );
  writeFileSync(file, JSON.stringify(pack));
}

/** The Why column of the table on `sheet` whose header has "Why", keyed by its first column. */
async function whys(file: string, sheet: string): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet);
  const out = new Map<string, string>();
  let whyCol = -1;
  ws?.eachRow((row) => {
    const values = row.values as unknown[];
    if (whyCol < 0) {
      whyCol = values.indexOf("Why");
      return;
    }
    const key = values[1];
    if (key !== undefined && key !== null) out.set(String(key), String(values[whyCol] ?? ""));
  });
  return out;
}

const grouped = (n: number): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");

describe("seed data with money rules on deals and reps, in euros and in dollars", () => {
  const dir = tempDir("wording");
  const pack = join(dir, "pack.json");
  const eur = join(dir, "eur.xlsx");
  const usd = join(dir, "usd.xlsx");
  beforeAll(async () => {
    moneyRulesPack(pack);
    const a = await runCli(
      ["analyze", SEED_DIR, "--rules", pack, "--currency", "EUR"].concat(["--out", eur, "--quiet"]),
    );
    expect(a.code).toBe(0);
    const b = await runCli(["analyze", SEED_DIR, "--rules", pack, "--out", usd, "--quiet"]);
    expect(b.code).toBe(0);
  }, 120_000);

  test("no text cell of a euro run says $, RGO Rules (the pack as written) included", async () => {
    let euros = 0;
    for (const c of await workbookTexts(eur)) {
      expect(`${c.sheet}!${c.address}: ${c.text}`).not.toMatch(/\$/);
      if (c.text.includes("€")) euros++;
    }
    expect(euros).toBeGreaterThan(10);
  });

  test("deal whys name each large active deal's own value and the threshold in euros", async () => {
    const lines = readFileSync(join(SEED_DIR, "deals.csv"), "utf8").trim().split(/\r?\n/);
    const header = lines[0].split(",");
    const [id, value, status] = ["deal_id", "deal_value_usd", "status"].map((h) =>
      header.indexOf(h),
    );
    const large = lines
      .slice(1)
      .map((l) => l.split(","))
      .filter((f) => f[status] === "active" && Number(f[value]) >= 100000);
    expect(large.length).toBeGreaterThan(0);
    const deals = await whys(eur, "RGO Pipeline");
    for (const f of large) {
      const why = deals.get(f[id]) ?? "";
      expect(why).toContain("deal-large:");
      expect(why).toContain(`€${grouped(Number(f[value]))}.00 is at or above €100,000.00`);
    }
  });

  test("each euro why is the dollar run's why with € for $; some name money", async () => {
    for (const sheet of ["RGO Pipeline", "RGO Reps", "RGO Gaps"]) {
      const e = await whys(eur, sheet);
      const u = await whys(usd, sheet);
      expect([...e.keys()]).toEqual([...u.keys()]);
      let money = 0;
      for (const [k, why] of u) {
        if (why.includes("$")) money++;
        expect(e.get(k)).toBe(why.replace(/\$/g, "€"));
      }
      expect(`${sheet}: ${money}`).not.toBe(`${sheet}: 0`);
    }
  });
});

test.each(Object.keys(BUILTIN_PACKS))(
  "built-in pack %s names no currency symbol: its amounts are in the run's currency",
  (name) => {
    expect(JSON.stringify(BUILTIN_PACKS[name])).not.toMatch(/[$£€¥]/);
  },
);
