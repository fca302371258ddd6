/**
 * Currency through the CLI (issue 11): the Online Retail workbook with --currency GBP writes every
 * money cell in pounds (the same cells a USD run writes in dollars, with the same values);
 * a workbook whose revenue column has a £ number format is GBP without the flag; "€" money text
 * in CSV is EUR; £ and € in one column exit 2 naming both; --currency > pack parameter > input.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli, SEED_DIR, SHARED_DATA, tempDir } from "./run-cli";

const RETAIL = join(SHARED_DATA, "real/online-retail-uci-sample40k/Online Retail.xlsx");
const MONEY_FORMAT = /0\.00|#,##0/; // number formats of amounts (money, counts); filtered below

interface FormattedCell {
  at: string;
  value: number;
  numFmt: string;
}

/** Every number cell whose format carries a currency symbol or quoted prefix. */
async function moneyCells(file: string): Promise<FormattedCell[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: FormattedCell[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const fmt = cell.numFmt ?? "";
        if (typeof cell.value === "number" && MONEY_FORMAT.test(fmt) && /[$£€"]/.test(fmt))
          out.push({ at: `${ws.name}!${cell.address}`, value: cell.value, numFmt: fmt });
      }),
    ),
  );
  return out;
}

const available = existsSync(RETAIL);
(available ? test : test.skip)(
  "Online Retail --currency GBP: every money cell in pounds, the same cells and values as in dollars",
  async () => {
    const dir = tempDir("gbp");
    const gbp = await runCli([
      "analyze",
      RETAIL,
      "--currency",
      "GBP",
      "--out",
      join(dir, "r.xlsx"),
      "--json",
      join(dir, "r.json"),
    ]);
    expect(gbp.code).toBe(0);
    const usd = await runCli([
      "analyze",
      RETAIL,
      "--out",
      join(dir, "u.xlsx"),
      "--json",
      join(dir, "u.json"),
    ]);
    expect(usd.code).toBe(0);

    const pounds = await moneyCells(join(dir, "r.xlsx"));
    const dollars = await moneyCells(join(dir, "u.xlsx"));
    expect(pounds.length).toBeGreaterThan(10);
    for (const c of pounds) {
      expect(c.numFmt).toContain("£");
      expect(c.numFmt).not.toContain("$");
    }
    // The USD run (no currency information in the file's plain numbers) is dollars, as always.
    for (const c of dollars) expect(c.numFmt).toBe("$#,##0.00;[Red]-$#,##0.00");
    expect(pounds.map((c) => [c.at, c.value])).toEqual(dollars.map((c) => [c.at, c.value]));

    const j = JSON.parse(readFileSync(join(dir, "r.json"), "utf8"));
    const u = JSON.parse(readFileSync(join(dir, "u.json"), "utf8"));
    expect(j.summary.currency).toBe("GBP");
    expect(u.summary.currency).toBeUndefined();
    const { currency: _c, ...figures } = j.summary;
    expect(figures).toEqual(u.summary);
    expect(j.topGaps).toEqual(u.topGaps);

    // Headline and why texts: £, never $.
    expect(gbp.out).toMatch(/Revenue at risk {2}£[\d,]+\.\d\d a week/);
    expect(gbp.out).not.toContain("$");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "r.xlsx"));
    const gaps = wb.getWorksheet("RGO Gaps");
    const whyCol = (gaps?.getRow(1).values as unknown[]).indexOf("Why");
    const why = String(gaps?.getRow(2).getCell(whyCol).value ?? "");
    expect(why).toContain("£");
    expect(why).not.toContain("$");
  },
  360_000,
);

