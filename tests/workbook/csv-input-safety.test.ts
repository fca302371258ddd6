/**
 * CSV input (issue 10, items 6 and 7): the encoding is detected (UTF-8 with or without BOM,
 * UTF-16 with BOM, otherwise Windows-1252) and reported; a quote that never closes is reported
 * with its line and how many lines it would swallow; hidden files (._x.csv, .DS_Store, ~$ lock
 * files) are skipped with an info notice. Inputs stay byte-identical.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decodeCsvBytes } from "../../src/workbook/csv-encoding";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";
import { inputNotices } from "../../src/workbook/input-notices";
import { runCli, SEED_DIR, tempDir } from "../cli/run-cli";

function seedCopy(): string {
  const dir = join(tempDir("csv"), "seed");
  mkdirSync(dir);
  for (const f of readdirSync(SEED_DIR)) copyFileSync(join(SEED_DIR, f), join(dir, f));
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((f) => [f, readFileSync(join(dir, f)).toString("base64")]),
  );
}

describe("encodings", () => {
  const text = "customer_id,name\r\nJosé,1\r\nJosè,2\r\n";
  test.each([
    ["UTF-8", Buffer.from(text, "utf8")],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ["UTF-16 LE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
    [
      "UTF-16 BE",
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]),
    ],
    ["Windows-1252", Buffer.from(text, "latin1")],
  ])("%s", (encoding, bytes) => {
    expect(decodeCsvBytes(bytes)).toEqual({ text, encoding });
  });

  test("a Latin-1 folder keeps two accented customers apart and says how it was read", async () => {
    const dir = tempDir("latin");
    writeFileSync(join(dir, "customers.csv"), Buffer.from(text, "latin1"));
    const book = await readCsvFolder(dir);
    expect(book.tables[0].rows.map((r) => r[0])).toEqual(["José", "Josè"]);
    expect(inputNotices(book)).toEqual([
      expect.stringMatching(/^customers\.csv: not valid UTF-8, read as Windows-1252/),
    ]);
  });
});

describe("via the CLI, inputs untouched", () => {
  test("a stray quote: exit 2, the line it opens on and how many lines it would swallow", async () => {
    const dir = seedCopy();
    const file = join(dir, "retail_weekly_sales.csv");
    const lines = readFileSync(file, "utf8").split("\n");
    lines[100] = lines[100].replace(",101,", ',"101,');
    writeFileSync(file, lines.join("\n"));
    const before = snapshot(dir);
    const run = await runCli(["analyze", dir, "--quiet"]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(
      /retail_weekly_sales\.csv, line 101: a quoted field opens here and is never closed, so it would swallow the 2,300 lines after it \(lines 102 to 2401\)/,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  test("hidden files from a Mac, Windows and Office are skipped with a notice", async () => {
    const dir = seedCopy();
    // AppleDouble resource fork: binary junk with a name that would take the sales role.
    writeFileSync(join(dir, "._retail_weekly_sales.csv"), Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]));
    writeFileSync(join(dir, ".DS_Store"), Buffer.from([0, 0, 0, 1, 66, 117, 100, 49]));
    writeFileSync(join(dir, "~$retail_customers.csv"), "lock");
    const before = snapshot(dir);
    const plain = await runCli(["analyze", SEED_DIR, "--json", join(tempDir("j"), "a.json")]);
    const run = await runCli(["analyze", dir, "--json", join(tempDir("j"), "b.json")]);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(
      /info: ignored hidden files \.DS_Store, \._retail_weekly_sales\.csv, ~\$retail_customers\.csv/,
    );
    const headline = (out: string): string => out.replace(/^Summary JSON .*$/m, "");
    expect(headline(run.out)).toEqual(headline(plain.out));
    expect(snapshot(dir)).toEqual(before);
  });

  test("a Latin-1 CSV file is read and reported", async () => {
    const dir = seedCopy();
    const file = join(dir, "retail_customers.csv");
    writeFileSync(file, Buffer.from(readFileSync(file, "utf8") + "Müller,40,2,True\n", "latin1"));
    const before = snapshot(dir);
    const run = await runCli(["analyze", dir]);
    expect(run.err).toMatch(/info: retail_customers\.csv: not valid UTF-8, read as Windows-1252/);
    expect(run.err).not.toMatch(/\uFFFD/);
    expect(snapshot(dir)).toEqual(before);
  });
});
