/**
 * The result workbook opens in independent readers (openpyxl, LibreOffice) and text from the
 * input that looks like a formula is stored as text, never as a formula.
 */
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { checkXlsx, convertWithLibreOffice } from "../workbook/external-tools";
import { runCli, tempDir } from "./run-cli";

const EVIL = '=HYPERLINK("http://x","y")';

/** Six customers x 12 weeks; the formula-looking customer's spend halves in the last 4 weeks. */
function writeInput(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const ids = [EVIL, "+SUM(1,2)", "C3", "C4", "@cmd", "C6"];
  const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(
    join(dir, "customers.csv"),
    ["customer_id,loyalty_member", ...ids.map((id) => `${quote(id)},Yes`)].join("\n"),
  );
  const lines = ["customer_id,week_start_date,weekly_spend"];
  ids.forEach((id, c) => {
    for (let w = 0; w < 12; w++) {
      const day = new Date(Date.UTC(2025, 8, 6 + 7 * w)).toISOString().slice(0, 10);
      const declining = c % 2 === 0 && w >= 8;
      lines.push(`${quote(id)},${day},${declining ? 40 : 100 + c}`);
    }
  });
  writeFileSync(join(dir, "weekly_sales.csv"), lines.join("\n"));
}

test("result workbook: every RGO sheet, opens in openpyxl and LibreOffice, formula-looking ids stay text", async () => {
  const dir = tempDir("book");
  writeInput(join(dir, "in"));
  const out = join(dir, "results.xlsx");
  const json = join(dir, "s.json");
  const run = await runCli([
    "analyze",
    join(dir, "in"),
    "--rules",
    "seed-tier2",
    "--out",
    out,
    "--json",
    json,
    "--quiet",
  ]);
  expect(run.code).toBe(0);

  const book = await checkXlsx(out, 50);
  expect(book.sheets.map((s) => s.name)).toEqual(
    expect.arrayContaining([
      "RGO Summary",
      "RGO Gaps",
      "RGO Customers",
      "RGO Churn",
      "RGO Rules",
      "RGO Issues",
    ]),
  );
  for (const sheet of book.sheets) expect(sheet.formula_cells).toBe(0);

  const gaps = book.sheets.find((s) => s.name === "RGO Gaps");
  if (!gaps) throw new Error("no RGO Gaps sheet");
  expect(gaps.tables.length).toBe(1);
  expect(gaps.freeze_panes).toBe("A2");
  const header = gaps.rows[0] as string[];
  const idCol = header.findIndex((h) => /customer/i.test(h));
  expect(idCol).toBeGreaterThanOrEqual(0);
  const idCells = gaps.rows
    .slice(1)
    .map((r, i) => ({ value: r[idCol], type: gaps.types[i + 1][idCol] }));
  const evil = idCells.filter((c) => c.value === EVIL);
  // Customers EVIL, "@cmd" and C3 decline: EVIL appears with its text intact, typed as a string.
  expect(evil.length).toBeGreaterThan(0);
  for (const c of evil) expect(c.type).toBe("s");
  expect(idCells.some((c) => c.value === "@cmd" && c.type === "s")).toBe(true);

  const summary = JSON.parse(readFileSync(json, "utf8")) as { topGaps: { customerId: string }[] };
  expect(summary.topGaps.map((g) => g.customerId)).toContain(EVIL);

  const pdfDir = join(dir, "pdf");
  await convertWithLibreOffice(out, "pdf", pdfDir, join(dir, "profile"));
  const pdf = join(pdfDir, "results.pdf");
  expect(existsSync(pdf)).toBe(true);
  expect(statSync(pdf).size).toBeGreaterThan(1000);
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
});