const SEED_SALES = (rows: number): string[][] =>
  readFileSync(join(SEED_DIR, "retail_weekly_sales.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(0, rows + 1)
    .map((l) => l.split(",").slice(0, 3)); // customer_id, week_start_date, weekly_spend

/** The first seed sales rows as a workbook; revenue cells get `fmtOf(row index)`. */
async function seedBook(file: string, fmtOf: (i: number) => string | undefined): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("weekly_sales");
  const lines = SEED_SALES(1200);
  ws.addRow(lines[0]);
  lines.slice(1).forEach((l, i) => {
    const row = ws.addRow([l[0], l[1], Number(l[2])]);
    const fmt = fmtOf(i);
    if (fmt !== undefined) row.getCell(3).numFmt = fmt;
  });
  await wb.xlsx.writeFile(file);
}

test("a £ number format on the revenue column gives GBP without the flag", async () => {
  const dir = tempDir("fmt");
  const book = join(dir, "pounds.xlsx");
  await seedBook(book, () => "[$£-809]#,##0.00");
  const r = await runCli([
    "analyze",
    book,
    "--json",
    join(dir, "s.json"),
    "--out",
    join(dir, "o.xlsx"),
  ]);
  expect(r.code).toBe(0);
  expect(JSON.parse(readFileSync(join(dir, "s.json"), "utf8")).summary.currency).toBe("GBP");
  expect(r.out).toMatch(/Total gap {8}£/);
  const cells = await moneyCells(join(dir, "o.xlsx"));
  expect(cells.length).toBeGreaterThan(0);
  for (const c of cells) expect(c.numFmt).toContain("£");
});

test("£ and € formats in one revenue column: exit 2 naming sheet, column and both currencies", async () => {
  const dir = tempDir("mixed");
  const book = join(dir, "mixed.xlsx");
  await seedBook(book, (i) => (i === 700 ? '"€"#,##0.00' : "£#,##0.00"));
  const r = await runCli(["analyze", book, "--json", join(dir, "s.json")]);
  expect(r.code).toBe(2);
  expect(r.err).toContain("weekly_sales");
  expect(r.err).toContain('"weekly_spend"');
  expect(r.err).toMatch(/GBP[^\n]*EUR/);
  expect(r.err).toContain("row 702"); // header in row 1, data row index 700 in sheet row 702
  expect(existsSync(join(dir, "s.json"))).toBe(false);
});

test('CSV money text "€12,50" gives EUR, with the same figures as plain numbers', async () => {
  const lines = SEED_SALES(1200);
  const plain = join(tempDir("plain"), "in");
  const euro = join(tempDir("euro"), "in");
  mkdirSync(plain);
  mkdirSync(euro);
  writeFileSync(join(plain, "weekly_sales.csv"), lines.map((l) => l.join(",")).join("\n"));
  writeFileSync(
    join(euro, "weekly_sales.csv"),
    [
      lines[0].join(","),
      ...lines.slice(1).map((l) => `${l[0]},${l[1]},"€${l[2].replace(".", ",")}"`),
    ].join("\n"),
  );
  const a = await runCli(["analyze", plain, "--json", join(plain, "..", "s.json")]);
  const b = await runCli(["analyze", euro, "--json", join(euro, "..", "s.json")]);
  expect(a.code).toBe(0);
  expect(b.code).toBe(0);
  const sa = JSON.parse(readFileSync(join(plain, "..", "s.json"), "utf8"));
  const sb = JSON.parse(readFileSync(join(euro, "..", "s.json"), "utf8"));
  expect(sb.summary.currency).toBe("EUR");
  const { currency: _c, ...figures } = sb.summary;
  expect(figures).toEqual(sa.summary);
  expect(b.out).toContain("€");
});

test("precedence: --currency > pack parameters.currency > the input's format > USD", async () => {
  const dir = tempDir("prec");
  const book = join(dir, "pounds.xlsx");
  await seedBook(book, () => "£#,##0.00");
  const pack = JSON.parse(
    readFileSync(join(__dirname, "../../src/rules/packs/default.json"), "utf8"),
  ) as { parameters: Record<string, unknown> };
  pack.parameters.currency = "EUR";
  const packFile = join(dir, "euro-pack.json");
  writeFileSync(packFile, JSON.stringify(pack, null, 2));
  const currencyOf = async (args: string[]): Promise<string | undefined> => {
    const json = join(dir, `s${Math.random().toString(36).slice(2)}.json`);
    const r = await runCli(["analyze", book, "--json", json, ...args]);
    expect(r.code).toBe(0);
    return JSON.parse(readFileSync(json, "utf8")).summary.currency;
  };
  expect(await currencyOf([])).toBe("GBP");
  expect(await currencyOf(["--rules", packFile])).toBe("EUR");
  expect(await currencyOf(["--rules", packFile, "--currency", "jpy"])).toBe("JPY");
  expect(await currencyOf(["--currency", "USD"])).toBeUndefined(); // USD: the JSON as always
});

test("--currency must be three letters; an unknown code is written as a prefix", async () => {
  const dir = tempDir("badcur");
  const bad = await runCli(["analyze", join(SEED_DIR), "--currency", "pounds"]);
  expect(bad.code).toBe(2);
  expect(bad.err).toContain("--currency");
  const odd = await runCli([
    "analyze",
    join(SEED_DIR),
    "--currency",
    "XQZ",
    "--json",
    join(dir, "s.json"),
  ]);
  expect(odd.code).toBe(0);
  expect(odd.err).toContain('"XQZ 1,234.00"');
  expect(odd.out).toMatch(/Total gap {8}XQZ [\d,]+\.\d\d/);
});
